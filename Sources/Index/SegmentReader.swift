import Durable

/// Read access to one memory-mapped segment: the header is checked at open, everything else is
/// read on demand (binary search in the term table, then only the postings a query needs).
final class SegmentReader: Sendable {
    let name: String
    let file: MappedFile
    let docCount: Int
    let termCount: Int
    let storedOffset: Int
    let docTableOffset: Int
    let lengthsOffset: Int
    let idIndexOffset: Int
    let termTableOffset: Int
    let keysOffset: Int
    let postingsOffset: Int
    let fieldLengthSums: [UInt64]

    var bytes: UnsafeRawBufferPointer { file.bytes }

    init(path: String, name: String) throws(IndexError) {
        self.name = name
        file = try io(MappedFile(path: path))
        let b = file.bytes
        guard b.count >= SegmentLayout.headerSize, b.prefix(8).elementsEqual(SegmentLayout.magic) else {
            throw IndexError.corrupt("\(name) is not a segment file")
        }
        docCount = Int(b.le(8, as: UInt32.self))
        termCount = Int(b.le(12, as: UInt32.self))
        storedOffset = Int(truncatingIfNeeded: b.le(16, as: UInt64.self))
        docTableOffset = Int(truncatingIfNeeded: b.le(24, as: UInt64.self))
        idIndexOffset = Int(truncatingIfNeeded: b.le(32, as: UInt64.self))
        termTableOffset = Int(truncatingIfNeeded: b.le(40, as: UInt64.self))
        keysOffset = Int(truncatingIfNeeded: b.le(48, as: UInt64.self))
        postingsOffset = Int(truncatingIfNeeded: b.le(56, as: UInt64.self))
        let length = Int(truncatingIfNeeded: b.le(64, as: UInt64.self))
        fieldLengthSums = (0..<SegmentLayout.textFieldCount).map { b.le(72 + 8 * $0, as: UInt64.self) }
        lengthsOffset = Int(truncatingIfNeeded: b.le(SegmentLayout.lengthsOffsetField, as: UInt64.self))
        guard length == b.count,
            storedOffset == SegmentLayout.headerSize, storedOffset <= docTableOffset,
            lengthsOffset == docTableOffset + docCount * SegmentLayout.docStride,
            idIndexOffset == lengthsOffset + SegmentLayout.lengthColumnSize(docCount: docCount),
            termTableOffset == idIndexOffset + docCount * SegmentLayout.idStride,
            keysOffset == termTableOffset + termCount * SegmentLayout.termStride,
            keysOffset <= postingsOffset, postingsOffset <= length
        else { throw IndexError.corrupt("\(name) has an inconsistent header or was cut short") }
    }

    // MARK: documents

    @inline(__always) func docBase(_ doc: Int) -> Int { docTableOffset + doc * SegmentLayout.docStride }
    @inline(__always) func date(_ doc: Int) -> Int64 { bytes.le(docBase(doc) + 8) }
    @inline(__always) func id(_ doc: Int) -> UInt64 { bytes.le(docBase(doc) + 16) }
    @inline(__always) func utcOffset(_ doc: Int) -> Int32 { bytes.le(docBase(doc) + 24) }
    @inline(__always) func flags(_ doc: Int) -> UInt32 { bytes.le(docBase(doc) + 28) }

    /// The length of text field `field` of `doc`, from the length column (the doc table for a field
    /// of 65,535 terms or more).
    @inline(__always) func fieldLength(_ doc: Int, _ field: Int) -> UInt32 {
        let short: UInt16 = bytes.le(lengthsOffset + (field * docCount + doc) * SegmentLayout.lengthStride)
        return short != SegmentLayout.lengthInDocTable ? UInt32(short) : recordedFieldLength(doc, field)
    }

    /// The length of text field `field` of `doc` as its doc-table record holds it.
    @inline(__always) func recordedFieldLength(_ doc: Int, _ field: Int) -> UInt32 {
        bytes.le(docBase(doc) + 32 + 4 * field)
    }

    func storedRange(_ doc: Int) -> Range<Int> {
        let size = UInt64(docTableOffset - storedOffset)
        let start = storedOffset + Int(min(bytes.le(docBase(doc), as: UInt64.self), size))
        let end =
            doc + 1 < docCount
            ? storedOffset + Int(min(bytes.le(docBase(doc + 1), as: UInt64.self), size)) : docTableOffset
        return start..<max(start, end)
    }

    /// The stored fields of `doc`; `text` is left empty unless `withText` (it is most of the bytes).
    func stored(_ doc: Int, withText: Bool = true) throws(IndexError) -> StoredFields {
        let range = storedRange(doc)
        var r = ByteReader(bytes, offset: range.lowerBound, end: range.upperBound)
        return StoredFields(
            account: try r.string(), mailbox: try r.string(),
            uidValidity: UInt32(truncatingIfNeeded: try r.varint()), uid: UInt32(truncatingIfNeeded: try r.varint()),
            messageId: try r.string(), threadId: try r.string(), fromName: try r.string(),
            fromAddress: try r.string(), subject: try r.string(), text: withText ? try r.string() : "")
    }

    /// The stored fields of `doc` that name it, for hits that print only ids: the others are stepped over
    /// with the checks `stored` makes (a damaged record fails the same way), not decoded.
    func storedNames(_ doc: Int) throws(IndexError) -> (messageId: String, threadId: String) {
        let range = storedRange(doc)
        var r = ByteReader(bytes, offset: range.lowerBound, end: range.upperBound)
        try r.skipString()  // account
        try r.skipString()  // mailbox
        _ = try r.varint()  // uidValidity
        _ = try r.varint()  // uid
        let messageId = try r.string()
        let threadId = try r.string()
        try r.skipString()  // fromName
        try r.skipString()  // fromAddress
        try r.skipString()  // subject
        return (messageId, threadId)
    }

    /// The local document numbers holding `id` (binary search in the id index). Usually one;
    /// an id added twice in one batch has two, the earlier one deleted.
    func docs(forID id: UInt64) -> [Int] {
        var lo = 0
        var hi = docCount
        while lo < hi {
            let mid = (lo + hi) / 2
            let value: UInt64 = bytes.le(idIndexOffset + mid * SegmentLayout.idStride)
            if value < id { lo = mid + 1 } else { hi = mid }
        }
        var found: [Int] = []
        while lo < docCount, bytes.le(idIndexOffset + lo * SegmentLayout.idStride, as: UInt64.self) == id {
            let doc = Int(bytes.le(idIndexOffset + lo * SegmentLayout.idStride + 8, as: UInt32.self))
            if doc < docCount { found.append(doc) }
            lo += 1
        }
        return found
    }

    // MARK: terms

    func key(_ n: Int) -> UnsafeRawBufferPointer {
        let base = termTableOffset + n * SegmentLayout.termStride
        let offset = keysOffset + Int(bytes.le(base, as: UInt32.self))
        let length = Int(bytes.le(base + 4, as: UInt32.self))
        let end = min(offset + length, postingsOffset)
        return UnsafeRawBufferPointer(rebasing: bytes[min(offset, end)..<end])
    }

    func info(_ n: Int) -> TermInfo {
        let base = termTableOffset + n * SegmentLayout.termStride
        let docFreq = Int(bytes.le(base + 8, as: UInt32.self))
        let docsLength = Int(bytes.le(base + 12, as: UInt32.self))
        let relative = bytes.le(base + 16, as: UInt64.self)
        let positionsLength = Int(bytes.le(base + 24, as: UInt32.self))
        let start = relative > UInt64(bytes.count - postingsOffset) ? bytes.count : postingsOffset + Int(relative)
        let docsEnd = min(start + docsLength, bytes.count)
        let end = min(docsEnd + positionsLength, bytes.count)
        // Entries cut short by damage are left unused: a search is then slower, never wrong.
        let skips = SkipEntry.count(docFreq: docFreq)
        let skipCount = end + skips * SkipEntry.stride <= bytes.count ? skips : 0
        return TermInfo(docFreq: docFreq, docsStart: start, docsEnd: docsEnd, positionsEnd: end, skipCount: skipCount)
    }

    /// Skip entry `k` of a term (`k < info.skipCount`).
    @inline(__always)
    func skip(_ info: TermInfo, _ k: Int) -> SkipEntry {
        SkipEntry(bytes, at: info.positionsEnd + k * SkipEntry.stride)
    }

    /// The term number of `field`+`term` (binary search over sorted keys).
    func lookup(_ field: Field, _ term: String) -> Int? {
        var wantedKey: [UInt8] = [field.rawValue]
        wantedKey.append(contentsOf: term.utf8)
        return wantedKey.withUnsafeBytes { wanted -> Int? in
            var lo = 0
            var hi = termCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if compare(key(mid), wanted) < 0 { lo = mid + 1 } else { hi = mid }
            }
            guard lo < termCount, compare(key(lo), wanted) == 0 else { return nil }
            return lo
        }
    }

    /// Term numbers whose key starts with `field`+`prefix` (for prefix and wildcard helpers).
    func range(prefix field: Field, _ prefix: String) -> Range<Int> {
        var wantedKey: [UInt8] = [field.rawValue]
        wantedKey.append(contentsOf: prefix.utf8)
        return wantedKey.withUnsafeBytes { wanted -> Range<Int> in
            var lo = 0
            var hi = termCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if compare(key(mid), wanted) < 0 { lo = mid + 1 } else { hi = mid }
            }
            var end = lo
            while end < termCount, key(end).starts(with: wanted) { end += 1 }
            return lo..<end
        }
    }

    @inline(__always)
    private func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c }
        }
        return a.count - b.count
    }

    /// Documents and term frequencies of a term, ascending.
    func postings(_ info: TermInfo, docs: inout [Int32], frequencies: inout [UInt32]) throws(IndexError) {
        var r = ByteReader(bytes, offset: info.docsStart, end: info.docsEnd)
        var doc: Int64 = -1
        docs.reserveCapacity(min(info.docFreq, docCount))
        frequencies.reserveCapacity(min(info.docFreq, docCount))
        while !r.isAtEnd {
            doc &+= Int64(truncatingIfNeeded: try r.varint())
            let tf = try r.varint()
            guard doc >= 0, doc < docCount else {
                throw IndexError.corrupt("\(name) has postings past its last document")
            }
            docs.append(Int32(doc))
            frequencies.append(UInt32(truncatingIfNeeded: tf))
        }
    }

    /// Calls `body` with each document and term frequency of a term, ascending, without building
    /// arrays (a word in most of a segment's documents is scored straight from its docs stream).
    @inline(__always)
    func forEachPosting(_ info: TermInfo, _ body: (Int, UInt32) -> Void) throws(IndexError) {
        var r = ByteReader(bytes, offset: info.docsStart, end: info.docsEnd)
        var doc: Int64 = -1
        while !r.isAtEnd {
            doc &+= Int64(truncatingIfNeeded: try r.varint())
            let tf = try r.varint()
            guard doc >= 0, doc < docCount else {
                throw IndexError.corrupt("\(name) has postings past its last document")
            }
            body(Int(doc), UInt32(truncatingIfNeeded: tf))
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@inline(__always)
func memcmpBytes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer, _ n: Int) -> Int {
    Int(memcmp(a, b, n))
}
