/// A walk over one term's documents and term frequencies in a segment, forward only, that never
/// reads positions: for scoring a document found through another term's postings. Whole blocks
/// before the target are jumped over by the term's skip entries.
struct DocumentCursor {
    private var docs: ByteReader
    private let segment: SegmentReader
    private let info: TermInfo
    private(set) var doc = -1
    private(set) var frequency: UInt32 = 0
    private(set) var isAtEnd = false
    /// The documents of the term in the segment.
    var documentCount: Int { info.docFreq }
    /// The next skip entry to look at: every block before it ends before the current document.
    private var block = 0

    init(segment: SegmentReader, info: TermInfo) {
        docs = ByteReader(segment.bytes, offset: info.docsStart, end: info.docsEnd)
        self.segment = segment
        self.info = info
    }

    /// Moves to the first document at or after `target`; false when the list ends before it.
    @inline(__always)
    mutating func advance(to target: Int) throws(IndexError) -> Bool {
        if doc < target && block < info.skipCount { try jump(to: target) }
        while doc < target {
            if docs.isAtEnd {
                isAtEnd = true
                return false
            }
            doc &+= Int(truncatingIfNeeded: try docs.varint())
            frequency = UInt32(truncatingIfNeeded: try docs.varint())
            guard doc >= 0, doc < segment.docCount else {
                throw IndexError.corrupt("\(segment.name) has postings past its last document")
            }
        }
        return true
    }

    /// Moves to the end of the last block ending before `target`, if past the current document.
    private mutating func jump(to target: Int) throws(IndexError) {
        var passed: SkipEntry? = nil
        while block < info.skipCount {
            let entry = segment.skip(info, block)
            if entry.lastDoc >= target { break }
            passed = entry
            block += 1
        }
        guard let passed, passed.lastDoc > doc else { return }
        guard passed.docsEnd <= info.docsEnd - info.docsStart, passed.lastDoc < segment.docCount else {
            throw IndexError.corrupt("\(segment.name) has a damaged skip entry")
        }
        docs.offset = info.docsStart + passed.docsEnd
        doc = passed.lastDoc
    }
}
