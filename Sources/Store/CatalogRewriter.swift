import Durable
import FoundationEssentials
import Glibc
import MailCore

/// Writes a whole new catalog one record at a time, for `reindex`: the records go to a temporary
/// file beside the catalog in blocks, so a store of any size is never held in memory as summaries
/// or as one buffer. `commit` makes it the catalog the way `CatalogFile.rewrite` does (fsync, the
/// offset indexes removed durably, rename, fsync of the folder); until then the old catalog is
/// untouched. A writer killed before its rename leaves only its temporary file
/// (`.summaries.bin.tmp.PID`), which the next rewrite of the catalog removes.
public final class CatalogRewriter {
    private let catalog: CatalogFile
    private let temporary: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    /// Records written so far.
    public private(set) var count = 0

    /// Bytes gathered before a write.
    private static let blockBytes = 1 << 20

    public init(catalog: CatalogFile) throws {
        self.catalog = catalog
        try io(Disk.makeDirectories(catalog.directory))
        _ = try io(Disk.removeDeadTemporaries(in: catalog.directory, of: "summaries.bin"))
        temporary = "\(catalog.directory)/.summaries.bin.tmp.\(getpid())"
        descriptor = try io(Disk.open(temporary, flags: Disk.OpenFlags.createOrTruncate, operation: "create"))
        buffer.reserveCapacity(Self.blockBytes + 64 * 1024)
        buffer += CatalogFile.magic
    }

    deinit { abandon() }

    /// Adds one record after those already written.
    public func append(_ summary: MessageSummary) throws {
        CatalogFile.appendFrame(summary, to: &buffer)
        count += 1
        if buffer.count >= Self.blockBytes { try flush() }
    }

    /// Replaces the catalog with the records written; the rewriter is done after.
    public func commit() throws {
        guard descriptor >= 0 else {
            throw StoreError(.ioError, path: temporary, message: "\(temporary): the catalog rewrite was abandoned.")
        }
        try flush()
        try io(Disk.fsync(descriptor, path: temporary))
        Disk.close(descriptor)
        descriptor = -1
        // The files that point into the catalog by offset go first: a kill between the two never leaves
        // one pointing into the new file.
        for name in CatalogFile.offsetIndexes { try io(Disk.removeDurably("\(catalog.directory)/\(name)")) }
        try io(Disk.rename(temporary, to: catalog.path))
        try io(Disk.fsyncDirectory(catalog.directory))
    }

    /// Drops what was written; the catalog stays as it was.
    public func abandon() {
        guard descriptor >= 0 else { return }
        Disk.close(descriptor)
        descriptor = -1
        _ = try? Disk.removeIfPresent(temporary)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try io(Disk.write(descriptor, buffer, path: temporary))
        buffer.removeAll(keepingCapacity: true)
    }
}

extension CatalogFile {
    /// One summary in the catalog's own record encoding (no frame): for scratch files that carry
    /// summaries between two passes over the store.
    public static func encodedRecord(_ summary: MessageSummary) -> [UInt8] {
        var writer = SummaryCodec.Writer()
        SummaryCodec.encode(summary, into: &writer)
        return writer.bytes
    }

    /// The summary `encodedRecord` wrote.
    public static func decodedRecord(_ raw: UnsafeRawBufferPointer) throws -> MessageSummary {
        var reader = SummaryCodec.Reader(raw)
        guard let summary = try? SummaryCodec.decode(&reader) else {
            throw StoreError(.corrupt, path: "", message: "a summary written by this run could not be read back.")
        }
        return summary
    }
}

extension CatalogFile {
    /// Every valid record in file order, decoded one at a time, the pages read leaving the resident
    /// size as the walk goes (`verify` and `reindex` pass over a catalog of any size in the memory of a
    /// few MB). What `load` reads, without holding it: a missing or empty catalog has no records, a bad
    /// header or a record that does not decode throws as `load` does. Returns how many records were
    /// read and how many bytes at the end do not form a whole, valid record.
    @discardableResult
    public func streamRecords(_ body: (MessageSummary) throws -> Void) throws -> (records: Int, ignoredBytes: Int) {
        let (records, end) = try forEachRecord { _, summary in try body(summary) }
        var info = stat()
        let size = stat(path, &info) == 0 ? Int(info.st_size) : end
        return (records, max(0, size - end))
    }

    /// How far a pass over the mapped catalog reads before the pages behind it are released.
    static let releaseBytes = 1 << 20
}
