/// What the topic pipeline found in a report window.
struct TopicSummary: Equatable {
    var topics: [Topic] = []
    var customerMessages = 0
    var previousCustomerMessages = 0
    /// Customer messages in no topic (too little text, or in groups too small to recur).
    var unassigned = 0
    /// The number of clusters chosen before merging and dropping, and the silhouette that chose it.
    var chosenClusters = 0
    var silhouette = 0.0
    /// How the clustering went, per language (e.g. "en:k=31 fr:k=33"), for the record.
    var clustering = ""
}
