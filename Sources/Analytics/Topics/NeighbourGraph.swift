import MailCore

/// The graph of each document's nearest neighbours: an edge from every document to the `neighbours` documents most
/// like it (cosine, above 0; ties: lower index first), kept in both directions with the cosine as its weight.
///
/// Exact: every pair's cosine is summed over an inverted index, one document's row at a time, so the cost grows
/// with the square of the documents (BANKING77's 3,080 questions with their letter pieces: about 70 million
/// products). The caller decides how many documents that is worth (`TopicPipeline.graphLimit`).
struct NeighbourGraph {
    /// Per node: its neighbours ascending, with the edge's weight.
    private(set) var edges: [[(node: Int, weight: Double)]]

    var count: Int { edges.count }

    init(edges: [[(node: Int, weight: Double)]]) { self.edges = edges }

    init(_ vectors: [SparseVector], neighbours k: Int) {
        let n = vectors.count
        var postings: [Int32: [(Int32, Float)]] = [:]
        for (d, v) in vectors.enumerated() {
            for i in v.ids.indices { postings[v.ids[i], default: []].append((Int32(d), v.values[i])) }
        }
        let nearest = Parallel.chunks(n) { range -> [[(Int, Float)]] in
            var row = [Float](repeating: 0, count: n)
            var touched: [Int] = []
            return range.map { d in
                let v = vectors[d]
                for i in v.ids.indices {
                    for (e, w) in postings[v.ids[i]]! {
                        if row[Int(e)] == 0 { touched.append(Int(e)) }
                        row[Int(e)] += v.values[i] * w
                    }
                }
                var top: [(Int, Float)] = []
                for e in touched where e != d && row[e] > 0 {
                    let s = row[e]
                    if top.count == k, let last = top.last, !(s > last.1 || (s == last.1 && e < last.0)) { continue }
                    let at = top.firstIndex { s > $0.1 || (s == $0.1 && e < $0.0) } ?? top.count
                    top.insert((e, s), at: at)
                    if top.count > k { top.removeLast() }
                }
                for e in touched { row[e] = 0 }
                touched.removeAll(keepingCapacity: true)
                return top
            }
        }.flatMap { $0 }
        var weights: [[Int: Double]] = Array(repeating: [:], count: n)
        for (d, list) in nearest.enumerated() {
            for (e, s) in list {
                weights[d][e] = Double(s)
                weights[e][d] = Double(s)
            }
        }
        edges = weights.map { $0.sorted { $0.key < $1.key }.map { (node: $0.key, weight: $0.value) } }
    }
}
