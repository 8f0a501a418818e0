import MailCore

extension TopicPipeline {
    /// `limit` indices evenly spaced over `0..<count`, ascending (the same ones on every run); nil when
    /// `count` is within the limit, so every document is used.
    static func evenlySpaced(_ count: Int, limit: Int) -> [Int]? {
        guard count > limit, limit > 0 else { return nil }
        return (0..<limit).map { $0 * count / limit }
    }

    /// Gives the conversations left out of the learning (`all` minus `learned`) the learned topic nearest to
    /// their enquiry's words, when at least `clusterer.assignFloor` close; a block of documents is analysed
    /// at a time and only its result kept, so this holds no vector per conversation. The comparison is on
    /// the customers' words (the text part of the learned vectors): the team-answer evidence is learned on
    /// the sample only. Topics are then ordered again by their current messages (ties: learned order) and
    /// renumbered; `groups` (learned documents per topic) follows the same order.
    func assignRest(
        _ topics: inout [Topic], groups: inout [[Int]], all: [TopicDocuments.Document], currentCount: Int,
        learned: [Int], features: TopicFeatures, data: ReportData, personal: PersonalText, block: Int = 4_096
    ) {
        guard !topics.isEmpty else { return }
        var centroids = CentroidMatrix(dimension: features.textDimension)
        let ones = [Float](repeating: 1, count: features.text.count)
        for docs in groups { centroids.appendMean(of: docs, vectors: features.text, weights: ones) }
        var isLearned = [Bool](repeating: false, count: all.count)
        for d in learned { isLearned[d] = true }
        let rest = all.indices.filter { !isLearned[$0] }
        isLearned = []
        var members = [[Int]](repeating: [], count: topics.count)
        var threads = [Int](repeating: 0, count: topics.count)
        var previous = [Int](repeating: 0, count: topics.count)
        let floor = clusterer.assignFloor
        for start in stride(from: 0, to: rest.count, by: block) {
            let end = min(rest.count, start + block)
            let enquiries = data.messages.summaries((start..<end).map { all[rest[$0]].enquiry })
            let nearest = Parallel.chunks(end - start) { range in
                range.map { k -> Int in
                    let document = analyse(enquiries[k], personal: personal)
                    guard !document.isAcknowledgement else { return -1 }
                    let vector = features.vector(features.termCounts(features.vocabulary.known(document.tokens)))
                    guard !vector.isEmpty else { return -1 }
                    let (row, similarity) = centroids.nearest(vector)
                    return similarity >= floor && similarity > 0 ? row : -1
                }
            }.joined()
            for (k, row) in nearest.enumerated() where row >= 0 {
                let d = rest[start + k]
                if d < currentCount {
                    members[row] += all[d].members
                    threads[row] += 1
                } else {
                    previous[row] += all[d].memberCount
                }
            }
        }
        for r in topics.indices {
            topics[r].members = (topics[r].members + members[r]).sorted()
            topics[r].threadCount += threads[r]
            topics[r].previousCount += previous[r]
        }
        let order = topics.indices.sorted { a, b in
            topics[a].members.count != topics[b].members.count
                ? topics[a].members.count > topics[b].members.count : a < b
        }
        topics = order.enumerated().map { rank, r in
            var topic = topics[r]
            topic.id = rank + 1
            return topic
        }
        groups = order.map { groups[$0] }
    }
}
