import MailCore

/// Deterministic clustering of document vectors into topics, with no number of topics given:
///
/// 1. average-linkage agglomeration of an evenly spaced sample (at most `sampleSize`
///    documents, in input order: no random seed), stopped when the closest two clusters are
///    less similar than `linkThreshold`;
/// 2. the sample's clusters of at least `seedSize` documents seed a few rounds of spherical
///    k-means over every document (linear in the documents);
/// 3. clusters merge until all are distinct: the closest two first while their customers' words
///    are at least `mergeThreshold` close, each merged cluster compared as a whole (no chaining),
///    or `guardedMergeThreshold` close when the team's answers do not tell them apart, or when one
///    answer of the team (a saved reply, a help-center article) answers at least `sharedAnswerShare`
///    of each;
/// 4. clusters whose members form two groups by their customers' words (halves less than
///    `splitThreshold` alike, no team answer common to both) are cut in two (`splitIncoherent`);
///    no document moves to another cluster;
/// 5. clusters under `minimumSize` documents, or under `remnantShare` of the median cluster's,
///    are remnants and dissolved; then every document joins the nearest remaining topic when at
///    least `assignFloor` close, else none ("other").
struct TopicClusterer {
    var sampleSize = 1200
    var linkThreshold: Float = 0.16
    var mergeThreshold: Float = 0.35
    /// Clusters whose customers' words are at least this close (and under `mergeThreshold`) merge too, unless
    /// the team's answers tell them apart (`AnswerProfile.isApart`): two wordings of one question are often no
    /// closer in their words than two sibling questions, and only the team's answers tell those apart. Where
    /// nobody answered (BANKING77's bare questions) the words decide. At or above `mergeThreshold`: no such merges.
    var guardedMergeThreshold: Float = 0.2
    /// A cluster counts as answered when the share of its documents that carry a team answer is at least this
    /// part of that share over all clusters (how often this team answers at all): a team that answers half its
    /// threads leaves a question it answers with few answered threads in a small cluster (2 of 5 in the demo's
    /// sample), and an absolute half made that cluster unanswered, free to join an unanswered question.
    var answeredShare = 0.5
    var assignFloor: Float = 0.08
    var refinementRounds = 3
    /// A cluster this much smaller than the median one is a remnant of a bigger question or a
    /// few stray enquiries, not a topic of its own (relative, so it holds for any mailbox size).
    var remnantShare = 0.25
    /// The graph path (`clusterByGraph`): neighbours per document and Louvain's resolution.
    var graphNeighbours = 8
    var graphResolution = 3.0
    /// Two communities mostly in different languages are one question when one team answer answers this much
    /// of each (`answerMerges`).
    var crossLanguageAnswerShare = 0.15
    /// Two clusters one answer of the team answers this much of (each) ask one question.
    var sharedAnswerShare = 0.25
    /// A cluster is cut in two when its halves' customers' wording is less alike than this
    /// (`splitIncoherent`); 0 turns the step off. 0.8 beside the guarded merges (0.7 before them): on
    /// BANKING77's dev half 0.7 left merged intents mixed (precision 0.48 against 0.53 at 0.8).
    var splitThreshold: Float = 0.8
    var splitRounds = 5
    /// A cut is not taken when one team answer answers this much of each half.
    var splitAnswerShare = 0.1

    /// Cluster of each document (-1: none). `wording` are the documents' text-only vectors: two
    /// clusters answered with different saved replies (or in two languages) are one question when
    /// their customers' words agree, so the merge step compares those. Dimensions of `vectors` from
    /// `answersFrom` on are the team-answer evidence (one per saved reply or article). `french`: which
    /// documents are in French (none told: no cut is refused for language). With `graph` (each document's vector
    /// for the neighbour graph, and their dimension) the communities of that graph replace steps 1 to 4
    /// (`clusterByGraph`).
    func cluster(
        _ vectors: [SparseVector], wording: [SparseVector], dimension: Int, answersFrom: Int? = nil, minimumSize: Int,
        french: [Bool] = [], graph: (vectors: [SparseVector], dimension: Int)? = nil
    ) -> [Int] {
        let candidates = vectors.indices.filter { !vectors[$0].isEmpty }
        var assignment = [Int](repeating: -1, count: vectors.count)
        guard candidates.count >= 2 else { return assignment }
        if let graph {
            return clusterByGraph(
                candidates, vectors: vectors, graph: graph, answersFrom: answersFrom ?? dimension,
                minimumSize: minimumSize, french: french)
        }
        let m = min(sampleSize, candidates.count)
        let sample = (0..<m).map { candidates[$0 * candidates.count / m] }
        let seedSize = max(2, m / 400)
        let groups = averageLinkage(sample.map { vectors[$0] }).filter { $0.count >= seedSize }
        var centroids = CentroidMatrix(dimension: dimension)
        for g in groups { centroids.appendMean(of: g.map { sample[$0] }, vectors: vectors, weights: ones(vectors)) }
        for _ in 0..<refinementRounds {
            assignment = assign(candidates, vectors, centroids, floor: 0)
            centroids = means(assignment, rows: centroids.rows, vectors: vectors, dimension: dimension)
        }
        centroids = mergeClose(
            assignment: assignment, rows: centroids.rows, vectors: vectors, wording: wording, dimension: dimension,
            answersFrom: answersFrom ?? dimension)
        assignment = assign(candidates, vectors, centroids, floor: 0)
        if splitThreshold > 0 {
            var members = [[Int]](repeating: [], count: centroids.rows)
            for (d, a) in assignment.enumerated() where a >= 0 { members[a].append(d) }
            let groups = splitIncoherent(
                members, vectors: vectors, wording: wording, dimension: dimension,
                answersFrom: answersFrom ?? dimension, minimumSize: minimumSize, french: french)
            // The halves keep their documents: assigning every document to the nearest half anew let the halves
            // of a cluster of leftovers ("looking forward to hearing from you") draw askers from other topics.
            centroids = CentroidMatrix(dimension: dimension)
            assignment = [Int](repeating: -1, count: vectors.count)
            for (c, g) in groups.enumerated() {
                centroids.appendMean(of: g, vectors: vectors, weights: ones(vectors))
                for d in g { assignment[d] = c }
            }
        }
        return withoutRemnants(
            assignment, centroids: centroids, candidates: candidates, vectors: vectors, minimumSize: minimumSize)
    }

    /// Step 5: clusters under `minimumSize` documents, or under `remnantShare` of the median cluster's, are
    /// dissolved, and every candidate joins its nearest kept cluster when at least `assignFloor` close.
    func withoutRemnants(
        _ assignment: [Int], centroids: CentroidMatrix, candidates: [Int], vectors: [SparseVector], minimumSize: Int
    ) -> [Int] {
        var sizes = [Int](repeating: 0, count: centroids.rows)
        for a in assignment where a >= 0 { sizes[a] += 1 }
        let large = sizes.filter { $0 >= minimumSize }.sorted()
        let median = large.isEmpty ? 0 : large[large.count / 2]
        let floor = max(minimumSize, Int((Double(median) * remnantShare).rounded(.up)))
        let kept = (0..<centroids.rows).filter { sizes[$0] >= floor }
        guard !kept.isEmpty else { return [Int](repeating: -1, count: vectors.count) }
        var survivors = CentroidMatrix(dimension: centroids.dimension)
        for r in kept { survivors.appendRow(centroids.row(r)) }
        // Every document joins its nearest kept cluster, the kept clusters' own members too: the split keeps each
        // half's documents where the cut put them, and a member a split or the seeded rounds left beside a closer
        // topic moves to it here (one round of k-means against the kept clusters, whose centroids do not move).
        return assign(candidates, vectors, survivors, floor: assignFloor, into: vectors.count)
    }

    func ones(_ vectors: [SparseVector]) -> [Float] { [Float](repeating: 1, count: vectors.count) }

    func assign(
        _ candidates: [Int], _ vectors: [SparseVector], _ centroids: CentroidMatrix, floor: Float,
        into count: Int? = nil
    ) -> [Int] {
        var assignment = [Int](repeating: -1, count: count ?? vectors.count)
        let rows = Parallel.chunks(candidates.count) { range in
            range.map { k -> Int in
                let (row, sim) = centroids.nearest(vectors[candidates[k]])
                return sim >= floor && sim > 0 ? row : -1
            }
        }.flatMap { $0 }
        for (k, d) in candidates.enumerated() { assignment[d] = rows[k] }
        return assignment
    }

    /// Centroids of the assignment; empty clusters are dropped (ids renumbered in order).
    func means(_ assignment: [Int], rows: Int, vectors: [SparseVector], dimension: Int) -> CentroidMatrix {
        var members = [[Int]](repeating: [], count: rows)
        for (d, a) in assignment.enumerated() where a >= 0 { members[a].append(d) }
        var out = CentroidMatrix(dimension: dimension)
        for group in members where !group.isEmpty {
            out.appendMean(of: group, vectors: vectors, weights: ones(vectors))
        }
        return out
    }

    /// Joins clusters whose wording centroids are at least `mergeThreshold` close (`closeMerges`), and
    /// clusters that share a main answer (`sharedAnswers`); then recomputes the centroids of the joined clusters.
    private func mergeClose(
        assignment: [Int], rows k: Int, vectors: [SparseVector], wording: [SparseVector], dimension: Int,
        answersFrom: Int
    ) -> CentroidMatrix {
        var members = [[Int]](repeating: [], count: k)
        for (d, a) in assignment.enumerated() where a >= 0 { members[a].append(d) }
        var sets = UnionFind(count: k)
        for (a, b) in closeMerges(members: members, wording: wording, vectors: vectors, answersFrom: answersFrom) {
            sets.union(a, b)
        }
        for group in sharedAnswers(members: members, vectors: vectors, answersFrom: answersFrom) {
            for b in group.dropFirst() { sets.union(group[0], b) }
        }
        var joined = assignment
        for d in joined.indices where joined[d] >= 0 { joined[d] = sets.root(joined[d]) }
        return means(joined, rows: k, vectors: vectors, dimension: dimension)
    }

    /// The merges of clusters whose wording is at least `mergeThreshold` close, the closest pair
    /// first, each merged cluster compared as a whole afterwards (centroid linkage): two wordings
    /// of one question join, but a cluster close to two others does not chain them together when
    /// they are far apart (transitive joining did: "missing item", "invoice" and "size guide"
    /// became one topic in a held-out help center). Exact and cheap: the dot products of the
    /// clusters' summed vectors are kept, and a merge adds two rows (ties: lower indices first).
    /// Pairs at least `guardedMergeThreshold` but under `mergeThreshold` close merge as well unless the
    /// team answered them apart (`answeredApart`, on `vectors`' dimensions from `answersFrom` on).
    func closeMerges(
        members: [[Int]], wording: [SparseVector], vectors: [SparseVector] = [], answersFrom: Int = .max
    ) -> [(Int, Int)] {
        let k = members.count
        let sums = members.map { Self.sum(of: $0, wording) }
        var dots = Parallel.chunks(k) { range in
            range.map { a in (0..<k).map { b in b < a ? 0 : Double(sums[a].dot(sums[b])) } }
        }.flatMap { $0 }
        for a in 0..<k { for b in 0..<a { dots[a][b] = dots[b][a] } }
        var answers = vectors.isEmpty ? [] : members.map { AnswerProfile(of: $0, vectors: vectors, from: answersFrom) }
        let answeredBar = answeredShare * AnswerProfile.answeredShare(of: answers)
        var active = members.map { !$0.isEmpty }
        var merges: [(Int, Int)] = []
        func cosine(_ a: Int, _ b: Int) -> Double {
            let n = dots[a][a] * dots[b][b]
            return n > 0 ? dots[a][b] / n.squareRoot() : 0
        }
        let bar = Double(min(mergeThreshold, guardedMergeThreshold))
        while true {
            var best: (Int, Int)?
            var top = bar
            for a in 0..<k where active[a] {
                for b in (a + 1)..<k where active[b] {
                    let c = cosine(a, b)
                    guard c >= top && (best == nil || c > top) else { continue }
                    if c < Double(mergeThreshold), !answers.isEmpty,
                        answers[a].isApart(from: answers[b], answeredShare: answeredBar, share: splitAnswerShare)
                    {
                        continue
                    }
                    top = c
                    best = (a, b)
                }
            }
            guard let (a, b) = best else { break }
            merges.append((a, b))
            active[b] = false
            dots[a][a] += 2 * dots[a][b] + dots[b][b]
            for c in 0..<k where c != a {
                dots[a][c] += dots[b][c]
                dots[c][a] = dots[a][c]
            }
            if !answers.isEmpty { answers[a].add(answers[b]) }
        }
        return merges
    }

    /// The sum of some sparse vectors (ids ascending), not normalised.
    static func sum(of members: [Int], _ vectors: [SparseVector]) -> SparseVector {
        var sum: [Int32: Float] = [:]
        for m in members {
            for k in vectors[m].ids.indices { sum[vectors[m].ids[k], default: 0] += vectors[m].values[k] }
        }
        var v = SparseVector()
        for id in sum.keys.sorted() {
            v.ids.append(id)
            v.values.append(sum[id]!)
        }
        return v
    }

    /// Per team answer, the clusters it answers at least `sharedAnswerShare` of (and two threads
    /// of), when more than one. Support teams answer one question with the same saved reply or
    /// article whatever the wording or language, so those clusters are one question split by
    /// wording; an answer that only some threads of a cluster got (a generic "we escalated
    /// this") does not join it. Linear in the documents.
    func sharedAnswers(members: [[Int]], vectors: [SparseVector], answersFrom: Int, share: Double? = nil) -> [[Int]] {
        let share = share ?? sharedAnswerShare
        var counts: [Int32: [Int: Int]] = [:]
        for (c, docs) in members.enumerated() {
            for d in docs {
                for id in vectors[d].ids where Int(id) >= answersFrom { counts[id, default: [:]][c, default: 0] += 1 }
            }
        }
        return counts.keys.sorted().compactMap { key in
            let clusters = counts[key]!.filter { c, n in
                n >= 2 && Double(n) >= share * Double(members[c].count)
            }.keys.sorted()
            return clusters.count >= 2 ? clusters : nil
        }
    }

    /// A dense centroid row as a sparse vector (non-zero entries only).
    static func sparse(_ row: ArraySlice<Float>) -> SparseVector {
        var v = SparseVector()
        for (offset, value) in row.enumerated() where value != 0 {
            v.ids.append(Int32(offset))
            v.values.append(value)
        }
        return v
    }

    /// Groups of the sample (indices into `docs`, ascending), merging the most similar pair
    /// (average linkage, cosine) until none is at least `linkThreshold` close.
    func averageLinkage(_ docs: [SparseVector]) -> [[Int]] {
        let n = docs.count
        var sim = Self.similarities(docs)
        var size = [Int](repeating: 1, count: n)
        var active = [Bool](repeating: true, count: n)
        var best = [Int](repeating: -1, count: n)
        var bestSim = [Float](repeating: -.infinity, count: n)
        var sets = UnionFind(count: n)
        // The O(n²) scans below run over buffers: array accesses from the nested function were each
        // bounds-checked through captured variables (~90 ms of a 100,000-message report, on one core).
        sim.withUnsafeMutableBufferPointer { sim in
            active.withUnsafeMutableBufferPointer { active in
                best.withUnsafeMutableBufferPointer { best in
                    bestSim.withUnsafeMutableBufferPointer { bestSim in
                        Self.merge(
                            n: n, sim: sim, size: &size, active: active, best: best, bestSim: bestSim, sets: &sets,
                            threshold: linkThreshold)
                    }
                }
            }
        }
        var groupOf: [Int: Int] = [:]
        var groups: [[Int]] = []
        for i in 0..<n {
            let r = sets.root(i)
            if let g = groupOf[r] {
                groups[g].append(i)
            } else {
                groupOf[r] = groups.count
                groups.append([i])
            }
        }
        return groups
    }

    /// `averageLinkage`'s merges: the most similar active pair first, until none reaches `threshold`.
    private static func merge(
        n: Int, sim: UnsafeMutableBufferPointer<Float>, size: inout [Int], active: UnsafeMutableBufferPointer<Bool>,
        best: UnsafeMutableBufferPointer<Int>, bestSim: UnsafeMutableBufferPointer<Float>, sets: inout UnionFind,
        threshold: Float
    ) {
        func refresh(_ i: Int) {
            var top: Float = -.infinity
            var at = -1
            let row = i * n
            for j in 0..<n where j != i && active[j] && sim[row + j] > top {
                top = sim[row + j]
                at = j
            }
            best[i] = at
            bestSim[i] = top
        }
        for i in 0..<n { refresh(i) }
        while true {
            var a = -1
            var top: Float = -.infinity
            for i in 0..<n where active[i] && best[i] >= 0 && bestSim[i] > top {
                top = bestSim[i]
                a = i
            }
            guard a >= 0, top >= threshold else { break }
            var b = best[a]
            if b < a { swap(&a, &b) }
            sets.union(a, b)
            let (na, nb) = (Float(size[a]), Float(size[b]))
            active[b] = false
            size[a] += size[b]
            for k in 0..<n where active[k] && k != a {
                let s = (na * sim[a * n + k] + nb * sim[b * n + k]) / (na + nb)
                sim[a * n + k] = s
                sim[k * n + a] = s
            }
            for k in 0..<n where active[k] {
                if k == a || best[k] == a || best[k] == b {
                    refresh(k)
                } else if sim[k * n + a] > bestSim[k] {
                    bestSim[k] = sim[k * n + a]
                    best[k] = a
                }
            }
        }
    }

    /// The full cosine matrix of the sample, summed over an inverted index in sorted term order
    /// (float sums add up in the same order on every run).
    static func similarities(_ docs: [SparseVector]) -> [Float] {
        let n = docs.count
        var sim = [Float](repeating: 0, count: n * n)
        var postings: [Int32: [(Int, Float)]] = [:]
        for (d, v) in docs.enumerated() {
            for k in v.ids.indices { postings[v.ids[k], default: []].append((d, v.values[k])) }
        }
        for term in postings.keys.sorted() {
            let list = postings[term]!
            for a in list.indices {
                let (da, wa) = list[a]
                for b in (a + 1)..<list.count {
                    let (db, wb) = list[b]
                    sim[da * n + db] += wa * wb
                }
            }
        }
        for a in 0..<n {
            for b in (a + 1)..<n { sim[b * n + a] = sim[a * n + b] }
        }
        return sim
    }
}
