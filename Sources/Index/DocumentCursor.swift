/// A walk over one term's documents and term frequencies in a segment, forward only, that never
/// reads positions: for scoring a document found through another term's postings.
struct DocumentCursor {
    private var docs: ByteReader
    private let docCount: Int
    private let name: String
    private(set) var doc = -1
    private(set) var frequency: UInt32 = 0
    private(set) var isAtEnd = false

    init(segment: SegmentReader, info: TermInfo) {
        docs = ByteReader(segment.bytes, offset: info.docsStart, end: info.docsEnd)
        docCount = segment.docCount
        name = segment.name
    }

    /// Moves to the first document at or after `target`; false when the list ends before it.
    @inline(__always)
    mutating func advance(to target: Int) throws(IndexError) -> Bool {
        while doc < target {
            if docs.isAtEnd {
                isAtEnd = true
                return false
            }
            doc &+= Int(truncatingIfNeeded: try docs.varint())
            frequency = UInt32(truncatingIfNeeded: try docs.varint())
            guard doc >= 0, doc < docCount else {
                throw IndexError.corrupt("\(name) has postings past its last document")
            }
        }
        return true
    }
}
