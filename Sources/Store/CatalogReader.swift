import Durable
import MailCore

/// The catalog open for reads by offset for as long as one lookup lasts: an index refresh reads thousands
/// of records one at a time, and opening the file for each read cost an `open` and a `close` apiece.
public final class CatalogReader {
    private let fd: Int32
    private let path: String
    /// Bytes read at a record's start: most records fit, and are then read with one `pread`, not two.
    private static let firstRead = 4096

    init(path: String) throws(StoreError) {
        self.path = path
        fd = try io(Disk.open(path, flags: Disk.OpenFlags.readOnly))
    }

    deinit { Disk.close(fd) }

    /// The records starting at these byte offsets (those where no valid record starts are left out).
    public func records(at offsets: [Int]) throws -> [Int: MessageSummary] {
        var found: [Int: MessageSummary] = [:]
        for offset in offsets where offset >= CatalogFile.magic.count {
            var bytes = try io(Disk.read(fd, count: Self.firstRead, offset: offset, path: path))
            guard bytes.count >= 4 else { continue }
            let length = bytes.withUnsafeBytes { CatalogFile.readUInt32($0, 0) }
            guard length < 1 << 26 else { continue }  // not a record's start: a damaged offset
            let size = Int(length) + CatalogFile.frameOverhead
            if size > bytes.count {
                bytes = try io(Disk.read(fd, count: size, offset: offset, path: path))
            }
            let summary = try bytes.withUnsafeBytes { raw -> MessageSummary? in
                guard let payload = CatalogFile.frame(raw, at: 0) else { return nil }
                var reader = SummaryCodec.Reader(payload)
                return try CatalogFile.decoded(&reader)
            }
            if let summary { found[offset] = summary }
        }
        return found
    }
}
