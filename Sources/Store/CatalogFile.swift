import Durable
import FoundationEssentials
import MailCore
import Synchronization

/// The catalog's summaries for the whole store, in `<root>/catalog/summaries.bin`.
///
/// An append-only log of binary records (see `SummaryCodec`), each framed as
/// `length u32 | crc32 u32 | payload | length u32` (little-endian) after an 8-byte magic
/// `MMCAT01\n`. A record cut short by kill -9 fails its frame or CRC check: `load` stops there and
/// ignores it, and the next `append` truncates it away before writing. A later record for the same
/// id replaces an earlier one. `rewrite` replaces the whole file atomically (reindex, compaction,
/// threads recomputed).
public final class CatalogFile: Sendable {
    public let directory: String
    public var path: String { "\(directory)/summaries.bin" }

    /// What `load` found.
    public struct Contents: Sendable {
        /// One summary per id, in the order ids first appeared, each the latest written.
        public var summaries: [MessageSummary]
        /// Records read (before collapsing ids).
        public var records: Int
        /// Bytes at the end that did not form a whole, valid record (a torn write), ignored.
        public var ignoredBytes: Int
    }

    static let magic: [UInt8] = Array("MMCAT01\n".utf8)
    static let frameOverhead = 12

    /// Held for a whole append or rewrite, so writers from several threads never interleave; the value
    /// says whether the file's tail has been checked for a torn record since it was opened.
    private let tailChecked = Mutex(false)

    public init(directory: String) {
        self.directory = directory
    }

    /// All summaries, latest per id. A missing catalog is empty.
    public func loadAll() throws -> [MessageSummary] {
        try load().summaries
    }

    public func load() throws -> Contents {
        guard let bytes = try io(Disk.readFileIfPresent(path)) else {
            return Contents(summaries: [], records: 0, ignoredBytes: 0)
        }
        if bytes.isEmpty { return Contents(summaries: [], records: 0, ignoredBytes: 0) }
        guard bytes.starts(with: Self.magic) else {
            throw StoreError(
                .corrupt, path: path,
                message:
                    "\(path) is not a mailmirror catalog (bad header). Run `mailmirror reindex` to rebuild it from the store."
            )
        }
        return try bytes.withUnsafeBytes { raw -> Contents in
            // Find the valid frames first (cheap), then decode them on every core: decoding is
            // string building and dominates; ids are collapsed afterwards, in file order.
            var frames: [Range<Int>] = []
            let end = Self.validEnd(raw) { payload in
                let start = payload.baseAddress! - raw.baseAddress!
                frames.append(start..<start + payload.count)
            }
            let workers = frames.count < 2048 ? 1 : min(Parallel.cores, 8)
            let chunks = Parallel.chunks(frames.count, chunks: workers) { range -> [MessageSummary]? in
                var decoded: [MessageSummary] = []
                decoded.reserveCapacity(range.count)
                for frame in frames[range] {
                    var reader = SummaryCodec.Reader(UnsafeRawBufferPointer(rebasing: raw[frame]))
                    guard let summary = try? SummaryCodec.decode(&reader) else { return nil }
                    decoded.append(summary)
                }
                return decoded
            }
            let failed = chunks.contains { $0 == nil }
            if failed {
                throw StoreError(
                    .corrupt, path: path,
                    message:
                        "\(path) holds a record this version of mailmirror cannot read (written by a newer version?). Run `mailmirror reindex` to rebuild it."
                )
            }
            var summaries: [MessageSummary] = []
            summaries.reserveCapacity(frames.count)
            var positions: [String: Int] = [:]
            positions.reserveCapacity(frames.count)
            for chunk in chunks {
                for summary in chunk ?? [] {
                    if let position = positions[summary.id] {
                        summaries[position] = summary
                    } else {
                        positions[summary.id] = summaries.count
                        summaries.append(summary)
                    }
                }
            }
            return Contents(summaries: summaries, records: frames.count, ignoredBytes: raw.count - end)
        }
    }

    /// Appends records durably (one write, then fsync). Safe after a torn write: the broken tail is
    /// cut off first. Call it holding the store's lock. Returns where each record starts in the file.
    @discardableResult
    public func append(_ summaries: [MessageSummary]) throws -> [Int] {
        guard !summaries.isEmpty else { return [] }
        return try tailChecked.withLock { tailChecked in try append(summaries, tailChecked: &tailChecked) }
    }

    private func append(_ summaries: [MessageSummary], tailChecked: inout Bool) throws -> [Int] {
        try io(Disk.makeDirectories(directory))
        let fd = try io(Disk.open(path, flags: Disk.OpenFlags.readWriteCreateAppend, operation: "open the catalog"))
        defer { Disk.close(fd) }
        var size = try io(Disk.seekToEnd(fd, path: path))
        if size > 0 && !tailChecked {
            let good = try checkedEnd(fd: fd, size: size)
            if good < size {
                try io(Disk.truncate(fd, length: good, path: path))
                size = good
            }
        }
        var buffer: [UInt8] = size == 0 ? Self.magic : []
        var starts: [Int] = []
        for summary in summaries {
            starts.append(size + buffer.count)
            Self.appendFrame(summary, to: &buffer)
        }
        try io(Disk.write(fd, buffer, path: path))
        try io(Disk.fsync(fd, path: path))
        tailChecked = true
        return starts
    }

    /// The valid records from byte `offset` (a record's start) to the end, with where each starts, and
    /// where the valid ones end: what was catalogued since a reader last saw the file `offset` long.
    public func records(from start: Int) throws -> (records: [(offset: Int, summary: MessageSummary)], end: Int) {
        let offset = max(start, Self.magic.count)  // a table written before the file existed covers nothing
        guard let fd = try? io(Disk.open(path, flags: Disk.OpenFlags.readOnly)) else { return ([], offset) }
        defer { Disk.close(fd) }
        let size = try io(Disk.size(fd, path: path))
        guard size > offset else { return ([], offset) }
        let bytes = try io(Disk.read(fd, count: size - offset, offset: offset, path: path))
        var records: [(offset: Int, summary: MessageSummary)] = []
        let end = try bytes.withUnsafeBytes { raw -> Int in
            var position = 0
            while let payload = Self.frame(raw, at: position) {
                var reader = SummaryCodec.Reader(payload)
                records.append((offset + position, try Self.decoded(&reader)))
                position += payload.count + Self.frameOverhead
            }
            return position
        }
        return (records, offset + end)
    }

    /// Every valid record in file order with where it starts, one at a time: the file is mapped, never
    /// decoded whole (what `catalog/threads` is written from). Returns how many records there are and
    /// where the valid ones end.
    @discardableResult
    public func forEachRecord(_ body: (Int, MessageSummary) throws -> Void) throws -> (records: Int, end: Int) {
        guard FileManager.default.fileExists(atPath: path) else { return (0, 0) }
        let file = try io(MappedFile(path: path))
        let raw = file.bytes
        guard raw.count > 0 else { return (0, 0) }
        guard raw.starts(with: Self.magic) else {
            throw StoreError(
                .corrupt, path: path,
                message:
                    "\(path) is not a mailmirror catalog (bad header). Run `mailmirror reindex` to rebuild it from the store."
            )
        }
        var records = 0
        var released = 0
        let end = try Self.validEnd(raw) { payload in
            var reader = SummaryCodec.Reader(payload)
            let offset = payload.baseAddress! - raw.baseAddress! - 8
            try body(offset, try Self.decoded(&reader))
            records += 1
            // The pages read leave the resident size as the walk goes (the catalog can be hundreds of MB).
            if offset - released >= Self.releaseBytes {
                file.release(released..<offset)
                released = offset
            }
        }
        return (records, end)
    }

    /// The records starting at these byte offsets (those where no valid record starts are left out).
    /// A `pread` or two per record: a lookup never reads the file whole.
    public func records(at offsets: [Int]) throws -> [Int: MessageSummary] {
        guard !offsets.isEmpty else { return [:] }
        return try reader().records(at: offsets)
    }

    /// The catalog open for reads by offset until the reader is released (`records(at:)` opens it per call).
    public func reader() throws(StoreError) -> CatalogReader {
        try CatalogReader(path: path)
    }

    static func decoded(_ reader: inout SummaryCodec.Reader, threadingOnly: Bool = false) throws -> MessageSummary {
        guard let summary = try? SummaryCodec.decode(&reader, threadingOnly: threadingOnly) else {
            throw StoreError(
                .corrupt, path: "catalog/summaries.bin",
                message:
                    "the catalog holds a record this version of mailmirror cannot read. Run `mailmirror reindex` to rebuild it."
            )
        }
        return summary
    }

    /// The payload of the whole, valid frame at `offset` in `raw`, if there is one.
    static func frame(_ raw: UnsafeRawBufferPointer, at offset: Int) -> UnsafeRawBufferPointer? {
        guard offset + frameOverhead <= raw.count else { return nil }
        let length = Int(readUInt32(raw, offset))
        let end = offset + frameOverhead + length
        guard end <= raw.count, readUInt32(raw, end - 4) == UInt32(length) else { return nil }
        let payload = UnsafeRawBufferPointer(rebasing: raw[(offset + 8)..<(end - 4)])
        guard Gzip.crc32(payload) == readUInt32(raw, offset + 4) else { return nil }
        return payload
    }

    /// Files beside the catalog that point into it by byte offset (`catalog/threads` and its tail): a
    /// rewrite moves every record, so they are removed durably before it. A kill between the two never
    /// leaves one pointing into the new file; the next index refresh writes them again.
    public static let offsetIndexes = ["threads", "threads.tail"]

    /// Replaces the catalog with exactly these summaries (tmp, fsync, rename, fsync of the folder).
    public func rewrite(_ all: [MessageSummary]) throws {
        try tailChecked.withLock { tailChecked in
            try io(Disk.makeDirectories(directory))
            for name in Self.offsetIndexes { try io(Disk.removeDurably("\(directory)/\(name)")) }
            // 1 MB at a time, never the whole file in memory.
            try io(
                Disk.writeAtomically(to: path) { (write: ([UInt8]) throws(DiskError) -> Void) throws(DiskError) in
                    var buffer = Self.magic
                    buffer.reserveCapacity(1 << 20)
                    for summary in all {
                        Self.appendFrame(summary, to: &buffer)
                        if buffer.count >= 1 << 20 {
                            try write(buffer)
                            buffer.removeAll(keepingCapacity: true)
                        }
                    }
                    try write(buffer)
                })
            tailChecked = true
        }
    }

    // MARK: Framing

    static func appendFrame(_ summary: MessageSummary, to buffer: inout [UInt8]) {
        var writer = SummaryCodec.Writer()
        SummaryCodec.encode(summary, into: &writer)
        let payload = writer.bytes
        let length = UInt32(payload.count)
        let crc = payload.withUnsafeBytes { Gzip.crc32($0) }
        appendUInt32(length, to: &buffer)
        appendUInt32(crc, to: &buffer)
        buffer.append(contentsOf: payload)
        appendUInt32(length, to: &buffer)
    }

    private static func appendUInt32(_ value: UInt32, to buffer: inout [UInt8]) {
        buffer.append(UInt8(truncatingIfNeeded: value))
        buffer.append(UInt8(truncatingIfNeeded: value >> 8))
        buffer.append(UInt8(truncatingIfNeeded: value >> 16))
        buffer.append(UInt8(truncatingIfNeeded: value >> 24))
    }

    static func readUInt32(_ raw: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(raw[offset]) | UInt32(raw[offset + 1]) << 8 | UInt32(raw[offset + 2]) << 16 | UInt32(raw[offset + 3])
            << 24
    }

    /// Walks the frames from the magic on, handing each valid payload to `visit`; returns the
    /// offset where valid data ends (a frame that is cut, or fails its CRC, ends it).
    static func validEnd(_ raw: UnsafeRawBufferPointer, visit: (UnsafeRawBufferPointer) throws -> Void) rethrows -> Int
    {
        var offset = magic.count
        while offset + frameOverhead <= raw.count {
            let length = Int(readUInt32(raw, offset))
            let end = offset + frameOverhead + length
            guard end <= raw.count, readUInt32(raw, end - 4) == UInt32(length) else { break }
            let payload = UnsafeRawBufferPointer(rebasing: raw[(offset + 8)..<(end - 4)])
            guard Gzip.crc32(payload) == readUInt32(raw, offset + 4) else { break }
            try visit(payload)
            offset = end
        }
        return offset
    }

    /// Where the valid records of the file end: the last frame is checked from the end (its
    /// trailing length points at its start); only when that fails is the file walked from the top.
    private func checkedEnd(fd: Int32, size: Int) throws -> Int {
        if size >= Self.magic.count + Self.frameOverhead {
            let tail = try io(Disk.read(fd, count: 4, offset: size - 4, path: path))
            let length = tail.withUnsafeBytes { Self.readUInt32($0, 0) }
            let start = size - Self.frameOverhead - Int(length)
            if start >= Self.magic.count {
                let frame = try io(Disk.read(fd, count: size - start, offset: start, path: path))
                let good = frame.withUnsafeBytes { raw in
                    Self.readUInt32(raw, 0) == length
                        && Gzip.crc32(UnsafeRawBufferPointer(rebasing: raw[8..<raw.count - 4]))
                            == Self.readUInt32(raw, 4)
                }
                if good { return size }
            }
        }
        let bytes = try io(Disk.read(fd, count: size, offset: 0, path: path))
        guard bytes.starts(with: Self.magic) else {
            throw StoreError(
                .corrupt, path: path,
                message:
                    "\(path) is not a mailmirror catalog (bad header). Run `mailmirror reindex` to rebuild it from the store."
            )
        }
        return bytes.withUnsafeBytes { Self.validEnd($0) { _ in } }
    }
}
