/// Ascending, disjoint ranges of a segment's document numbers: the documents a search still
/// needs to look at.
struct DocumentRanges: Equatable {
    private(set) var starts: [Int] = []
    private(set) var ends: [Int] = []

    var isEmpty: Bool { starts.isEmpty }

    /// Adds `range` (after every range added so far), joined to the last one when they touch.
    mutating func append(_ range: ClosedRange<Int>) {
        if let last = ends.last, last + 1 == range.lowerBound {
            ends[ends.count - 1] = range.upperBound
        } else {
            starts.append(range.lowerBound)
            ends.append(range.upperBound)
        }
    }

    func walk() -> Walk { Walk(ranges: self) }

    /// A forward-only look-up over the ranges, for a walk whose targets never go back.
    struct Walk {
        let ranges: DocumentRanges
        private var index = 0

        init(ranges: DocumentRanges) { self.ranges = ranges }

        /// The first document at or after `doc` in the ranges; nil past the last one.
        @inline(__always)
        mutating func first(atOrAfter doc: Int) -> Int? {
            while index < ranges.ends.count && ranges.ends[index] < doc { index += 1 }
            guard index < ranges.ends.count else { return nil }
            return max(doc, ranges.starts[index])
        }
    }
}
