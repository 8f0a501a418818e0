import FoundationEssentials

extension TopicPipeline {
    /// Topics from the clusters that hold current documents, most current messages first (ties:
    /// first thread), with labels, examples and the previous window's count. `groups` lists each
    /// topic's current documents.
    func makeTopics(
        assignment: [Int], documents: [TopicDocuments.Document], currentCount: Int, analysed: [Analysed],
        features: TopicFeatures, data: ReportData, labeler: TopicLabeler
    ) -> (topics: [Topic], groups: [[Int]]) {
        var docsOf: [Int: [Int]] = [:]
        for (d, c) in assignment.enumerated() where c >= 0 { docsOf[c, default: []].append(d) }
        func messages(_ docs: [Int]) -> Int { docs.reduce(0) { $0 + documents[$1].memberCount } }
        var clusters = docsOf.keys.sorted().map { docsOf[$0]! }.filter { $0[0] < currentCount }
        clusters.sort { a, b in
            let (ma, mb) = (messages(a.filter { $0 < currentCount }), messages(b.filter { $0 < currentCount }))
            return ma != mb ? ma > mb : a[0] < b[0]
        }
        // A topic recurs within the window: one conversation there is not a topic.
        clusters.removeAll { $0.filter { $0 < currentCount }.count < 2 }
        let groups = clusters.map { $0.filter { $0 < currentCount } }
        let labels = labeler.labels(groups: groups, documents: documents, analysed: analysed, data: data)
        let ones = [Float](repeating: 1, count: features.combined.count)
        let topics = groups.enumerated().map { r, docs in
            var centroid = CentroidMatrix(dimension: features.dimension)
            centroid.appendMean(of: docs, vectors: features.combined, weights: ones)
            let scored = docs.map { ($0, centroid.similarity(features.combined[$0], row: 0)) }
            let typical = scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let cohesion = scored.reduce(0.0) { $0 + Double($1.1) } / Double(max(1, scored.count))
            return Topic(
                id: r + 1, label: labels[r].label, keywords: labels[r].keywords,
                members: docs.flatMap { documents[$0].members }.sorted(), threadCount: docs.count,
                previousCount: messages(clusters[r].filter { $0 >= currentCount }),
                examples: typical.prefix(3).map { documents[$0.0].enquiry }, bestArticle: nil, articleScore: nil,
                covered: false, cohesion: cohesion, distinctiveness: labels[r].distinctiveness,
                otherLanguageLabel: labels[r].otherLanguage)
        }
        return (topics, groups)
    }

    /// The best-covering article per topic: cosine of the article against the topic's French and
    /// English halves (concepts make the languages comparable), the better of the two.
    func matchArticles(
        _ topics: inout [Topic], groups: [[Int]], articles: [Article], features: TopicFeatures, analysed: [Analysed]
    ) {
        guard !articles.isEmpty, !topics.isEmpty else { return }
        let vectors = articles.map { article in
            features.vector(
                features.termCounts(
                    features.vocabulary.lookup(lexicon.map(analyzer.analyze(ArticleText.plain(article.text))))))
        }
        let ones = [Float](repeating: 1, count: features.text.count)
        for r in topics.indices {
            let docs = groups[r]
            var parts = CentroidMatrix(dimension: features.textDimension)
            for french in [false, true] {
                let half = docs.filter { analysed[$0].french == french }
                if !half.isEmpty { parts.appendMean(of: half, vectors: features.text, weights: ones) }
            }
            var best: (Int, Float)?
            for (a, v) in vectors.enumerated() where !v.isEmpty {
                var score: Float = 0
                for p in 0..<parts.rows { score = max(score, parts.similarity(v, row: p)) }
                if best == nil || score > best!.1 { best = (a, score) }
            }
            if let best {
                topics[r].bestArticle = best.0
                topics[r].articleScore = Double(best.1)
                topics[r].covered = Double(best.1) >= articleThreshold
            }
        }
    }
}
