/// A walk over one term's postings in a segment, document by document, that decodes a document's
/// positions only when asked: the positions of the documents passed over are skipped by counting
/// varint terminators, and only when a later document's positions are asked for in the same block
/// (a block's positions start where its skip entry's predecessor says). Phrases walk their terms'
/// cursors side by side, so each docs stream is read once and positions are decoded only where
/// every term is present. `advance(to:)` jumps over whole blocks by the term's skip entries.
struct PostingCursor {
    private let segment: SegmentReader
    private let info: TermInfo
    private var docs: ByteReader
    /// Where the positions of a document at or before the current one start, how many positions
    /// of documents passed over follow before the current document's, and whether the current
    /// document's were decoded already.
    private var positionsOffset: Int
    private var positionsPending = 0
    private var positionsConsumed = true
    private(set) var doc: Int64 = -1
    private(set) var frequency = 0
    /// The block holding the current document, and its last document (`Int64.max` without entries).
    private var block = 0
    private var blockLast = Int64.max

    init(segment: SegmentReader, info: TermInfo) {
        self.segment = segment
        self.info = info
        docs = ByteReader(segment.bytes, offset: info.docsStart, end: info.docsEnd)
        positionsOffset = info.docsEnd
        if info.skipCount > 0 { blockLast = Int64(segment.skip(info, 0).lastDoc) }
    }

    /// Moves to the next document; false at the end of the list.
    @inline(__always)
    mutating func next() throws(IndexError) -> Bool {
        if !positionsConsumed {
            positionsPending += frequency
            positionsConsumed = true
        }
        if docs.isAtEnd { return false }
        doc &+= Int64(truncatingIfNeeded: try docs.varint())
        let tf = Int(truncatingIfNeeded: try docs.varint())
        guard tf >= 0, tf <= info.positionsEnd - info.docsEnd, doc >= 0, doc < segment.docCount else {
            throw IndexError.corrupt("\(segment.name) has a damaged postings list")
        }
        frequency = tf
        positionsConsumed = false
        if doc > blockLast {
            while doc > blockLast {
                block += 1
                blockLast = block < info.skipCount ? Int64(segment.skip(info, block).lastDoc) : Int64.max
            }
            // The first document of a block: its positions start where the block before ended.
            try moveToBlockStart()
        }
        return true
    }

    /// Points the positions at the start of the current block, past every pending one.
    private mutating func moveToBlockStart() throws(IndexError) {
        let end = segment.skip(info, block - 1).positionsEnd
        guard end <= info.positionsEnd - info.docsEnd else {
            throw IndexError.corrupt("\(segment.name) has a damaged skip entry")
        }
        positionsOffset = info.docsEnd + end
        positionsPending = 0
    }

    /// Moves to the first document at or after `target`; false at the end of the list.
    @inline(__always)
    mutating func advance(to target: Int64) throws(IndexError) -> Bool {
        if doc >= target { return true }
        if target > blockLast { try jump(to: target) }
        while try next() {
            if doc >= target { return true }
        }
        return false
    }

    /// Moves to the end of the last block before the one that may hold `target` (past every block
    /// when none does), without reading the postings in between.
    private mutating func jump(to target: Int64) throws(IndexError) {
        var k = block
        var entry = segment.skip(info, k)
        while Int64(entry.lastDoc) < target {
            k += 1
            guard k < info.skipCount else {
                docs.offset = docs.end
                positionsConsumed = true
                return
            }
            entry = segment.skip(info, k)
        }
        guard k > block else { return }
        let previous = segment.skip(info, k - 1)
        guard previous.docsEnd <= info.docsEnd - info.docsStart,
            previous.positionsEnd <= info.positionsEnd - info.docsEnd,
            previous.lastDoc < segment.docCount
        else { throw IndexError.corrupt("\(segment.name) has a damaged skip entry") }
        docs.offset = info.docsStart + previous.docsEnd
        positionsOffset = info.docsEnd + previous.positionsEnd
        positionsPending = 0
        positionsConsumed = true
        doc = Int64(previous.lastDoc)
        block = k
        blockLast = Int64(entry.lastDoc)
    }

    /// The current document's positions, ascending, into `out` (emptied first).
    mutating func positions(into out: inout [UInt32]) throws(IndexError) {
        out.removeAll(keepingCapacity: true)
        if positionsPending > 0 { try skipPositions() }
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
        var left = positionsPending
        while left > 0 {
            guard offset < end else { throw IndexError.corrupt("\(segment.name) has a positions list cut short") }
            if bytes[offset] < 0x80 { left -= 1 }
            offset += 1
        }
        positionsOffset = offset
        positionsPending = 0
    }
}
