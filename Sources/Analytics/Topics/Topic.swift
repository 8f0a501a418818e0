/// One recurring question found in customer messages.
struct Topic: Equatable {
    /// 1 for the largest topic, then by size.
    var id: Int
    /// Two to four readable terms, most characteristic first.
    var label: String
    var keywords: [String]
    /// Customer messages of the report window in this topic (indices into `ReportData.messages`).
    var members: [Int]
    var threadCount: Int
    /// Customer messages of the previous window of the same length that fall in this topic.
    var previousCount: Int
    /// Up to three messages from different threads, the most typical first.
    var examples: [Int]
    /// Best-covering article (index into `ReportOptions.articles`) and its cosine score.
    var bestArticle: Int?
    var articleScore: Double?
    var covered: Bool
    /// Mean cosine of members to the topic's centroid: low for a grab-bag of unrelated messages.
    var cohesion: Double
    /// Mean share of its three best terms' occurrences that fall inside the topic.
    var distinctiveness: Double
    /// The label in the other report language (French when the report is in English).
    var otherLanguageLabel: String = ""
}
