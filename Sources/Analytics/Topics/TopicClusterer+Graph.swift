extension TopicClusterer {
    /// The graph path, for a learned set small enough for an exact neighbour graph (`TopicPipeline.graphLimit`):
    ///
    /// 1. the communities (`Louvain`, `graphResolution`) of the graph of each document's `graphNeighbours` nearest
    ///    (`NeighbourGraph`, on `graph`: the clustering's vectors with the letter pieces of the stems, `StemGrams`);
    /// 2. communities one answer of the team answers merge (`sharedAnswers`, and across languages
    ///    `crossLanguageMerges`); not by their customers' words: a community is one wording of one question, and
    ///    communities close in their words are sibling questions (on BANKING77's dev half the word merges and the
    ///    split after them took recall from 0.51 to 0.45-0.49; on a help center's dev seed the word merges of
    ///    answered communities joined two questions, precision 0.93 to 0.88);
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
        for group in sharedAnswers(members: members, vectors: vectors, answersFrom: answersFrom) {
            for b in group.dropFirst() { sets.union(group[0], b) }
        }
        for (a, b) in crossLanguageMerges(members, vectors: vectors, answersFrom: answersFrom, french: french) {
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

    /// Pairs of communities (indices into `members`) whose shares of French documents differ by more than half and
    /// that one answer of the team answers in both, for at least `crossLanguageAnswerShare` (and two) of each. The
    /// graph puts one question's French and English askers in two communities (their words and letters differ), and
    /// a team that answers in the asker's language gives each its own saved reply, so the two share fewer answers
    /// than `sharedAnswerShare` asks (a fifth to a third of each in a help center's dev seed).
    func crossLanguageMerges(
        _ members: [[Int]], vectors: [SparseVector], answersFrom: Int, french: [Bool]
    ) -> [(Int, Int)] {
        guard !french.isEmpty else { return [] }
        let share = members.map { m in m.isEmpty ? 0 : Double(m.filter { french[$0] }.count) / Double(m.count) }
        let answers = members.indices.map { c in
            Set(
                AnswerProfile(of: members[c], vectors: vectors, from: answersFrom).counts.filter { _, n in
                    n >= 2 && Double(n) >= crossLanguageAnswerShare * Double(members[c].count)
                }.keys)
        }
        var pairs: [(Int, Int)] = []
        for a in members.indices where !answers[a].isEmpty {
            for b in (a + 1)..<members.count
            where abs(share[a] - share[b]) > 0.5 && !answers[a].isDisjoint(with: answers[b]) {
                pairs.append((a, b))
            }
        }
        return pairs
    }
}
