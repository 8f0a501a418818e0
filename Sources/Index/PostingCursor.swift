/// A walk over one term's postings in a segment, document by document, that decodes a document's
/// positions only when asked: the positions of the documents passed over are skipped by counting
/// varint terminators. Phrases walk their terms' cursors side by side, so each docs stream is read
/// once and positions are decoded only where every term is present.
struct PostingCursor {
    private let segment: SegmentReader
    private let info: TermInfo
    private var docs: ByteReader
    /// Where the current document's positions start, and whether they were decoded already.
    private var positionsOffset: Int
    private var positionsConsumed = true
    private(set) var doc: Int64 = -1
    private(set) var frequency = 0

    init(segment: SegmentReader, info: TermInfo) {
        self.segment = segment
        self.info = info
        docs = ByteReader(segment.bytes, offset: info.docsStart, end: info.docsEnd)
        positionsOffset = info.docsEnd
    }

    /// Moves to the next document; false at the end of the list.
    @inline(__always)
    mutating func next() throws(IndexError) -> Bool {
        if !positionsConsumed { try skipPositions() }
        if docs.isAtEnd { return false }
        doc &+= Int64(truncatingIfNeeded: try docs.varint())
        let tf = Int(truncatingIfNeeded: try docs.varint())
        guard tf >= 0, tf <= info.positionsEnd - info.docsEnd, doc >= 0, doc < segment.docCount else {
            throw IndexError.corrupt("\(segment.name) has a damaged postings list")
        }
        frequency = tf
        positionsConsumed = false
        return true
    }

    /// Moves to the first document at or after `target`; false at the end of the list.
    @inline(__always)
    mutating func advance(to target: Int64) throws(IndexError) -> Bool {
        if doc >= target { return true }
        while try next() {
            if doc >= target { return true }
        }
        return false
    }

    /// The current document's positions, ascending, into `out` (emptied first).
    mutating func positions(into out: inout [UInt32]) throws(IndexError) {
        out.removeAll(keepingCapacity: true)
        var r = ByteReader(segment.bytes, offset: positionsOffset, end: info.positionsEnd)
        var p: UInt32 = 0
        for _ in 0..<frequency {
            p &+= UInt32(truncatingIfNeeded: try r.varint())
            out.append(p)
        }
        positionsOffset = r.offset
        positionsConsumed = true
    }

    private mutating func skipPositions() throws(IndexError) {
        let bytes = segment.bytes
        let end = min(info.positionsEnd, bytes.count)
        var offset = positionsOffset
        var left = frequency
        while left > 0 {
            guard offset < end else { throw IndexError.corrupt("\(segment.name) has a positions list cut short") }
            if bytes[offset] < 0x80 { left -= 1 }
            offset += 1
        }
        positionsOffset = offset
        positionsConsumed = true
    }
}
