/// Communities of a weighted graph, found by greedy modularity moves (Louvain), with no number of communities
/// given and no randomness.
///
/// A level visits the nodes in index order, again and again until none moves: each joins the neighbouring
/// community that gains the most modularity (`resolution` times the expected weight is paid for joining; ties:
/// the community with the lower id). The communities then become the nodes of the next level (their inner weight a
/// self-loop), until a level moves nothing or `levels` have run. A higher resolution gives more, smaller
/// communities: at 3 on the neighbour graph of BANKING77's dev half, about as many as it has intents.
struct Louvain {
    var resolution = 3.0
    var levels = 10

    /// The community of each node, numbered in order of each community's first node.
    func communities(_ graph: NeighbourGraph) -> [Int] {
        var community = Array(0..<graph.count)
        var edges = graph.edges
        for _ in 0..<levels {
            let (level, moved) = oneLevel(edges)
            let (labels, count) = Self.relabelled(level)
            community = community.map { labels[$0] }
            guard moved else { break }
            edges = Self.aggregated(edges, labels: labels, count: count)
        }
        return community
    }

    /// One level's moves: the community of each node, and whether any node moved.
    /// (`link`: the weight from the node to each community, positive where touched, so 0 marks one not yet seen.)
    private func oneLevel(_ edges: [[(node: Int, weight: Double)]]) -> ([Int], Bool) {
        let n = edges.count
        let degree = edges.map { $0.reduce(0) { $0 + $1.weight } }
        let total = degree.reduce(0, +)
        var community = Array(0..<n)
        var tot = degree
        guard total > 0 else { return (community, false) }
        var link = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        var movedAny = false
        while true {
            var moved = 0
            for i in 0..<n {
                let own = community[i]
                let k = degree[i]
                for (j, w) in edges[i] where j != i {
                    let c = community[j]
                    if link[c] == 0 { touched.append(c) }
                    link[c] += w
                }
                tot[own] -= k
                var best = own
                var bestGain = link[own] - resolution * tot[own] * k / total
                touched.sort()
                for c in touched {
                    let gain = link[c] - resolution * tot[c] * k / total
                    if gain > bestGain + 1e-12 {
                        best = c
                        bestGain = gain
                    }
                }
                tot[best] += k
                if best != own {
                    community[i] = best
                    moved += 1
                }
                for c in touched { link[c] = 0 }
                touched.removeAll(keepingCapacity: true)
            }
            guard moved > 0 else { break }
            movedAny = true
        }
        return (community, movedAny)
    }

    /// Labels 0, 1, … in order of first appearance, and how many there are.
    static func relabelled(_ community: [Int]) -> ([Int], Int) {
        var label: [Int: Int] = [:]
        let labels = community.map { c in
            if let l = label[c] { return l }
            label[c] = label.count
            return label.count - 1
        }
        return (labels, label.count)
    }

    /// The graph of the communities: the weight between two is the sum of their members' edges (both directions),
    /// a community's own edges its self-loop.
    static func aggregated(
        _ edges: [[(node: Int, weight: Double)]], labels: [Int], count: Int
    ) -> [[(node: Int, weight: Double)]] {
        var weights: [[Int: Double]] = Array(repeating: [:], count: count)
        for (i, list) in edges.enumerated() {
            for (j, w) in list { weights[labels[i]][labels[j], default: 0] += w }
        }
        return weights.map { $0.sorted { $0.key < $1.key }.map { (node: $0.key, weight: $0.value) } }
    }
}
