import Durable
import MailCore

/// What one epoch's `cur/` holds, compactly: per message its UID and the letters of its `:2,` suffix
/// as bits (16 bytes), sorted by UID; the keywords of the few messages that have any aside. The sync's
/// no-op check, flag and expunge diffs and download plan read this instead of a dictionary of file
/// names and flag arrays, so at 100,000 messages it costs under 2 MB rather than tens.
public struct StoredListing: Sendable {
    struct Entry: Sendable {
        var uid: UID
        var letterBits: UInt64
    }

    fileprivate var entries: [Entry]
    private let keywords: [UID: [Flag]]

    /// An empty epoch.
    public init() {
        entries = []
        keywords = [:]
    }

    /// A listing of messages known otherwise (an in-memory store, tests).
    public init(_ messages: [(uid: UID, flags: [Flag], expunged: Bool)]) {
        var keywords: [UID: [Flag]] = [:]
        entries = messages.map { message in
            let extra = MaildirFlags.keywords(in: message.flags)
            if !extra.isEmpty { keywords[message.uid] = extra }
            return Entry(
                uid: message.uid,
                letterBits: MaildirFlags(imapFlags: message.flags, expunged: message.expunged).letterBits)
        }
        self.keywords = keywords
        sortAndCollapse()
    }

    init(entries: [Entry], keywords: [UID: [Flag]] = [:]) {
        self.entries = entries
        self.keywords = keywords
        sortAndCollapse()
    }

    /// By UID; a UID listed twice (two files for one message, which `verify` reports) counts once.
    private mutating func sortAndCollapse() {
        entries.sort { $0.uid < $1.uid }
        var write = 0
        for entry in entries {
            if write > 0 && entries[write - 1].uid == entry.uid {
                entries[write - 1] = entry
            } else {
                entries[write] = entry
                write += 1
            }
        }
        entries.removeLast(entries.count - write)
    }

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }
    /// Messages not marked as expunged on the server.
    public var unexpungedCount: Int { entries.count { $0.letterBits & MaildirFlags.expungedBit == 0 } }
    public var highestUID: UID? { entries.last?.uid }

    private func position(of uid: UID) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            if entries[middle].uid < uid { low = middle + 1 } else { high = middle }
        }
        return low < entries.count && entries[low].uid == uid ? low : nil
    }

    public func contains(_ uid: UID) -> Bool { position(of: uid) != nil }

    /// The IMAP flags of a stored message (system flags from its file name, then its keywords).
    public func flags(of uid: UID) -> [Flag]? {
        guard let position = position(of: uid) else { return nil }
        let flags = MaildirFlags(letterBits: entries[position].letterBits).imapFlags
        return keywords[uid].map { flags + $0 } ?? flags
    }

}

/// Every stored UID, ascending, with whether it is marked as expunged.
extension StoredListing: Sequence {
    public struct Iterator: IteratorProtocol {
        fileprivate var base: IndexingIterator<[Entry]>

        public mutating func next() -> (uid: UID, expunged: Bool)? {
            base.next().map { ($0.uid, $0.letterBits & MaildirFlags.expungedBit != 0) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(base: entries.makeIterator()) }
}

extension MessageFileName {
    /// `parse` for a name as `readdir` gives it, without making a String: the UID and the letters as bits.
    static func parse(cName: UnsafePointer<CChar>) -> (uid: UID, letterBits: UInt64)? {
        var uid: UInt64 = 0
        var index = 0
        while cName[index] >= 0x30 && cName[index] <= 0x39 {
            uid = uid * 10 + UInt64(cName[index] - 0x30)
            index += 1
            if index > 10 { return nil }
        }
        guard index > 0, uid > 0, uid <= UInt64(UInt32.max), cName[0] != 0x30 else { return nil }
        for byte in infix.utf8 {
            guard UInt8(bitPattern: cName[index]) == byte else { return nil }
            index += 1
        }
        var bits: UInt64 = 0
        var previous: UInt8 = 0
        while cName[index] != 0 {
            let letter = UInt8(bitPattern: cName[index])
            guard (letter >= 0x41 && letter <= 0x5A) || (letter >= 0x61 && letter <= 0x7A), letter > previous else {
                return nil
            }
            bits |= letter <= 0x5A ? 1 << UInt64(letter - 0x41) : 1 << UInt64(letter - 0x61 + 26)
            previous = letter
            index += 1
        }
        return (UID(UInt32(uid)), bits)
    }
}

extension MailboxStore {
    /// What an epoch's `cur/` holds, compactly (see `StoredListing`): one pass over the folder, no
    /// string kept per message. Names that are not message files are left out (`verify` names them).
    public func listing(uidValidity: UIDValidity) throws -> StoredListing {
        let listing = try passingListing(uidValidity: uidValidity)
        rememberListing(listing, uidValidity: uidValidity)
        return listing
    }

    /// `listing(uidValidity:)` for a reader that goes over the folder once (the coverage check's stamp): not
    /// kept as the epoch's index, so its 16 bytes a message go back as soon as the reader is done with it.
    public func passingListing(uidValidity: UIDValidity) throws -> StoredListing {
        StoredListing(
            entries: try StoredListing.entries(in: curPath(uidValidity)), keywords: try loadKeywordsFile(uidValidity))
    }

    /// The messages of an epoch's `cur/` that `included` accepts, as a listing (never kept as the epoch's
    /// index, which must hold every file): the catalogue recovery holds the few a killed sync left out, not
    /// the million files around them.
    public func listing(uidValidity: UIDValidity, where included: (UID) -> Bool) throws -> StoredListing {
        var entries: [StoredListing.Entry] = []
        _ = try io(
            Disk.forEachEntry(in: curPath(uidValidity)) { name, isDirectory in
                guard isDirectory != true, let parsed = MessageFileName.parse(cName: name), included(parsed.uid)
                else { return }
                entries.append(StoredListing.Entry(uid: parsed.uid, letterBits: parsed.letterBits))
            })
        return StoredListing(entries: entries, keywords: try loadKeywordsFile(uidValidity))
    }

    /// The UID of every message file in an epoch's `cur/`, in the folder's order (a UID with two files
    /// comes twice): one pass, nothing held per file, so a million-file folder is compared in the caller's
    /// own compact form only.
    public func forEachStoredUID(uidValidity: UIDValidity, _ body: (UID) -> Void) throws {
        _ = try io(
            Disk.forEachEntry(in: curPath(uidValidity)) { name, isDirectory in
                guard isDirectory != true, let parsed = MessageFileName.parse(cName: name) else { return }
                body(parsed.uid)
            })
    }
}

extension StoredListing {
    /// The message files of a `cur/` folder, unsorted, in one pass.
    static func entries(in folder: String) throws -> [Entry] {
        var entries: [Entry] = []
        try io(
            Disk.forEachEntry(in: folder) { name, isDirectory in
                guard isDirectory != true, let parsed = MessageFileName.parse(cName: name) else { return }
                entries.append(Entry(uid: parsed.uid, letterBits: parsed.letterBits))
            })
        return entries
    }

    /// The letters of `uid`'s file name as bits, when it is listed.
    func letterBits(of uid: UID) -> UInt64? {
        position(of: uid).map { entries[$0].letterBits }
    }
}

extension MailboxStore {
    /// How many message files an epoch's `cur/` holds, how many of them are marked expunged, and their
    /// bytes on disk: one `fstatat` a file, nothing kept per message (what `status` shows).
    public func usage(uidValidity: UIDValidity) throws -> (messages: Int, expunged: Int, bytes: Int64) {
        var usage = (messages: 0, expunged: 0, bytes: Int64(0))
        try io(
            Disk.forEachEntryWithStatus(in: curPath(uidValidity)) { name, status in
                guard status.isRegularFile, let parsed = MessageFileName.parse(cName: name) else { return }
                usage.messages += 1
                if parsed.letterBits & MaildirFlags.expungedBit != 0 { usage.expunged += 1 }
                usage.bytes += Int64(status.size)
            })
        return usage
    }
}
