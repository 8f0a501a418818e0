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
