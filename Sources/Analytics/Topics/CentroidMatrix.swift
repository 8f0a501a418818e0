/// Dense centroids (one row of `dimension` floats per cluster), the shape k-means needs.
struct CentroidMatrix {
    let dimension: Int
    private(set) var rows: Int = 0
    var storage: [Float] = []

    init(dimension: Int) { self.dimension = dimension }

    /// Adds the normalised mean of `members` (weighted) as a new row.
    mutating func appendMean(of members: [Int], vectors: [SparseVector], weights: [Float]) {
        let base = storage.count
        storage.append(contentsOf: repeatElement(0, count: dimension))
        for m in members {
            let v = vectors[m]
            for k in v.ids.indices { storage[base + Int(v.ids[k])] += v.values[k] * weights[m] }
        }
        var norm: Float = 0
        for d in 0..<dimension { norm += storage[base + d] * storage[base + d] }
        if norm > 0 {
            let scale = 1 / norm.squareRoot()
            for d in 0..<dimension { storage[base + d] *= scale }
        }
        rows += 1
    }

    /// The row with the highest cosine to `vector` (lowest index on ties) and that cosine.
    func nearest(_ vector: SparseVector) -> (row: Int, similarity: Float) {
        var best = -1
        var bestSim: Float = -1
        storage.withUnsafeBufferPointer { buffer in
            for r in 0..<rows {
                let row = UnsafeBufferPointer(rebasing: buffer[(r * dimension)..<((r + 1) * dimension)])
                let s = vector.dot(dense: row)
                if s > bestSim {
                    bestSim = s
                    best = r
                }
            }
        }
        return (best, bestSim)
    }

    func similarity(_ vector: SparseVector, row r: Int) -> Float {
        storage.withUnsafeBufferPointer { buffer in
            vector.dot(dense: UnsafeBufferPointer(rebasing: buffer[(r * dimension)..<((r + 1) * dimension)]))
        }
    }

    func row(_ r: Int) -> ArraySlice<Float> { storage[(r * dimension)..<((r + 1) * dimension)] }
}

extension CentroidMatrix {
    /// Appends a row as it is (already unit length).
    mutating func appendRow(_ row: ArraySlice<Float>) {
        storage.append(contentsOf: row)
        rows += 1
    }
}
