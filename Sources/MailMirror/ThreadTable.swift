import Durable
import FoundationEssentials
import MIME
import MailCore
import Store

/// `catalog/threads` and `catalog/threads.tail`: what lets the index refresh thread new messages by
/// lookup instead of loading and threading the whole catalog (issue 12).
///
/// Entries are pairs `key u64 | value u64` (little-endian): a 64-bit hash of something a catalog record
/// carries, and (for every kind but the date kinds) where that record starts in `summaries.bin`. Each
/// record gives one entry per Message-ID it names (its own, References, In-Reply-To), one for its Gmail
/// message id, one for its record id (the largest offset of an id is its latest record, the smallest its
/// place in the catalog's order), one for its stored thread id (`t:`, so a thread's members placed by the
/// subject rule are found too), and for its normalized subject (the threader's subject rule groups threads
/// by the subject of their first message, and a reply examines only the 64 latest threads started before
/// it): its date under `d:` (value: the date), and its offset under `a:` subject and date, so a refresh
/// reads a window of a subject's threads by date, never the whole subject. A reply the subject rule may
/// place (a reply prefix, no reference at all) also gives its date under `l:`, so a refresh knows without
/// reading a record whether a subject has such replies late enough to matter.
///
/// `threads` is sorted and memory-mapped: an 80-byte header (`MMTHR03\n`, a random generation the tail must
/// carry too, how many catalog bytes it covers, records and distinct ids in them, entry and block counts,
/// where the last covered record starts and its CRC, the directory's CRC, the header's own CRC), a directory (per block
/// of 256 entries: its first key and its CRC-32), then the entries. A lookup reads the directory by
/// binary search and checks the CRC of every block it reads (once per block), so a garbled entry is never
/// used: `lookup` throws `Damaged` and the refresh takes the full path, which writes the table again. A
/// catalog cut shorter than what the table covers, or whose last covered record is not the one the header
/// names, makes `open` answer nil (the same full path); `CatalogFile.rewrite` removes the table before it
/// moves any record. `verify` reads every block (`checkAll`).
///
/// `threads.tail` holds what refreshes added since, unsorted: a generation entry, then batches each closed by
/// two trailer entries (covered bytes; records and ids, the batch's entry count and CRC-32). A batch
/// without its trailer at the end of the file (a write cut by a kill) is ignored and cut off by the next
/// append; a batch whose CRC fails with more after it is damage. The tail is merged into `threads` once
/// it passes an eighth of it. Entries are never removed: one that points at a superseded record is
/// recognised on lookup (its id's latest offset is elsewhere), and dropped when the table is written
/// again from the whole catalog.
final class ThreadTable {
    struct Entry: Comparable {
        var key: UInt64
        var value: UInt64
        static func < (a: Entry, b: Entry) -> Bool { (a.key, a.value) < (b.key, b.value) }
    }

    /// A block or a tail batch fails its checksum: the table cannot be trusted (the refresh takes the
    /// full path, which writes it again).
    struct Damaged: Error, CustomStringConvertible {
        var description: String
    }

    enum Key {
        static func message(_ id: String) -> UInt64 { hash("m:", id) }
        static func gmail(_ id: UInt64) -> UInt64 { StableHash.fnv1a64("g:\(id)") }
        static func record(_ id: String) -> UInt64 { hash("r:", id) }
        /// The dates of the records of a normalized subject (`SubjectNormalizer.normalize`, never empty):
        /// where a window of the subject's threads starts and ends is chosen from these, without reading.
        static func subjectDates(_ normalized: String) -> UInt64 { hash("d:", normalized) }
        /// The records of a normalized subject dated `date`: a window of the subject is read date by date.
        static func subject(_ normalized: String, at date: Int64) -> UInt64 {
            StableHash.fnv1a64(normalized, continuing: StableHash.fnv1a64("a:\(date):"))
        }
        /// The dates of the replies the subject rule may place, under their normalized subject.
        static func loneDates(_ normalized: String) -> UInt64 { hash("l:", normalized) }
        /// The records stored with a thread id: every member of a thread, those the subject rule placed
        /// there included (references alone do not find them).
        static func thread(_ id: String) -> UInt64 { hash("t:", id) }

        /// `StableHash.fnv1a64(prefix + text)` without making that string: a refresh works out tens of
        /// thousands of these keys, and FNV-1a goes byte by byte, so the prefix's bytes simply come first.
        static func hash(_ prefix: StaticString, _ text: String) -> UInt64 {
            let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
            return StableHash.fnv1a64(text, continuing: StableHash.fnv1a64(bytes: prefixBytes))
        }
    }

    static let magic: [UInt8] = Array("MMTHR03\n".utf8)
    static let headerBytes = 80
    static let blockEntries = 256
    private static let generationMark: UInt64 = .max - 1
    private static let trailerMark: UInt64 = .max

    let directory: String
    var mainPath: String { "\(directory)/threads" }
    var tailPath: String { "\(directory)/threads.tail" }

    private let main: MappedFile
    private let mainCount: Int
    private let blockCount: Int
    private let generation: UInt64
    /// Whether each block's CRC was checked (by block number; filled at the first lookup).
    private var verifiedBlocks: [Bool] = []
    /// Blocks read since the table's pages were last handed back (`blocksPerRelease`).
    private var blocksSinceRelease = 0
    /// Blocks read after which the pages read leave the resident size. A lookup reads a block of 4 KB
    /// somewhere in the table (a subject's dates, more), and the kernel maps up to 64 KB around each page
    /// it faults in, so a refresh at 1,000,000 messages held most of a 118 MB table resident; now about
    /// 8 MB at most. The pages stay in the page cache: reading one again costs a minor fault.
    static let blocksPerRelease = 128
    /// Catalog bytes whose records are in the table, and how many records and distinct ids they hold.
    private(set) var covered: Int
    private(set) var frames: Int
    private(set) var distinct: Int
    private var tail: [Entry] = []
    private var tailValidBytes = 0
    private var tailFileBytes = 0

    /// Whether the threader may place `summary` by its subject: a reply with no reference at all.
    static func mayJoinBySubject(_ summary: MessageSummary) -> Bool {
        summary.references.isEmpty && summary.inReplyTo.isEmpty && SubjectNormalizer.hasReplyPrefix(summary.subject)
    }

    /// The keys under which a record is found by the ids it names (its thread's other members name them too).
    static func mentionKeys(_ summary: MessageSummary) -> [UInt64] {
        var keys: [UInt64] = []
        if let id = summary.messageId, !id.isEmpty { keys.append(Key.message(id)) }
        for id in summary.references + summary.inReplyTo where !id.isEmpty { keys.append(Key.message(id)) }
        if let gmail = summary.gmailMessageId { keys.append(Key.gmail(gmail)) }
        return keys
    }

    static func entries(for summary: MessageSummary, at offset: Int) -> [Entry] {
        let at = UInt64(offset)
        var entries = ([Key.record(summary.id)] + mentionKeys(summary)).map { Entry(key: $0, value: at) }
        if !summary.threadId.isEmpty { entries.append(Entry(key: Key.thread(summary.threadId), value: at)) }
        let subject = SubjectNormalizer.normalize(summary.subject)
        if !subject.isEmpty {
            entries.append(Entry(key: Key.subjectDates(subject), value: UInt64(bitPattern: summary.date)))
            entries.append(Entry(key: Key.subject(subject, at: summary.date), value: at))
            if mayJoinBySubject(summary) {
                entries.append(Entry(key: Key.loneDates(subject), value: UInt64(bitPattern: summary.date)))
            }
        }
        return entries
    }

    /// The table for the catalog as it is now, or nil when it is missing, damaged in its header, directory
    /// or tail, or made for another catalog (then the caller threads the whole catalog and calls `write`).
    static func open(directory: String, catalogPath: String) -> ThreadTable? {
        try? opened(directory: directory, catalogPath: catalogPath)
    }

    /// `open`, saying why it fails: nil when the table is missing or belongs to another catalog (the next
    /// refresh writes it again), `Damaged` when a checksum fails.
    static func opened(directory: String, catalogPath: String) throws -> ThreadTable? {
        guard let catalog = (try? Disk.status(catalogPath)) ?? nil,
            let main = try? MappedFile(path: "\(directory)/threads")
        else { return nil }
        let raw = main.bytes
        guard raw.count >= headerBytes, raw.starts(with: magic) else {
            // Written by an earlier version (other keys): like a missing table, written again by the full path.
            if ["MMTHR01\n", "MMTHR02\n"].contains(where: { raw.starts(with: Array($0.utf8)) }) { return nil }
            throw Damaged(description: "its header is not a thread table's")
        }
        guard Gzip.crc32(UnsafeRawBufferPointer(rebasing: raw[0..<72])) == readUInt32(raw, 72) else {
            throw Damaged(description: "its header fails its checksum")
        }
        let field = { (index: Int) in read(raw, 8 + index * 8) }
        let count = Int(truncatingIfNeeded: field(4))
        let blocks = Int(truncatingIfNeeded: field(5))
        guard count >= 0, blocks == (count + blockEntries - 1) / blockEntries,
            raw.count == headerBytes + blocks * 16 + count * 16
        else {
            throw Damaged(description: "its size does not match its header")
        }
        guard
            Gzip.crc32(UnsafeRawBufferPointer(rebasing: raw[headerBytes..<(headerBytes + blocks * 16)]))
                == readUInt32(raw, 68)
        else {
            throw Damaged(description: "its block directory fails its checksum")
        }
        // Made for this catalog: not longer than it, and the last record it covers is there. (Not tied to the
        // inode: a copy of the mirror keeps its table; a rewrite of the catalog removes the table first.)
        let covered = Int(truncatingIfNeeded: field(1))
        let lastFrame = Int(truncatingIfNeeded: field(6))
        guard covered <= catalog.size else { return nil }
        if lastFrame > 0 {
            guard let fd = try? Disk.open(catalogPath, flags: Disk.OpenFlags.readOnly) else { return nil }
            defer { Disk.close(fd) }
            guard let head = try? Disk.read(fd, count: 8, offset: lastFrame, path: catalogPath), head.count == 8 else {
                return nil
            }
            let matches = head.withUnsafeBytes {
                lastFrame + 12 + Int(readUInt32($0, 0)) <= covered && readUInt32($0, 4) == readUInt32(raw, 64)
            }
            guard matches else { return nil }
        }
        let table = ThreadTable(
            directory: directory, main: main, count: count, blocks: blocks, generation: field(0), covered: covered,
            frames: Int(field(2)), distinct: Int(field(3)))
        try table.readTail()
        guard table.covered <= catalog.size else { return nil }
        return table
    }

    private init(
        directory: String, main: MappedFile, count: Int, blocks: Int, generation: UInt64, covered: Int, frames: Int,
        distinct: Int
    ) {
        self.directory = directory
        self.main = main
        mainCount = count
        blockCount = blocks
        self.generation = generation
        self.covered = covered
        self.frames = frames
        self.distinct = distinct
    }

    /// Reads the tail's whole batches (it is small: merged into `threads` past an eighth of it).
    private func readTail() throws {
        guard let bytes = try? Disk.readFileIfPresent(tailPath) else { return }
        tailFileBytes = bytes.count
        try bytes.withUnsafeBytes { raw in
            let count = raw.count / 16
            guard count >= 1, Self.read(raw, 0) == Self.generationMark, Self.read(raw, 8) == generation else { return }
            tailValidBytes = 16
            var pending: [Entry] = []
            var start = 1
            var index = 1
            while index < count {
                let key = Self.read(raw, index * 16)
                let value = Self.read(raw, index * 16 + 8)
                guard key == Self.trailerMark else {
                    pending.append(Entry(key: key, value: value))
                    index += 1
                    continue
                }
                guard index + 1 < count else { break }  // a trailer cut in two: the last batch is torn
                let counts = Self.read(raw, index * 16 + 16)
                let check = Self.read(raw, index * 16 + 24)
                let crc = Gzip.crc32(UnsafeRawBufferPointer(rebasing: raw[(start * 16)..<(index * 16 + 24)]))
                guard UInt32(check >> 32) == crc, Int(check & 0xFFFF_FFFF) == pending.count else {
                    // Torn when nothing follows it; anything after a bad batch means the file was damaged.
                    if (index + 2) * 16 < raw.count {
                        throw Damaged(description: "\(tailPath) holds a batch that fails its checksum")
                    }
                    break
                }
                tail += pending
                pending = []
                covered = max(covered, Int(value))
                frames = Int(counts >> 32)
                distinct = Int(counts & 0xFFFF_FFFF)
                index += 2
                start = index
                tailValidBytes = index * 16
            }
        }
        tail.sort()
    }

    private func entryKey(_ index: Int) -> UInt64 {
        Self.read(main.bytes, Self.headerBytes + blockCount * 16 + index * 16)
    }
    private func entryValue(_ index: Int) -> UInt64 {
        Self.read(main.bytes, Self.headerBytes + blockCount * 16 + index * 16 + 8)
    }
    private func blockFirstKey(_ block: Int) -> UInt64 { Self.read(main.bytes, Self.headerBytes + block * 16) }

    /// Checks block `block`'s CRC the first time it is read.
    private func verify(block: Int) throws {
        if verifiedBlocks.isEmpty { verifiedBlocks = [Bool](repeating: false, count: blockCount) }
        guard !verifiedBlocks[block] else { return }
        let start = Self.headerBytes + blockCount * 16 + block * Self.blockEntries * 16
        let end = min(start + Self.blockEntries * 16, Self.headerBytes + blockCount * 16 + mainCount * 16)
        let crc = Gzip.crc32(UnsafeRawBufferPointer(rebasing: main.bytes[start..<end]))
        guard crc == Self.readUInt32(main.bytes, Self.headerBytes + block * 16 + 8),
            entryKey(block * Self.blockEntries) == blockFirstKey(block)
        else {
            throw Damaged(description: "\(mainPath): block \(block) fails its checksum")
        }
        verifiedBlocks[block] = true
    }

    /// The values recorded under `key` (catalog offsets; dates for `Key.loneDates`).
    func lookup(_ key: UInt64) throws -> [UInt64] {
        var found: [UInt64] = []
        // The first block whose first key is not below `key`; the one before may hold it too.
        let low = Self.firstIndex(notBelow: key, in: 0..<blockCount, from: 0, to: .max, keyAt: blockFirstKey)
        var block = max(0, low - 1)
        while block < blockCount, blockFirstKey(block) <= key {
            try verify(block: block)
            blocksSinceRelease += 1
            let first = block * Self.blockEntries
            let last = min(first + Self.blockEntries, mainCount)
            // Entries are sorted: the first not below `key` by search, not a walk of up to 256.
            let next = block + 1 < blockCount ? blockFirstKey(block + 1) : .max
            var index = Self.firstIndex(
                notBelow: key, in: first..<last, from: blockFirstKey(block), to: next, keyAt: entryKey)
            while index < last, entryKey(index) == key {
                found.append(entryValue(index))
                index += 1
            }
            if blocksSinceRelease >= Self.blocksPerRelease {
                main.release(0..<main.bytes.count)
                blocksSinceRelease = 0
            }
            if index < last { break }  // a larger key ends the run inside this block
            block += 1
        }
        var position = tail.partitioningIndex { $0.key >= key }
        while position < tail.count, tail[position].key == key {
            found.append(tail[position].value)
            position += 1
        }
        return found
    }

    /// The first index of `range` whose key (`keyAt`, ascending) is not below `key`; `range.upperBound`
    /// when none is. Keys are hashes, spread evenly over `lowest...highest`: the search starts where `key`
    /// falls in that proportion and widens from there (a few reads of a freshly mapped page, not the
    /// eight to twelve of a binary search). Any keys give the right answer; only the cost depends on them.
    static func firstIndex(
        notBelow key: UInt64, in range: Range<Int>, from lowest: UInt64, to highest: UInt64,
        keyAt: (Int) -> UInt64
    ) -> Int {
        guard !range.isEmpty else { return range.lowerBound }
        var share = 0.0
        if key > lowest && highest > lowest { share = min(1, Double(key - lowest) / Double(highest - lowest)) }
        let guess = min(range.upperBound - 1, range.lowerBound + Int(share * Double(range.count)))
        // The answer lies in `low...high`.
        var low = range.lowerBound
        var high = range.upperBound
        var step = 1
        if keyAt(guess) < key {
            low = guess + 1
            while guess + step < range.upperBound, keyAt(guess + step) < key {
                low = guess + step + 1
                step *= 2
            }
            high = min(guess + step, range.upperBound)
        } else {
            high = guess
            while guess - step >= range.lowerBound, keyAt(guess - step) >= key {
                high = guess - step
                step *= 2
            }
            low = max(guess - step + 1, range.lowerBound)
        }
        while low < high {
            let middle = (low + high) / 2
            if keyAt(middle) < key { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Reads every block (for `verify`); throws `Damaged` at the first that fails.
    func checkAll() throws {
        // Pages already checked are handed back as it goes (a 1M-message table is over 100 MB): `verify`'s
        // footprint stays what it holds, not the size of the file it read. They read back from the page cache.
        let entriesStart = Self.headerBytes + blockCount * 16
        let releaseEvery = 256
        for block in 0..<blockCount {
            try verify(block: block)
            if (block + 1) % releaseEvery == 0 {
                main.release(
                    entriesStart + (block + 1 - releaseEvery) * Self.blockEntries * 16..<entriesStart + (block + 1)
                        * Self.blockEntries * 16)
            }
        }
    }

    /// What is wrong with the table of `catalog`, for `verify`: nil when it is whole, missing, or written
    /// for another catalog (the next refresh writes it again; neither gives a wrong answer).
    static func damage(directory: String, catalogPath: String) -> String? {
        do {
            try opened(directory: directory, catalogPath: catalogPath)?.checkAll()
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// Adds what a refresh catalogued: durably appended to the tail, or merged into `threads` when the
    /// tail has grown past an eighth of it.
    func append(_ entries: [Entry], covered: Int, lastFrame: (offset: Int, crc: UInt32), frames: Int, distinct: Int)
        throws
    {
        if tail.count + entries.count > max(4_096, mainCount / 8) {
            var all = (0..<mainCount).map { Entry(key: entryKey($0), value: entryValue($0)) }
            try checkAll()
            all += tail
            all += entries
            try Self.writeMain(
                &all, directory: directory, covered: covered, lastFrame: lastFrame,
                frames: frames, distinct: distinct)
            return
        }
        var batch: [UInt8] = []
        batch.reserveCapacity(entries.count * 16 + 32)
        for entry in entries { Self.put(entry, into: &batch) }
        Self.put(Entry(key: Self.trailerMark, value: UInt64(covered)), into: &batch)
        Self.putUInt64(UInt64(frames) << 32 | UInt64(distinct), into: &batch)
        let crc = batch.withUnsafeBytes { Gzip.crc32($0) }
        Self.putUInt64(UInt64(crc) << 32 | UInt64(entries.count), into: &batch)
        if tailValidBytes > 0 && tailValidBytes == tailFileBytes {
            try Disk.append(batch, to: tailPath)
        } else {
            // No tail yet, or one that ends with a batch cut short: written again whole.
            var bytes: [UInt8] = []
            let existing = tailValidBytes > 0 ? ((try? Disk.readFile(tailPath)) ?? []) : []
            if tailValidBytes > 0 && existing.count >= tailValidBytes {
                bytes = Array(existing.prefix(tailValidBytes))
            } else {
                Self.put(Entry(key: Self.generationMark, value: generation), into: &bytes)
            }
            bytes += batch
            try Disk.writeAtomically(bytes, to: tailPath)
        }
    }

    /// Writes the table for the whole catalog (the full path: first refresh, reindex, compaction of the
    /// catalog, a table found missing or damaged), reading it one record at a time. Superseded records get
    /// entries too, as the tail gives them: lookups keep only an id's latest record.
    /// Entries are sorted in bounded memory (`runEntries` at a time, runs spilled beside the catalog), ids
    /// counted from a sorted run of their 64 bits, never held as strings.
    static func write(catalog: CatalogFile, runEntries: Int = SortedRuns.defaultRunEntries) throws {
        let entries = SortedRuns(directory: catalog.directory, runEntries: runEntries)
        let ids = SortedRuns(directory: catalog.directory, runEntries: runEntries)
        var last = 0
        let (records, end) = try catalog.forEachRecord { offset, summary in
            for entry in Self.entries(for: summary, at: offset) { try entries.add(entry) }
            try ids.add(Entry(key: PreviousFactsTable.key(summary.id), value: 0))
            last = offset
        }
        var distinct = 0
        var previous: UInt64?
        try ids.forEachSorted { (entry) throws(DiskError) in
            if entry.key != previous { distinct += 1 }
            previous = entry.key
        }
        try writeMain(
            count: entries.count, sorted: entries.forEachSorted, directory: catalog.directory, covered: end,
            lastFrame: try lastFrame(catalog.path, offset: last), frames: records, distinct: distinct)
    }

    /// Where the record at `offset` starts and its CRC, read from the catalog (`(0, 0)` for none).
    static func lastFrame(_ path: String, offset: Int) throws -> (offset: Int, crc: UInt32) {
        guard offset > 0 else { return (0, 0) }
        let fd = try Disk.open(path, flags: Disk.OpenFlags.readOnly)
        defer { Disk.close(fd) }
        let head = try Disk.read(fd, count: 8, offset: offset, path: path)
        guard head.count == 8 else { return (0, 0) }
        return (offset, head.withUnsafeBytes { readUInt32($0, 4) })
    }

    /// Sorts `entries` in place and writes them.
    private static func writeMain(
        _ entries: inout [Entry], directory: String, covered: Int,
        lastFrame: (offset: Int, crc: UInt32), frames: Int, distinct: Int
    ) throws {
        entries.sort()
        let sorted = entries
        try writeMain(
            count: sorted.count,
            sorted: { (body: (Entry) throws(DiskError) -> Void) throws(DiskError) in
                for entry in sorted { try body(entry) }
            }, directory: directory, covered: covered, lastFrame: lastFrame, frames: frames, distinct: distinct)
    }

    /// Writes `count` entries that `sorted` hands over in order, a block at a time, walking them twice (the
    /// block directory, which comes first in the file, then the blocks): the table is never held in memory.
    private static func writeMain(
        count: Int, sorted: @escaping ((Entry) throws(DiskError) -> Void) throws(DiskError) -> Void, directory: String,
        covered: Int, lastFrame: (offset: Int, crc: UInt32), frames: Int, distinct: Int
    ) throws {
        let blocks = (count + blockEntries - 1) / blockEntries
        var block: [UInt8] = []
        block.reserveCapacity(blockEntries * 16)
        var directoryBytes: [UInt8] = []
        directoryBytes.reserveCapacity(blocks * 16)
        var inBlock = 0
        var firstKey: UInt64 = 0
        func closeBlock() {
            putUInt64(firstKey, into: &directoryBytes)
            putUInt64(UInt64(block.withUnsafeBytes { Gzip.crc32($0) }), into: &directoryBytes)
            block.removeAll(keepingCapacity: true)
            inBlock = 0
        }
        try sorted { (entry) throws(DiskError) in
            if inBlock == 0 { firstKey = entry.key }
            put(entry, into: &block)
            inBlock += 1
            if inBlock == blockEntries { closeBlock() }
        }
        if inBlock > 0 { closeBlock() }
        var header = magic
        // A new generation each time: a tail an earlier `threads` left (a kill before its unlink) is ignored.
        let generation = UInt64.random(in: 1...(UInt64.max - 2))
        for value in [
            generation, UInt64(covered), UInt64(frames), UInt64(distinct), UInt64(count), UInt64(blocks),
            UInt64(lastFrame.offset),
        ] {
            putUInt64(value, into: &header)
        }
        putUInt32(lastFrame.crc, into: &header)
        putUInt32(directoryBytes.withUnsafeBytes { Gzip.crc32($0) }, into: &header)
        putUInt32(header.withUnsafeBytes { Gzip.crc32($0) }, into: &header)
        putUInt32(0, into: &header)
        try Disk.writeAtomically(to: "\(directory)/threads") {
            (write: ([UInt8]) throws(DiskError) -> Void) throws(DiskError) in
            try write(header + directoryBytes)
            // 64 KiB at a time: few writes, little memory.
            var pending: [UInt8] = []
            pending.reserveCapacity(64 << 10)
            try sorted { (entry) throws(DiskError) in
                put(entry, into: &pending)
                if pending.count >= 64 << 10 {
                    try write(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            if !pending.isEmpty { try write(pending) }
        }
        // The tail's entries are all in `threads` now; one left by a kill before this unlink repeats
        // entries, which lookups tolerate.
        _ = try Disk.removeIfPresent("\(directory)/threads.tail")
    }

    private static func put(_ entry: Entry, into bytes: inout [UInt8]) {
        putUInt64(entry.key, into: &bytes)
        putUInt64(entry.value, into: &bytes)
    }

    private static func putUInt64(_ value: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func putUInt32(_ value: UInt32, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    private static func read(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }

    private static func readUInt32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        raw.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it.
    fileprivate func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
