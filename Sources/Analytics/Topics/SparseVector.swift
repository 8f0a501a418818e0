/// A term-weight vector with ascending term ids; weights are L2-normalised when built for cosine.
struct SparseVector {
    var ids: [Int32] = []
    var values: [Float] = []

    var isEmpty: Bool { ids.isEmpty }

    func dot(_ other: SparseVector) -> Float {
        var i = 0
        var j = 0
        var sum: Float = 0
        while i < ids.count && j < other.ids.count {
            let a = ids[i]
            let b = other.ids[j]
            if a == b {
                sum += values[i] * other.values[j]
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    /// Dot product with a dense vector indexed by term id.
    func dot(dense: UnsafeBufferPointer<Float>) -> Float {
        var sum: Float = 0
        for k in ids.indices { sum += values[k] * dense[Int(ids[k])] }
        return sum
    }

    mutating func normalize() {
        var norm: Float = 0
        for v in values { norm += v * v }
        guard norm > 0 else { return }
        let scale = 1 / norm.squareRoot()
        for k in values.indices { values[k] *= scale }
    }
}

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
