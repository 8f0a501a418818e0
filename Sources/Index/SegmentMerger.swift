import Durable

#if canImport(Glibc)
    import Glibc
#endif

/// Merges several segments into one file on disk, dropping deleted documents and renumbering the rest.
///
/// The output is streamed, in file order, through `Disk.writeAtomically` (tmp, fsync, rename): memory holds
/// a write buffer, one bit and a half per document of an input with deletions, and nothing that grows with
/// the segments' size, so a merge is not capped by memory. The header comes first and needs every section's
/// size, so the inputs' sorted term lists are walked three times, k-way by key: once to size the sections,
/// once for the term table, once for the postings (the keys need no decoding). A document's postings are
/// renumbered by re-encoding only the first doc delta of an input without deletions, its other bytes copied;
/// an input with deletions is decoded doc by doc. The inputs' pages are released behind each pass, so the
/// resident size stays near the part being read (`MappedFile.release`).
///
/// The output is byte for byte what encoding the live documents and their terms at once would give.
enum SegmentMerger {
    struct Input {
        var reader: SegmentReader
        var deletions: DeletionSet?
    }

    /// The size of each write handed to the disk; also how far behind a pass the inputs' pages are released.
    static let defaultChunkSize = 1 << 20

    /// Writes the merge of `inputs` to `path` crash-safely and returns its document count. `chunkWritten`
    /// (tests only, with a small `chunkSize`) runs after each chunk reaches the temporary file, to stop a merge
    /// half way.
    @discardableResult
    static func merge(
        _ inputs: [Input], to path: String, chunkSize: Int = defaultChunkSize,
        chunkWritten: (() throws(IndexError) -> Void)? = nil
    ) throws(IndexError) -> Int {
        // The inputs share the chunk's worth of pages a pass may leave resident behind it: ten inputs of a
        // first merge (about 1 MB of postings each) each kept up to 1 MB, their term tables and keys beside
        // it, 8 MB at the top of a first pull of 100,000 messages.
        let releaseStep = max(64 << 10, defaultChunkSize / max(1, inputs.count))
        let parts = inputs.map { Part($0, releaseStep: releaseStep) }
        var base = 0
        for part in parts {
            part.base = base
            base += part.liveCount
        }
        var failure: IndexError? = nil
        do throws(DiskError) {
            try Disk.writeAtomically(to: path) { (put: ([UInt8]) throws(DiskError) -> Void) throws(DiskError) in
                failure = withoutActuallyEscaping(put) { put -> IndexError? in
                    do throws(IndexError) {
                        var sink = Sink(chunk: chunkSize) { (bytes: [UInt8]) throws(IndexError) in
                            try io(put(bytes))
                            try chunkWritten?()
                        }
                        try writeSections(parts, docCount: base, to: &sink)
                        try sink.flush()
                        return nil
                    } catch {
                        return error
                    }
                }
                // Any failure makes `writeAtomically` remove its temporary file; the real one is rethrown below.
                if failure != nil { throw DiskError(errno: EIO, operation: "merge segments into", path: path) }
            }
        } catch {
            throw failure ?? IndexError.disk(error)
        }
        for part in parts { part.reader.file.release(0..<part.reader.bytes.count) }
        return base
    }

    // MARK: the sections, in file order

    private static func writeSections(_ parts: [Part], docCount: Int, to sink: inout Sink) throws(IndexError) {
        // Sizes first: the header names every section's offset.
        var storedSize = 0
        var sums = [UInt64](repeating: 0, count: SegmentLayout.textFieldCount)
        for part in parts {
            let r = part.reader
            for d in 0..<r.docCount where part.isLive(d) {
                storedSize += r.storedRange(d).count
                for f in 0..<SegmentLayout.textFieldCount { sums[f] += UInt64(r.recordedFieldLength(d, f)) }
            }
            r.file.release(r.docTableOffset..<r.lengthsOffset)
        }
        var termCount = 0
        var keysSize = 0
        var postingsSize = 0
        try forEachTerm(parts) { (key, holders) throws(IndexError) in
            let size = try measure(parts, holders)
            guard size.docFreq > 0 else { return }
            termCount += 1
            keysSize += key.count
            postingsSize +=
                size.docsBytes + size.positionsBytes + SkipEntry.count(docFreq: size.docFreq) * SkipEntry.stride
        }
        let storedOffset = SegmentLayout.headerSize
        let docTableOffset = storedOffset + storedSize
        let lengthsOffset = docTableOffset + docCount * SegmentLayout.docStride
        let idIndexOffset = lengthsOffset + SegmentLayout.lengthColumnSize(docCount: docCount)
        let termTableOffset = idIndexOffset + docCount * SegmentLayout.idStride
        let keysOffset = termTableOffset + termCount * SegmentLayout.termStride
        let postingsStart = keysOffset + keysSize
        let fileLength = postingsStart + postingsSize

        try sink.append(SegmentLayout.magic)
        try sink.appendLE(UInt32(docCount))
        try sink.appendLE(UInt32(termCount))
        for offset in [storedOffset, docTableOffset, idIndexOffset, termTableOffset, keysOffset, postingsStart] {
            try sink.appendLE(UInt64(offset))
        }
        try sink.appendLE(UInt64(fileLength))
        for sum in sums { try sink.appendLE(sum) }
        try sink.appendLE(UInt64(lengthsOffset))
        try sink.append([UInt8](repeating: 0, count: SegmentLayout.headerSize - SegmentLayout.lengthsOffsetField - 8))

        try writeStored(parts, to: &sink)
        try writeDocTable(parts, to: &sink)
        try writeLengthColumn(parts, to: &sink)
        try writeIDIndex(parts, to: &sink)

        var keyOffset: UInt32 = 0
        var postingsOffset: UInt64 = 0
        try forEachTerm(parts) { (key, holders) throws(IndexError) in
            let size = try measure(parts, holders)
            guard size.docFreq > 0 else { return }
            try sink.appendLE(keyOffset)
            try sink.appendLE(UInt32(key.count))
            try sink.appendLE(UInt32(size.docFreq))
            try sink.appendLE(UInt32(size.docsBytes))
            try sink.appendLE(postingsOffset)
            try sink.appendLE(UInt32(size.positionsBytes))
            try sink.appendLE(UInt32(0))
            keyOffset += UInt32(key.count)
            postingsOffset += UInt64(
                size.docsBytes + size.positionsBytes + SkipEntry.count(docFreq: size.docFreq) * SkipEntry.stride)
        }
        try forEachTerm(parts) { (key, holders) throws(IndexError) in
            // A term all of whose documents are deleted has no postings left; an input without deletions always has some.
            if holders.contains(where: { parts[$0.part].deletions != nil }) {
                guard try measure(parts, holders).docFreq > 0 else { return }
            }
            try sink.append(key)
        }
        try forEachTerm(parts) { (key, holders) throws(IndexError) in
            var lastDoc: Int64 = -1
            var any = false
            for holder in holders {
                any = try parts[holder.part].writeDocs(holder.term, lastDoc: &lastDoc, to: &sink) || any
            }
            guard any else { return }
            for holder in holders { try parts[holder.part].writePositions(holder.term, to: &sink) }
            // The skip entries, from a walk of the live postings just written (the inputs' own entries
            // know neither the merged numbers nor the merged offsets).
            let most = holders.reduce(0) { $0 + parts[$1.part].reader.info($1.term).docFreq }
            guard SkipEntry.count(docFreq: most) > 0 else { return }
            var skips = SkipListBuilder()
            var walk = SkipWalk(field: Int(key[0]))
            for holder in holders { try parts[holder.part].addSkips(holder.term, walk: &walk, to: &skips) }
            try sink.append(skips.finish())
        }
        guard sink.written == fileLength else {
            throw IndexError.corrupt("a merged segment came out \(sink.written) bytes long instead of \(fileLength)")
        }
    }

    private static func writeStored(_ parts: [Part], to sink: inout Sink) throws(IndexError) {
        for part in parts {
            let r = part.reader
            for run in part.liveRuns() {
                let lower = r.storedRange(run.lowerBound).lowerBound
                let upper = r.storedRange(run.upperBound - 1).upperBound
                var at = lower
                while at < upper {
                    let next = min(upper, at + defaultChunkSize)
                    try sink.append(UnsafeRawBufferPointer(rebasing: r.bytes[at..<next]))
                    r.file.release(lower..<next)
                    at = next
                }
            }
            r.file.release(r.storedOffset..<r.docTableOffset)
        }
    }

    private static func writeDocTable(_ parts: [Part], to sink: inout Sink) throws(IndexError) {
        var storedOffset: UInt64 = 0
        for part in parts {
            let r = part.reader
            for d in 0..<r.docCount where part.isLive(d) {
                try sink.appendLE(storedOffset)
                let base = r.docBase(d)
                try sink.append(
                    UnsafeRawBufferPointer(rebasing: r.bytes[(base + 8)..<(base + SegmentLayout.docStride)]))
                storedOffset += UInt64(r.storedRange(d).count)
            }
            r.file.release(r.docTableOffset..<r.lengthsOffset)
        }
    }

    /// The inputs' length columns, field by field, their live documents' entries copied in order.
    private static func writeLengthColumn(_ parts: [Part], to sink: inout Sink) throws(IndexError) {
        for f in 0..<SegmentLayout.textFieldCount {
            for part in parts {
                let r = part.reader
                let column = r.lengthsOffset + f * r.docCount * SegmentLayout.lengthStride
                for run in part.liveRuns() {
                    let start = column + run.lowerBound * SegmentLayout.lengthStride
                    let end = column + run.upperBound * SegmentLayout.lengthStride
                    try sink.append(UnsafeRawBufferPointer(rebasing: r.bytes[start..<end]))
                }
                // Released field by field: a merge's inputs hold 14 bytes a document of columns.
                r.file.release(column..<(column + r.docCount * SegmentLayout.lengthStride))
            }
        }
        for part in parts { part.reader.file.release(part.reader.lengthsOffset..<part.reader.idIndexOffset) }
    }

    /// Each input's id index is sorted already: a k-way merge by id (ties in input order, as a stable sort of
    /// the renumbered documents would place them).
    private static func writeIDIndex(_ parts: [Part], to sink: inout Sink) throws(IndexError) {
        var cursors = [Int](repeating: 0, count: parts.count)
        func skipDeleted(_ i: Int) {
            let r = parts[i].reader
            while cursors[i] < r.docCount {
                let doc = Int(r.bytes.le(r.idIndexOffset + cursors[i] * SegmentLayout.idStride + 8, as: UInt32.self))
                if doc < r.docCount && parts[i].isLive(doc) { return }
                cursors[i] += 1
            }
        }
        for i in parts.indices { skipDeleted(i) }
        while true {
            var best = -1
            var bestID: UInt64 = 0
            for i in parts.indices where cursors[i] < parts[i].reader.docCount {
                let r = parts[i].reader
                let id: UInt64 = r.bytes.le(r.idIndexOffset + cursors[i] * SegmentLayout.idStride)
                if best < 0 || id < bestID {
                    best = i
                    bestID = id
                }
            }
            guard best >= 0 else { break }
            let r = parts[best].reader
            let doc = Int(r.bytes.le(r.idIndexOffset + cursors[best] * SegmentLayout.idStride + 8, as: UInt32.self))
            try sink.appendLE(bestID)
            try sink.appendLE(UInt32(parts[best].newDoc(doc)))
            try sink.appendLE(UInt32(0))
            cursors[best] += 1
            skipDeleted(best)
        }
        for part in parts { part.reader.file.release(part.reader.idIndexOffset..<part.reader.termTableOffset) }
    }

    // MARK: terms

    /// Where one input holds the term being merged.
    private struct Holder {
        var part: Int
        var term: Int
    }

    /// Calls `body` once per distinct key over all inputs, in key order, with the inputs holding it (in input
    /// order); releases the inputs' term tables, keys and postings behind the walk.
    private static func forEachTerm(
        _ parts: [Part], _ body: (UnsafeRawBufferPointer, [Holder]) throws(IndexError) -> Void
    ) throws(IndexError) {
        var cursors = [Int](repeating: 0, count: parts.count)
        var holders: [Holder] = []
        holders.reserveCapacity(parts.count)
        while true {
            var smallest: UnsafeRawBufferPointer? = nil
            holders.removeAll(keepingCapacity: true)
            for i in parts.indices where cursors[i] < parts[i].reader.termCount {
                let key = parts[i].reader.key(cursors[i])
                if let current = smallest {
                    let order = compare(key, current)
                    if order > 0 { continue }
                    if order < 0 { holders.removeAll(keepingCapacity: true) }
                }
                smallest = key
                holders.append(Holder(part: i, term: cursors[i]))
            }
            guard let key = smallest else { break }
            try body(key, holders)
            for holder in holders {
                cursors[holder.part] += 1
                parts[holder.part].passed(term: holder.term)
            }
        }
        for part in parts { part.releaseTerms() }
    }

    /// How many bytes `Varint.append` writes for `value`.
    @inline(__always) fileprivate static func varintLength(_ value: UInt64) -> Int {
        max(1, (64 - value.leadingZeroBitCount + 6) / 7)
    }

    private static func compare(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
        let n = min(a.count, b.count)
        if n > 0 {
            let c = memcmpBytes(a.baseAddress!, b.baseAddress!, n)
            if c != 0 { return c }
        }
        return a.count - b.count
    }

    /// Where a walk over a term's merged postings stands, for its skip entries.
    private struct SkipWalk {
        let field: Int
        var lastDoc: Int64 = -1
        var docsBytes = 0
        var positionsBytes = 0
    }

    private struct TermSize {
        var docFreq = 0
        var docsBytes = 0
        var positionsBytes = 0
    }

    private static func measure(_ parts: [Part], _ holders: [Holder]) throws(IndexError) -> TermSize {
        var size = TermSize()
        var lastDoc: Int64 = -1
        for holder in holders { try parts[holder.part].measure(holder.term, lastDoc: &lastDoc, into: &size) }
        return size
    }

    // MARK: one input

    /// One input segment: where its documents go in the merged one, and how far its pages were released.
    private final class Part {
        let reader: SegmentReader
        let deletions: DeletionSet?
        /// The first merged document number of this input's live documents.
        var base = 0
        let liveCount: Int
        /// Deleted documents before each 64-document word, so a document's new number is a popcount away.
        private let deletedBefore: [UInt32]
        /// Postings before this offset were released already.
        private var released: Int
        /// How many bytes of postings a pass reads past `released` before releasing them.
        private let releaseStep: Int

        init(_ input: Input, releaseStep: Int) {
            self.releaseStep = releaseStep
            reader = input.reader
            deletions = input.deletions
            var before: [UInt32] = []
            var deleted = 0
            if let bits = input.deletions?.bits {
                before.reserveCapacity(bits.count / 8 + 1)
                for w in stride(from: 0, to: bits.count, by: 8) {
                    before.append(UInt32(deleted))
                    for b in w..<min(w + 8, bits.count) { deleted += bits[b].nonzeroBitCount }
                }
            }
            deletedBefore = before
            liveCount = input.reader.docCount - deleted
            released = input.reader.postingsOffset
        }

        @inline(__always) func isLive(_ doc: Int) -> Bool { !(deletions?.contains(doc) ?? false) }

        /// The runs of consecutive live documents, in order: each is contiguous in the input, so copied at once.
        /// Found as they are walked: a segment with many scattered deletions keeps no list of them.
        func liveRuns() -> UnfoldSequence<Range<Int>, Int> {
            sequence(state: 0) { d in
                let count = self.reader.docCount
                while d < count && !self.isLive(d) { d += 1 }
                guard d < count else { return nil }
                var end = d + 1
                while end < count && self.isLive(end) { end += 1 }
                defer { d = end }
                return d..<end
            }
        }

        /// The merged number of live document `doc`.
        @inline(__always) func newDoc(_ doc: Int) -> Int {
            guard let bits = deletions?.bits else { return base + doc }
            let word = doc >> 6
            var deleted = Int(deletedBefore[word])
            let first = word * 8
            for b in first..<(doc >> 3) { deleted += bits[b].nonzeroBitCount }
            deleted += (bits[doc >> 3] & (UInt8(1 << (doc & 7)) &- 1)).nonzeroBitCount
            return base + doc - deleted
        }

        /// Adds this input's part of term `n` to `size`; `lastDoc` is the merged number of the term's
        /// previous document, from an earlier input.
        func measure(_ n: Int, lastDoc: inout Int64, into size: inout TermSize) throws(IndexError) {
            let info = reader.info(n)
            var docs = ByteReader(reader.bytes, offset: info.docsStart, end: info.docsEnd)
            var doc: Int64 = -1
            if deletions == nil {
                var count = 0
                var first: Int64 = -1
                var firstLength = 0
                while !docs.isAtEnd {
                    doc &+= Int64(truncatingIfNeeded: try docs.varint())
                    if count == 0 {
                        first = doc
                        firstLength = docs.offset - info.docsStart
                    }
                    _ = try docs.varint()
                    try check(doc)
                    count += 1
                }
                guard count > 0 else { return }
                let newFirst = Int64(base) + first
                size.docFreq += count
                size.docsBytes +=
                    info.docsEnd - info.docsStart - firstLength + SegmentMerger.varintLength(UInt64(newFirst - lastDoc))
                size.positionsBytes += info.positionsEnd - info.docsEnd
                lastDoc = Int64(base) + doc
                return
            }
            var last = lastDoc
            try forEachLivePosting(n) { (doc, tf, positions) throws(IndexError) in
                let merged = Int64(newDoc(doc))
                size.docFreq += 1
                size.docsBytes += SegmentMerger.varintLength(UInt64(merged - last)) + SegmentMerger.varintLength(tf)
                size.positionsBytes += positions.count
                last = merged
            }
            lastDoc = last
        }

        /// Writes this input's docs stream of term `n`, renumbered; returns whether it held a live document.
        func writeDocs(_ n: Int, lastDoc: inout Int64, to sink: inout Sink) throws(IndexError) -> Bool {
            let info = reader.info(n)
            var docs = ByteReader(reader.bytes, offset: info.docsStart, end: info.docsEnd)
            var doc: Int64 = -1
            var any = false
            if deletions == nil {
                guard !docs.isAtEnd else { return false }
                doc = Int64(truncatingIfNeeded: try docs.varint()) - 1
                try check(doc)
                try sink.appendVarint(UInt64(Int64(base) + doc - lastDoc))
                try sink.append(UnsafeRawBufferPointer(rebasing: reader.bytes[docs.offset..<info.docsEnd]))
                // The last document is only known by walking the deltas.
                _ = try docs.varint()
                while !docs.isAtEnd {
                    doc &+= Int64(truncatingIfNeeded: try docs.varint())
                    _ = try docs.varint()
                }
                try check(doc)
                lastDoc = Int64(base) + doc
                return true
            }
            while !docs.isAtEnd {
                doc &+= Int64(truncatingIfNeeded: try docs.varint())
                let tf = try docs.varint()
                try check(doc)
                guard isLive(Int(doc)) else { continue }
                let merged = Int64(newDoc(Int(doc)))
                try sink.appendVarint(UInt64(merged - lastDoc))
                try sink.appendVarint(tf)
                lastDoc = merged
                any = true
            }
            return any
        }

        /// Adds this input's live postings of term `n` to `skips`, numbered and placed as they were written.
        func addSkips(_ n: Int, walk: inout SkipWalk, to skips: inout SkipListBuilder) throws(IndexError) {
            let field = walk.field
            try forEachLivePosting(n) { (doc, tf, positions) throws(IndexError) in
                let merged = Int64(newDoc(doc))
                walk.docsBytes +=
                    SegmentMerger.varintLength(UInt64(merged - walk.lastDoc)) + SegmentMerger.varintLength(tf)
                walk.positionsBytes += positions.count
                walk.lastDoc = merged
                // The length from the doc table, whose record the date is read from anyway: the length
                // column's pages, released by `writeLengthColumn`, are not mapped in again.
                skips.add(
                    doc: Int(merged), frequency: UInt32(truncatingIfNeeded: tf), date: reader.date(doc),
                    length: field < SegmentLayout.textFieldCount ? reader.recordedFieldLength(doc, field) : 0,
                    docsEnd: walk.docsBytes, positionsEnd: walk.positionsBytes)
            }
        }

        /// Writes the positions of term `n` in this input's live documents.
        func writePositions(_ n: Int, to sink: inout Sink) throws(IndexError) {
            let info = reader.info(n)
            if deletions == nil {
                try sink.append(UnsafeRawBufferPointer(rebasing: reader.bytes[info.docsEnd..<info.positionsEnd]))
                return
            }
            try forEachLivePosting(n) { (_, _, positions) throws(IndexError) in
                try sink.append(UnsafeRawBufferPointer(rebasing: reader.bytes[positions]))
            }
        }

        /// Walks term `n`'s postings in this input, calling `body` with each live document's number, its
        /// frequency and the bytes of its positions (deleted documents' positions are skipped).
        private func forEachLivePosting(
            _ n: Int, _ body: (Int, UInt64, Range<Int>) throws(IndexError) -> Void
        ) throws(IndexError) {
            let info = reader.info(n)
            var docs = ByteReader(reader.bytes, offset: info.docsStart, end: info.docsEnd)
            var doc: Int64 = -1
            var positions = info.docsEnd
            while !docs.isAtEnd {
                doc &+= Int64(truncatingIfNeeded: try docs.varint())
                let tf = try docs.varint()
                try check(doc)
                let start = positions
                positions = try skip(tf, from: positions, end: info.positionsEnd)
                if isLive(Int(doc)) { try body(Int(doc), tf, start..<positions) }
            }
        }

        @inline(__always) private func check(_ doc: Int64) throws(IndexError) {
            guard doc >= 0, doc < reader.docCount else {
                throw IndexError.corrupt("\(reader.name) has postings past its last document")
            }
        }

        /// The offset after `count` varints from `offset`.
        private func skip(_ count: UInt64, from offset: Int, end: Int) throws(IndexError) -> Int {
            var at = offset
            var left = count
            let bytes = reader.bytes
            while left > 0 {
                guard at < end else { throw IndexError.corrupt("\(reader.name) has a positions list cut short") }
                if bytes[at] < 0x80 { left -= 1 }
                at += 1
            }
            return at
        }

        /// Term `n` is done with: the pages of the term table, keys and postings before it may go.
        func passed(term n: Int) {
            let info = reader.info(n)
            if info.end - released >= releaseStep {
                reader.file.release(released..<info.end)
                let table = reader.termTableOffset + n * SegmentLayout.termStride
                reader.file.release(reader.termTableOffset..<table)
                reader.file.release(
                    reader.keysOffset..<(reader.keysOffset + Int(reader.bytes.le(table, as: UInt32.self))))
                released = info.end
            }
        }

        func releaseTerms() {
            reader.file.release(reader.termTableOffset..<reader.bytes.count)
            released = reader.postingsOffset
        }
    }
}

/// A write buffer handed to the disk a chunk at a time: every append past a chunk flushes, so a term's postings
/// of any length pass through in chunks.
private struct Sink {
    private var buffer: [UInt8] = []
    private let chunk: Int
    private let emit: ([UInt8]) throws(IndexError) -> Void
    private(set) var written = 0

    init(chunk: Int, emit: @escaping ([UInt8]) throws(IndexError) -> Void) {
        self.chunk = chunk
        self.emit = emit
        buffer.reserveCapacity(chunk + 64)
    }

    mutating func append(_ bytes: UnsafeRawBufferPointer) throws(IndexError) {
        var at = 0
        while at < bytes.count {
            let n = min(bytes.count - at, max(0, chunk - buffer.count))
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + n)]))
            at += n
            written += n
            if buffer.count >= chunk { try flush() }
        }
    }

    mutating func append(_ bytes: [UInt8]) throws(IndexError) {
        let failure: IndexError? = bytes.withUnsafeBytes { raw in
            do throws(IndexError) { try append(raw) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    mutating func appendLE<T: FixedWidthInteger>(_ value: T) throws(IndexError) {
        buffer.appendLE(value)
        written += MemoryLayout<T>.size
        if buffer.count >= chunk { try flush() }
    }

    mutating func appendVarint(_ value: UInt64) throws(IndexError) {
        let before = buffer.count
        Varint.append(value, to: &buffer)
        written += buffer.count - before
        if buffer.count >= chunk { try flush() }
    }

    mutating func flush() throws(IndexError) {
        guard !buffer.isEmpty else { return }
        try emit(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
