import Durable
import MailCore

/// The catalog open for reads by offset for as long as one lookup lasts: an index refresh reads thousands
/// of records one at a time, and opening the file for each read cost an `open` and a `close` apiece.
public final class CatalogReader {
    private let fd: Int32
    private let path: String
    /// Bytes read at a record's start: most records fit, and are then read with one `pread`, not two.
    private static let firstRead = 4096
    /// Where records are read, kept from one record to the next (not an array made and zeroed per record).
    private var buffer: [UInt8] = []

    init(path: String) throws(StoreError) {
        self.path = path
        fd = try io(Disk.open(path, flags: Disk.OpenFlags.readOnly))
    }

    deinit { Disk.close(fd) }

    /// The records starting at these byte offsets (those where no valid record starts are left out); with
    /// `threadingOnly`, without what threading never reads (`SummaryCodec.decode`).
    /// `strings`: where their strings are made, shared with those of the records read before through it.
    public func records(
        at offsets: [Int], threadingOnly: Bool = false, strings: StringPool? = nil
    ) throws -> [Int: MessageSummary] {
        var found: [Int: MessageSummary] = [:]
        for offset in offsets where offset >= CatalogFile.magic.count {
            var count = try read(Self.firstRead, at: offset)
            guard count >= 4 else { continue }
            let length = buffer.withUnsafeBytes { CatalogFile.readUInt32($0, 0) }
            guard length < 1 << 26 else { continue }  // not a record's start: a damaged offset
            let size = Int(length) + CatalogFile.frameOverhead
            if size > count { count = try read(size, at: offset) }
            let summary = try buffer.withUnsafeBytes { whole -> MessageSummary? in
                guard let payload = CatalogFile.frame(UnsafeRawBufferPointer(rebasing: whole[0..<count]), at: 0)
                else { return nil }
                var reader = SummaryCodec.Reader(payload, strings: strings)
                return try CatalogFile.decoded(&reader, threadingOnly: threadingOnly)
            }
            if let summary { found[offset] = summary }
        }
        return found
    }

    /// Reads up to `count` bytes at `offset` into the start of `buffer`; how many were read.
    private func read(_ count: Int, at offset: Int) throws(StoreError) -> Int {
        if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
        let (fd, path) = (fd, path)
        let outcome: Result<Int, DiskError> = buffer.withUnsafeMutableBytes { raw in
            Result { () throws(DiskError) in
                let start = UnsafeMutableRawBufferPointer(rebasing: raw[0..<count])
                return try Disk.read(fd, into: start, offset: offset, path: path)
            }
        }
        return try io(outcome.get())
    }
}
