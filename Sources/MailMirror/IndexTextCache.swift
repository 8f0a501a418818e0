import FoundationEssentials
import Glibc
import MailCore
import Synchronization

/// Body texts the catalogue already decoded during the sync, kept for the index refresh that
/// follows so it does not inflate and parse the same messages a second time. Held only in memory
/// (16 MB, as before), a first pull of 100,000 help-center messages had most of its texts read
/// and parsed again (a profile of that pull named the second parse).
///
/// A few MB stay in memory; the rest go to a scratch file that is unlinked as soon as it is
/// opened (so a killed sync leaves nothing behind, and nothing stale can ever be read back),
/// and are read back by offset. Memory is bounded whatever the pull's size: `memoryBytes` of
/// text plus one small entry per message, at most `maxEntries` of them. A text that does not
/// fit (too large, the file full, too many entries, no scratch file) is simply read from the
/// store again by the refresh.
final class IndexTextCache: Sendable {
    /// Texts held in memory: a cron sync's few dozen messages never touch the disk.
    static let memoryBytes = 4 << 20
    /// Most bytes written to the scratch file (a first pull of 100,000 help-center messages holds
    /// a few hundred MB of text; past this the refresh reads the rest from the store).
    static let fileBytes: Int64 = 1 << 30
    /// Most texts remembered (16 to 32 bytes of table each, so 8 MB at most).
    static let maxEntries = 200_000
    /// A larger text (logs, encoded data sent as text) is read again rather than held.
    static let maxTextBytes = 64 << 10

    /// A message's id as the table's key: a catalog id (16 hex digits, `MessageKey.id`) as its 64 bits,
    /// which it spells exactly (a first pull of 100,000 kept as many 16-byte ids, each its own heap string:
    /// about 6 MB, and the table's entries half again); any other id as itself.
    private enum Key: Hashable {
        case bits(UInt64)
        case text(String)

        init(_ id: String) {
            if id.utf8.count == 16, let bits = StableHash.bits(ofHex: id) {
                self = .bits(bits)
            } else {
                self = .text(id)
            }
        }
    }

    /// Where texts lie in the scratch file, by id: an offset and a length packed in 64 bits, catalog ids
    /// in a table of their own. One table of `Key` to an enum of both places cost 48 bytes a slot, 12.6 MB
    /// for a first pull of 100,000 (heaptrack: the largest single block of that sync's peak); this one 16.
    private struct FileSpans {
        private var byBits: [UInt64: UInt64] = [:]
        private var byText: [String: UInt64] = [:]

        /// Offsets below 2^40 (a TB) and lengths below 2^24 (`maxTextBytes` is far less) fit.
        static func fits(offset: Int64, length: Int) -> Bool { offset >= 0 && offset < 1 << 40 && length < 1 << 24 }

        var count: Int { byBits.count + byText.count }

        func contains(_ key: Key) -> Bool {
            switch key {
            case .bits(let bits): byBits[bits] != nil
            case .text(let text): byText[text] != nil
            }
        }

        mutating func insert(_ key: Key, offset: Int64, length: Int) {
            let packed = UInt64(offset) << 24 | UInt64(length)
            switch key {
            case .bits(let bits): byBits[bits] = packed
            case .text(let text): byText[text] = packed
            }
        }

        mutating func remove(_ key: Key) -> (offset: Int64, length: Int)? {
            let packed: UInt64?
            switch key {
            case .bits(let bits): packed = byBits.removeValue(forKey: bits)
            case .text(let text): packed = byText.removeValue(forKey: text)
            }
            return packed.map { (Int64($0 >> 24), Int($0 & (1 << 24 - 1))) }
        }
    }

    /// Everything that changes, behind the mutex: several commit workers keep texts at once.
    private struct Shelf {
        /// The few texts held in memory (`memoryBytes` of them).
        var inMemory: [Key: String] = [:]
        var inFile = FileSpans()
        var memoryLeft: Int
        var fileLeft: Int64
        var fileEnd: Int64 = 0
        /// The unlinked scratch file, opened on first need; -2 until then, -1 when it could not be made.
        var descriptor: Int32 = -2

        var count: Int { inMemory.count + inFile.count }

        func contains(_ key: Key) -> Bool { inMemory[key] != nil || inFile.contains(key) }
    }

    private let shelf: Mutex<Shelf>
    private let directory: URL?

    /// `directory` holds the scratch file for the moment it takes to unlink it; without one,
    /// only `memoryBytes` of text are kept.
    init(
        directory: URL? = nil, memoryBytes: Int = IndexTextCache.memoryBytes,
        fileBytes: Int64 = IndexTextCache.fileBytes
    ) {
        self.directory = directory
        shelf = Mutex(Shelf(memoryLeft: memoryBytes, fileLeft: directory == nil ? 0 : fileBytes))
    }

    deinit {
        shelf.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
    }

    /// Keeps `text` for the message `id` when it is small enough and there is room for it.
    func keep(_ text: String, for id: String) {
        let bytes = text.utf8.count
        guard bytes <= Self.maxTextBytes else { return }
        let id = Key(id)
        shelf.withLock { shelf in
            guard !shelf.contains(id), shelf.count < Self.maxEntries else { return }
            if bytes <= shelf.memoryLeft {
                shelf.memoryLeft -= bytes
                shelf.inMemory[id] = text
                return
            }
            guard Int64(bytes) <= shelf.fileLeft, FileSpans.fits(offset: shelf.fileEnd, length: bytes),
                let fd = scratch(&shelf)
            else { return }
            var text = text
            let offset = shelf.fileEnd
            let written = text.withUTF8 { buffer in
                buffer.isEmpty ? 0 : pwrite(fd, buffer.baseAddress, buffer.count, off_t(offset))
            }
            // A short or failed write (disk full) only costs the refresh a second read of this message.
            guard written == bytes else { return }
            shelf.inFile.insert(id, offset: offset, length: bytes)
            shelf.fileEnd += Int64(bytes)
            shelf.fileLeft -= Int64(bytes)
        }
    }

    /// Whether a text is kept for `id`.
    func contains(_ id: String) -> Bool {
        let id = Key(id)
        return shelf.withLock { $0.contains(id) }
    }

    /// The text kept for `id`, forgotten once taken; nil when none is (or it cannot be read back).
    func take(_ id: String) -> String? {
        let id = Key(id)
        return shelf.withLock { shelf -> String? in
            if let text = shelf.inMemory.removeValue(forKey: id) { return text }
            guard let (offset, length) = shelf.inFile.remove(id), shelf.descriptor >= 0 else { return nil }
            return Self.read(shelf.descriptor, offset: offset, length: length)
        }
    }

    /// Forgets every text kept and closes the scratch file; nothing is kept after it (a later `take` finds
    /// nothing, so the text is read from the store). The refresh calls it once it has indexed what it
    /// will: the tables, not only their texts, go back.
    func removeAll() {
        shelf.withLock { shelf in
            shelf.inMemory = [:]
            shelf.inFile = FileSpans()
            shelf.memoryLeft = 0
            shelf.fileLeft = 0
            if shelf.descriptor >= 0 { close(shelf.descriptor) }
            shelf.descriptor = -1
        }
    }

    /// How many texts are kept.
    var count: Int {
        shelf.withLock { $0.count }
    }

    private static func read(_ fd: Int32, offset: Int64, length: Int) -> String? {
        var complete = true
        let text = String(unsafeUninitializedCapacity: length) { buffer in
            var done = 0
            while done < length {
                let got = pread(fd, buffer.baseAddress! + done, length - done, off_t(offset + Int64(done)))
                if got <= 0 { break }
                done += got
            }
            complete = done == length
            return complete ? length : 0
        }
        return complete ? text : nil
    }

    /// Opens the scratch file and unlinks it at once; nil when that is impossible (the texts then
    /// stay in memory only).
    private func scratch(_ shelf: inout Shelf) -> Int32? {
        if shelf.descriptor == -2 {
            shelf.descriptor = -1
            if let directory {
                let path = directory.appendingPathComponent(
                    ".index-texts.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
                ).path
                let fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                if fd >= 0 {
                    unlink(path)
                    shelf.descriptor = fd
                }
            }
        }
        return shelf.descriptor >= 0 ? shelf.descriptor : nil
    }
}
