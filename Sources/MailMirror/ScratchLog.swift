import Durable
import FoundationEssentials
import Glibc

/// Records written once and read back once, in order: what `reindex` carries from its pass over
/// the store (each message parsed once) to its pass that writes the catalog and the index (after
/// threading, which needs every message first). Up to `memoryBytes` stay in memory; past that
/// they go to a scratch file that is unlinked as soon as it is opened (a killed reindex leaves
/// nothing behind), so memory stays flat however large the store is.
final class ScratchLog {
    private let directory: URL
    private let memoryBytes: Int
    /// Records not yet in the file (all of them while there is no file).
    private var pending: [UInt8] = []
    private var descriptor: Int32 = -1
    private var fileBytes = 0

    /// Bytes gathered before a write once the file is in use.
    private static let blockBytes = 1 << 20

    init(directory: URL, memoryBytes: Int) {
        self.directory = directory
        self.memoryBytes = memoryBytes
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Adds one record.
    func append(_ record: [UInt8]) throws {
        var length = UInt32(record.count).littleEndian
        withUnsafeBytes(of: &length) { pending.append(contentsOf: $0) }
        pending += record
        if descriptor < 0 && pending.count > memoryBytes {
            try openFile()
            try flush()
            // The in-memory budget's room is given back: from now on a block at a time is enough.
            pending = []
            pending.reserveCapacity(Self.blockBytes + record.count)
        }
        if descriptor >= 0 && pending.count >= Self.blockBytes { try flush() }
    }

    /// Every record, in the order appended.
    func readRecords(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard descriptor >= 0 else {
            _ = try pending.withUnsafeBytes { try Self.walk($0, body) }
            return
        }
        try flush()
        var buffer: [UInt8] = []
        var offset = 0
        while offset < fileBytes {
            // Read a block after what is left of the last one, then hand over every whole record in it.
            let want = max(Self.blockBytes, buffer.count + Self.blockBytes)
            let start = buffer.count
            buffer += repeatElement(0, count: min(want - start, fileBytes - offset))
            let got = try buffer.withUnsafeMutableBytes { raw -> Int in
                try Self.read(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: raw[start...]), at: offset)
            }
            offset += got
            let used = try buffer.withUnsafeBytes { try Self.walk($0, body, partial: offset < fileBytes) }
            buffer.removeFirst(used)
        }
        guard buffer.isEmpty else { throw scratchFailure("the scratch file ends inside a record") }
    }

    /// Hands over the whole records at the start of `raw`; returns the bytes they take. Without
    /// `partial`, a cut record at the end is an error.
    private static func walk(
        _ raw: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer) throws -> Void, partial: Bool = false
    ) throws -> Int {
        var position = 0
        while position + 4 <= raw.count {
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            guard position + 4 + length <= raw.count else { break }
            try body(UnsafeRawBufferPointer(rebasing: raw[(position + 4)..<(position + 4 + length)]))
            position += 4 + length
        }
        if !partial && position != raw.count { throw scratchFailure("a record is cut short") }
        return position
    }

    private func openFile() throws {
        let path = directory.appendingPathComponent(".reindex-scratch.\(getpid()).\(UInt32.random(in: 0...UInt32.max))")
            .path
        let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw scratchFailure("\(path) could not be created: \(String(cString: strerror(errno)))") }
        unlink(path)
        descriptor = fd
    }

    private func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let wrote = pwrite(descriptor, raw.baseAddress! + done, raw.count - done, off_t(fileBytes + done))
                if wrote < 0 && errno == EINTR { continue }
                guard wrote > 0 else {
                    throw scratchFailure("writing the scratch file failed: \(String(cString: strerror(errno)))")
                }
                done += wrote
            }
        }
        fileBytes += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// Fills `buffer` from `offset`; the scratch file holds at least that many bytes, so a short read is damage.
    private static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        let got: Int
        do {
            got = try Disk.read(fd, into: buffer, offset: offset, path: "the scratch file")
        } catch {
            throw scratchFailure("reading the scratch file failed: \(error.message)")
        }
        guard got == buffer.count else { throw scratchFailure("the scratch file is shorter than what was written") }
        return got
    }
}

/// A scratch file of `reindex` could not be written or read back (the disk is full, most often).
private func scratchFailure(_ reason: String) -> MailMirrorError {
    .fileSystem("reindex could not use its scratch file beside the store: \(reason)")
}
