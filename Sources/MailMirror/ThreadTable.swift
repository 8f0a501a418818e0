import Durable
import Foundation
import MailCore
import MIME
import Store

/// `catalog/threads` and `catalog/threads.tail`: what lets the index refresh thread new messages by
/// lookup instead of loading and threading the whole catalog (issue 12).
///
/// Entries are pairs `key u64 | offset u64` (little-endian): a 64-bit hash of something a catalog record
/// carries, and where that record starts in `summaries.bin`. Each record gives one entry per Message-ID
/// it names (its own, References, In-Reply-To), one for its thread id, one for its record id (the largest
/// offset of an id is its latest record, the smallest its place in the catalog's order), and one for its
/// normalized subject when it is a lone reply the threader may place by subject.
///
/// `threads` is sorted and memory-mapped, read by binary search (a lookup touches a few pages, never the
/// whole file); its 48-byte header (`MMTHR01\n`, the catalog's inode, how many catalog bytes it covers,
/// records and distinct ids in them, entry count) ties it to one catalog file: a rewritten catalog (new
/// inode), one cut shorter than what the table covers, or a header that does not match the file's size
/// makes `open` answer nil and the refresh takes the full path, which writes the table again. So the
/// table heals itself and `reindex` rebuilds it with the catalog. `threads.tail` holds what refreshes
/// added since, unsorted: an inode entry, then batches each closed by two trailer entries (covered bytes;
/// records and ids); a batch without its trailer (a write cut by a kill) is ignored and cut off by the
/// next append. The tail is merged into `threads` once it passes an eighth of it. Entries are never
/// removed: one that points at a superseded record is recognised on lookup (its id's latest offset is
/// elsewhere), and dropped when the full path writes the table again.
final class ThreadTable {
    struct Entry: Comparable {
        var key: UInt64
        var offset: UInt64
        static func < (a: Entry, b: Entry) -> Bool { (a.key, a.offset) < (b.key, b.offset) }
    }

    enum Key {
        static func message(_ id: String) -> UInt64 { StableHash.fnv1a64("m:" + id) }
        static func thread(_ id: String) -> UInt64 { StableHash.fnv1a64("t:" + id) }
        static func record(_ id: String) -> UInt64 { StableHash.fnv1a64("r:" + id) }
        static func loneSubject(_ subject: String) -> UInt64 { StableHash.fnv1a64("s:" + SubjectNormalizer.normalize(subject)) }
    }

    static let magic: [UInt8] = Array("MMTHR01\n".utf8)
    static let headerBytes = 48
    private static let inodeMark: UInt64 = .max - 1
    private static let trailerMark: UInt64 = .max

    let directory: String
    var mainPath: String { "\(directory)/threads" }
    var tailPath: String { "\(directory)/threads.tail" }

    private let main: MappedFile
    private let mainCount: Int
    private let mainCovered: Int
    private let inode: UInt64
    /// Catalog bytes whose records are in the table, and how many records and distinct ids they hold.
    private(set) var covered: Int
    private(set) var frames: Int
    private(set) var distinct: Int
    private var tail: [Entry]
    private var tailValidBytes: Int
    private var tailFileBytes: Int

    /// Whether the threader may place `summary` by its subject: a lone reply with no reference at all.
    static func mayJoinBySubject(_ summary: MessageSummary) -> Bool {
        summary.references.isEmpty && summary.inReplyTo.isEmpty && SubjectNormalizer.hasReplyPrefix(summary.subject)
    }

    static func entries(for summary: MessageSummary, at offset: Int) -> [Entry] {
        let at = UInt64(offset)
        var keys = [Key.record(summary.id)]
        if !summary.threadId.isEmpty { keys.append(Key.thread(summary.threadId)) }
        if let id = summary.messageId, !id.isEmpty { keys.append(Key.message(id)) }
        for id in summary.references + summary.inReplyTo where !id.isEmpty { keys.append(Key.message(id)) }
        if mayJoinBySubject(summary) { keys.append(Key.loneSubject(summary.subject)) }
        return keys.map { Entry(key: $0, offset: at) }
    }

    /// The table for the catalog as it is now, or nil when it is missing, damaged, or made for another
    /// catalog (then the caller threads the whole catalog and calls `write`).
    static func open(directory: String, catalogPath: String) -> ThreadTable? {
        guard let catalog = (try? Disk.status(catalogPath)) ?? nil,
              let main = try? MappedFile(path: "\(directory)/threads"), main.bytes.count >= headerBytes,
              main.bytes.starts(with: magic) else { return nil }
        let header = (0..<5).map { read(main.bytes, 8 + $0 * 8) }
        let count = Int(truncatingIfNeeded: header[4])
        guard header[0] == catalog.inode, count >= 0, main.bytes.count == headerBytes + count * 16,
              Int(header[1]) <= catalog.size else { return nil }
        let table = ThreadTable(directory: directory, main: main, count: count, inode: header[0], covered: Int(header[1]),
                                frames: Int(header[2]), distinct: Int(header[3]))
        table.readTail()
        guard table.covered <= catalog.size else { return nil }
        return table
    }

    private init(directory: String, main: MappedFile, count: Int, inode: UInt64, covered: Int, frames: Int, distinct: Int) {
        self.directory = directory
        self.main = main
        mainCount = count
        mainCovered = covered
        self.inode = inode
        self.covered = covered
        self.frames = frames
        self.distinct = distinct
        tail = []
        tailValidBytes = 0
        tailFileBytes = 0
    }

    /// Reads the tail's whole batches (it is small: merged into `threads` past an eighth of it).
    private func readTail() {
        guard let bytes = try? Disk.readFileIfPresent(tailPath) else { return }
        tailFileBytes = bytes.count
        bytes.withUnsafeBytes { raw in
            let count = raw.count / 16
            guard count >= 1, Self.read(raw, 0) == Self.inodeMark, Self.read(raw, 8) == inode else { return }
            tailValidBytes = 16
            var pending: [Entry] = []
            var index = 1
            while index < count {
                let key = Self.read(raw, index * 16), value = Self.read(raw, index * 16 + 8)
                if key == Self.trailerMark {
                    guard index + 1 < count else { break }
                    let counts = Self.read(raw, index * 16 + 16)
                    tail += pending
                    pending = []
                    covered = max(covered, Int(value))
                    frames = Int(counts >> 32)
                    distinct = Int(counts & 0xFFFF_FFFF)
                    index += 2
                    tailValidBytes = index * 16
                } else {
                    pending.append(Entry(key: key, offset: value))
                    index += 1
                }
            }
        }
        tail.sort()
    }

    /// The catalog offsets recorded under `key`.
    func lookup(_ key: UInt64) -> [Int] {
        var found: [Int] = []
        var low = 0, high = mainCount
        while low < high {
            let middle = (low + high) / 2
            if Self.read(main.bytes, Self.headerBytes + middle * 16) < key { low = middle + 1 } else { high = middle }
        }
        var index = low
        while index < mainCount, Self.read(main.bytes, Self.headerBytes + index * 16) == key {
            found.append(Int(Self.read(main.bytes, Self.headerBytes + index * 16 + 8)))
            index += 1
        }
        var position = tail.partitioningIndex { $0.key >= key }
        while position < tail.count, tail[position].key == key {
            found.append(Int(tail[position].offset))
            position += 1
        }
        return found
    }

    /// Adds what a refresh catalogued: durably appended to the tail, or merged into `threads` when the
    /// tail has grown past an eighth of it.
    func append(_ entries: [Entry], covered: Int, frames: Int, distinct: Int) throws {
        var batch: [UInt8] = []
        batch.reserveCapacity(entries.count * 16 + 32)
        for entry in entries { Self.put(entry, into: &batch) }
        Self.put(Entry(key: Self.trailerMark, offset: UInt64(covered)), into: &batch)
        Self.put(Entry(key: UInt64(frames) << 32 | UInt64(distinct), offset: 0), into: &batch)
        if tail.count + entries.count > max(4_096, mainCount / 8) {
            var all = (0..<mainCount).map { Entry(key: Self.read(main.bytes, Self.headerBytes + $0 * 16),
                                                  offset: Self.read(main.bytes, Self.headerBytes + $0 * 16 + 8)) }
            all += tail
            all += entries
            try Self.writeMain(all, directory: directory, inode: inode, covered: covered, frames: frames, distinct: distinct)
        } else if tailValidBytes > 0 && tailValidBytes == tailFileBytes {
            try Disk.append(batch, to: tailPath)
        } else {
            // No tail yet, or one that ends with a batch cut short: written again whole.
            var bytes: [UInt8] = []
            let existing = tailValidBytes > 0 ? ((try? Disk.readFile(tailPath)) ?? []) : []
            if existing.count >= tailValidBytes && tailValidBytes > 0 {
                bytes = Array(existing.prefix(tailValidBytes))
            } else {
                Self.put(Entry(key: Self.inodeMark, offset: inode), into: &bytes)
            }
            bytes += batch
            try Disk.writeAtomically(bytes, to: tailPath)
        }
    }

    /// Writes the table for the whole catalog as `load` read it (the full path: first refresh, reindex,
    /// compaction of the catalog, a table found missing or damaged).
    static func write(_ contents: CatalogFile.Contents, catalog: CatalogFile) throws {
        guard let status = try Disk.status(catalog.path) else { return }
        var entries: [Entry] = []
        entries.reserveCapacity(contents.summaries.count * 5)
        for (index, summary) in contents.summaries.enumerated() {
            entries += Self.entries(for: summary, at: contents.offsets[index])
            if contents.firstOffsets[index] != contents.offsets[index] {
                entries.append(Entry(key: Key.record(summary.id), offset: UInt64(contents.firstOffsets[index])))
            }
        }
        let covered = status.size - contents.ignoredBytes
        try writeMain(entries, directory: catalog.directory, inode: status.inode, covered: covered,
                      frames: contents.records, distinct: contents.summaries.count)
    }

    private static func writeMain(_ unsorted: [Entry], directory: String, inode: UInt64, covered: Int, frames: Int, distinct: Int) throws {
        let entries = unsorted.sorted()
        var bytes = magic
        bytes.reserveCapacity(headerBytes + entries.count * 16)
        for value in [inode, UInt64(covered), UInt64(frames), UInt64(distinct), UInt64(entries.count)] { putUInt64(value, into: &bytes) }
        for entry in entries { put(entry, into: &bytes) }
        try Disk.writeAtomically(bytes, to: "\(directory)/threads")
        // The tail's entries are all in `threads` now; one left by a kill before this unlink repeats
        // entries, which lookups tolerate.
        _ = try Disk.removeIfPresent("\(directory)/threads.tail")
    }

    private static func put(_ entry: Entry, into bytes: inout [UInt8]) {
        putUInt64(entry.key, into: &bytes)
        putUInt64(entry.offset, into: &bytes)
    }

    private static func putUInt64(_ value: UInt64, into bytes: inout [UInt8]) {
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }

    private static func read(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian
    }
}

private extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned by it.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
