/// Deterministic clustering of TF-IDF vectors into topics.
///
/// 1. Average-linkage agglomerative clustering of an evenly spaced sample (at most
///    `sampleSize` documents, taken in input order, so no random seed is involved).
/// 2. The number of clusters is the cut of that dendrogram with the best simplified
///    silhouette (cosine to own centroid vs. nearest other centroid) on the sample.
/// 3. A few rounds of spherical k-means over every document, started from those centroids.
struct TopicClusterer {
    var sampleSize = 1200
    var maxClusters = 120
    var refinementRounds = 3

    struct Result {
        /// Cluster of each input vector (-1 for empty vectors).
        var assignment: [Int]
        var similarity: [Float]
        var centroids: CentroidMatrix
        /// The chosen number of clusters and its silhouette, for the record.
        var k: Int
        var silhouette: Double
    }

    func cluster(_ vectors: [SparseVector], weights: [Float], dimension: Int) -> Result {
        let candidates = vectors.indices.filter { !vectors[$0].isEmpty }
        var result = Result(
            assignment: [Int](repeating: -1, count: vectors.count),
            similarity: [Float](repeating: 0, count: vectors.count),
            centroids: CentroidMatrix(dimension: dimension), k: 0, silhouette: 0)
        guard candidates.count >= 2 else {
            if let only = candidates.first {
                result.centroids.appendMean(of: [only], vectors: vectors, weights: weights)
                result.assignment[only] = 0
                result.similarity[only] = 1
                result.k = 1
            }
            return result
        }
        let m = min(sampleSize, candidates.count)
        let sample = (0..<m).map { candidates[$0 * candidates.count / m] }
        let (merges, sampleSimilarity) = averageLinkage(sample.map { vectors[$0] })

        // Pick k by simplified silhouette over the dendrogram cuts.
        let upper = min(maxClusters, max(2, m / 4))
        var ks = Array(2...min(upper, 20))
        var next = 22
        while next <= upper {
            ks.append(next)
            next += next < 40 ? 2 : next < 80 ? 4 : 8
        }
        var bestK = 2
        var bestScore = -Double.infinity
        var bestGroups: [[Int]] = []
        for k in ks where k <= m {
            let groups = cut(merges, count: m, clusters: k)
            let score = silhouette(groups: groups, similarity: sampleSimilarity, count: m)
            if score > bestScore + 1e-9 {
                bestScore = score
                bestK = k
                bestGroups = groups
            }
        }
        var centroids = CentroidMatrix(dimension: dimension)
        for group in bestGroups {
            centroids.appendMean(of: group.map { sample[$0] }, vectors: vectors, weights: weights)
        }

        // Spherical k-means over everything.
        var assignment = result.assignment
        var similarity = result.similarity
        for round in 0...refinementRounds {
            var members = [[Int]](repeating: [], count: centroids.rows)
            for i in candidates {
                let (row, sim) = centroids.nearest(vectors[i])
                assignment[i] = row
                similarity[i] = sim
                members[row].append(i)
            }
            if round == refinementRounds { break }
            var updated = CentroidMatrix(dimension: dimension)
            var remap = [Int](repeating: -1, count: centroids.rows)
            for (r, group) in members.enumerated() where !group.isEmpty {
                remap[r] = updated.rows
                updated.appendMean(of: group, vectors: vectors, weights: weights)
            }
            centroids = updated
        }
        result.assignment = assignment
        result.similarity = similarity
        result.centroids = centroids
        result.k = bestK
        result.silhouette = bestScore
        return result
    }

    /// Merge steps (a, b): cluster b joins cluster a, most similar pair first.
    private func averageLinkage(_ docs: [SparseVector]) -> (merges: [(Int, Int)], similarity: [Float]) {
        let n = docs.count
        var sim = [Float](repeating: 0, count: n * n)
        // Inverted index over the sample: cost follows shared terms, not n².
        var postings: [Int32: [(Int, Float)]] = [:]
        for (d, v) in docs.enumerated() {
            for k in v.ids.indices { postings[v.ids[k], default: []].append((d, v.values[k])) }
        }
        // Sorted term order: float sums must add up in the same order on every run.
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
        let original = sim
        var size = [Int](repeating: 1, count: n)
        var active = [Bool](repeating: true, count: n)
        var best = [Int](repeating: -1, count: n)
        var bestSim = [Float](repeating: -.infinity, count: n)
        func refresh(_ i: Int) {
            best[i] = -1
            bestSim[i] = -.infinity
            for j in 0..<n where j != i && active[j] && sim[i * n + j] > bestSim[i] {
                bestSim[i] = sim[i * n + j]
                best[i] = j
            }
        }
        for i in 0..<n { refresh(i) }
        var merges: [(Int, Int)] = []
        for _ in 0..<(n - 1) {
            var a = -1
            var top: Float = -.infinity
            for i in 0..<n where active[i] && best[i] >= 0 && bestSim[i] > top {
                top = bestSim[i]
                a = i
            }
            guard a >= 0 else { break }
            var b = best[a]
            if b < a { swap(&a, &b) }
            merges.append((a, b))
            let na = Float(size[a])
            let nb = Float(size[b])
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
        return (merges, original)
    }

    /// The clusters left after replaying merges until `clusters` remain; members in order.
    private func cut(_ merges: [(Int, Int)], count n: Int, clusters: Int) -> [[Int]] {
        var parent = Array(0..<n)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for (a, b) in merges.prefix(max(0, n - clusters)) { parent[root(b)] = root(a) }
        var groupOf: [Int: Int] = [:]
        var groups: [[Int]] = []
        for i in 0..<n {
            let r = root(i)
            if let g = groupOf[r] {
                groups[g].append(i)
            } else {
                groupOf[r] = groups.count
                groups.append([i])
            }
        }
        return groups
    }

    /// Mean silhouette of the sample under `groups`, with cosine distance (1 − similarity);
    /// singletons score 0, so a giant cluster plus outliers does not look good.
    private func silhouette(groups: [[Int]], similarity: [Float], count n: Int) -> Double {
        var label = [Int](repeating: 0, count: n)
        for (g, group) in groups.enumerated() { for i in group { label[i] = g } }
        var total = 0.0
        var scored = 0
        var sums = [Double](repeating: 0, count: groups.count)
        // Every point up to 600, then an even subsample of rows (all columns still count).
        let step = max(1, n / 600)
        for i in stride(from: 0, to: n, by: step) {
            scored += 1
            let own = label[i]
            guard groups[own].count > 1 else { continue }
            for g in sums.indices { sums[g] = 0 }
            similarity.withUnsafeBufferPointer { row in
                for j in 0..<n where j != i { sums[label[j]] += Double(row[i * n + j]) }
            }
            let a = 1 - sums[own] / Double(groups[own].count - 1)
            var b = Double.infinity
            for g in groups.indices where g != own { b = min(b, 1 - sums[g] / Double(groups[g].count)) }
            let denom = max(a, b)
            if denom > 0 && b.isFinite { total += (b - a) / denom }
        }
        return scored == 0 ? 0 : total / Double(scored)
    }
}
