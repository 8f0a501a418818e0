/// Scores of one segment's documents summed field by field in a dense table, for a word or phrase
/// looked for in several fields.
///
/// Adding the fields' matches one after another gives the same sums, in the same order, as a chain
/// of `Matches.union` (a document's first score is stored as it is, later ones are added to it),
/// without a merged copy of a million-document list per field. One accumulator serves every
/// segment of a search: `reset` starts a new round by stamp, without clearing the table.
final class ScoreAccumulator {
    private var scores: UnsafeMutablePointer<Double>
    private var stamps: UnsafeMutablePointer<UInt32>
    private var capacity = 0
    private var count = 0
    private var stamp: UInt32 = 0
    /// Whether nothing was added since `reset`.
    private(set) var isEmpty = true

    init() {
        scores = .allocate(capacity: 1)
        stamps = .allocate(capacity: 1)
    }

    deinit {
        scores.deallocate()
        stamps.deallocate()
    }

    /// Starts an empty round over documents `0..<count`.
    func reset(count: Int) {
        if count > capacity {
            scores.deallocate()
            stamps.deallocate()
            capacity = max(count, 2 * capacity)
            scores = .allocate(capacity: capacity)
            stamps = .allocate(capacity: capacity)
            stamps.initialize(repeating: 0, count: capacity)
            stamp = 0
        }
        self.count = count
        isEmpty = true
        stamp &+= 1
        if stamp == 0 {
            stamps.update(repeating: 0, count: capacity)
            stamp = 1
        }
    }

    @inline(__always)
    func add(_ doc: Int, _ score: Double) {
        precondition(doc >= 0 && doc < count, "document outside the segment")
        isEmpty = false
        if stamps[doc] == stamp {
            scores[doc] += score
        } else {
            stamps[doc] = stamp
            scores[doc] = score
        }
    }

    func add(_ matches: Matches) {
        for (k, doc) in matches.docs.enumerated() { add(Int(doc), matches.scores[k]) }
    }

    /// The documents added since `reset`, ascending, with their sums.
    func matches() -> Matches {
        var out = Matches()
        for doc in 0..<count where stamps[doc] == stamp {
            out.docs.append(Int32(doc))
            out.scores.append(scores[doc])
        }
        return out
    }
}
