extension TopicClusterer {
    /// The graph path, for a learned set small enough for an exact neighbour graph (`TopicPipeline.graphLimit`):
    ///
    /// 1. the communities (`Louvain`, `graphResolution`) of the graph of each document's `graphNeighbours` nearest
    ///    (`NeighbourGraph`, on `graph`: the clustering's vectors with the letter pieces of the stems, `StemGrams`);
    /// 2. communities one answer of the team answers merge, a pair at a time (`answerMerges`); not by their
    ///    customers' words: a community is one wording of one question, and communities close in their words are
    ///    sibling questions (on BANKING77's dev half the word merges and the split after them took recall from 0.51
    ///    to 0.45-0.49; on a help center's dev seed the word merges of answered communities joined two questions,
    ///    precision 0.93 to 0.88);
    /// 3. every document joins its nearest merged community; no split (a community is not a k-means cluster that
    ///    swallowed a sibling);
    /// 4. step 5 (`withoutRemnants`).
    func clusterByGraph(
        _ candidates: [Int], vectors: [SparseVector], graph: (vectors: [SparseVector], dimension: Int),
        answersFrom: Int, minimumSize: Int, french: [Bool]
    ) -> [Int] {
        let neighbours = NeighbourGraph(candidates.map { graph.vectors[$0] }, neighbours: graphNeighbours)
        let community = Louvain(resolution: graphResolution).communities(neighbours)
        var members = [[Int]](repeating: [], count: (community.max() ?? -1) + 1)
        for (k, c) in community.enumerated() { members[c].append(candidates[k]) }
        var sets = UnionFind(count: members.count)
        for (a, b) in answerMerges(members, vectors: vectors, answersFrom: answersFrom, french: french) {
            sets.union(a, b)
        }
        var joined = [Int](repeating: -1, count: vectors.count)
        for (c, docs) in members.enumerated() { for d in docs { joined[d] = sets.root(c) } }
        let merged = means(joined, rows: members.count, vectors: graph.vectors, dimension: graph.dimension)
        let assignment = assign(candidates, graph.vectors, merged, floor: 0)
        // Centroids of the clusters as assigned (one nobody joined is dropped, the others renumbered in order).
        var used = [Bool](repeating: false, count: merged.rows)
        for a in assignment where a >= 0 { used[a] = true }
        var row = [Int](repeating: -1, count: merged.rows)
        var next = 0
        for r in 0..<merged.rows where used[r] {
            row[r] = next
            next += 1
        }
        let renumbered = assignment.map { $0 >= 0 ? row[$0] : -1 }
        let centroids = means(renumbered, rows: next, vectors: graph.vectors, dimension: graph.dimension)
        return withoutRemnants(
            renumbered, centroids: centroids, candidates: candidates, vectors: graph.vectors, minimumSize: minimumSize)
    }

    /// The merges of communities (indices into `members`) that one team answer answers, a pair at a time, each
    /// merged group judged as a whole afterwards (no chaining). A pair merges when one answer answers at least
    /// `sharedAnswerShare` (and two) of each, or `crossLanguageAnswerShare` of each when their shares of French
    /// documents differ by more than half (a team that answers in the asker's language gives one question's French
    /// and English askers their own saved replies, so the two share fewer answers); the pair whose common answer
    /// answers the most of both first (ties: lower indices).
    ///
    /// The graph can put two sibling questions' askers in one community ("a copy of my bill" and "where do I send
    /// my reading", "a higher capacity" and "a charger for my car", asked in one language), each half answered with
    /// its own saved reply. That community shares an answer with each question's other communities: joining every
    /// group that shares an answer (`sharedAnswers` into one union) chained the two questions into one topic through
    /// it (the energy help center's seed 10: two such pairs, precision 0.89). Here it joins one of them, and then
    /// the other question's answer no longer answers enough of the merged group.
    func answerMerges(_ members: [[Int]], vectors: [SparseVector], answersFrom: Int, french: [Bool]) -> [(Int, Int)] {
        var profiles = members.map { AnswerProfile(of: $0, vectors: vectors, from: answersFrom) }
        var frenchCount = members.map { m in french.isEmpty ? 0 : m.filter { french[$0] }.count }
        var active = members.map { !$0.isEmpty }
        func frenchShare(_ g: Int) -> Double { Double(frenchCount[g]) / Double(profiles[g].size) }
        let lowest = min(sharedAnswerShare, crossLanguageAnswerShare)
        var merges: [(Int, Int)] = []
        while true {
            // Per team answer, the active groups it answers enough of (ascending), with that share.
            var holders: [Int32: [(group: Int, share: Double)]] = [:]
            for g in members.indices where active[g] {
                for (id, n) in profiles[g].counts where n >= 2 {
                    let share = Double(n) / Double(profiles[g].size)
                    if share >= lowest { holders[id, default: []].append((g, share)) }
                }
            }
            var best: (a: Int, b: Int, share: Double)?
            for list in holders.values {
                for i in list.indices {
                    for j in (i + 1)..<list.count {
                        let (a, b) = (list[i].group, list[j].group)
                        let share = min(list[i].share, list[j].share)
                        let languages = !french.isEmpty && abs(frenchShare(a) - frenchShare(b)) > 0.5
                        guard share >= sharedAnswerShare || (languages && share >= crossLanguageAnswerShare) else {
                            continue
                        }
                        if let top = best, share < top.share || (share == top.share && (a, b) >= (top.a, top.b)) {
                            continue
                        }
                        best = (a, b, share)
                    }
                }
            }
            guard let (a, b, _) = best else { break }
            merges.append((a, b))
            profiles[a].add(profiles[b])
            frenchCount[a] += frenchCount[b]
            active[b] = false
        }
        return merges
    }
}
