import Durable
import FoundationEssentials
import MailCore
import Synchronization

/// The stored copy of one server mailbox: its state file and one Maildir-like folder per
/// UIDVALIDITY epoch, holding one gzip file per message.
///
/// Writes must happen under the store's `lock()`. Within that one writer, the methods are
/// safe to call from several threads at once (the sync compresses and commits on a second core):
/// an in-memory index of each epoch's `cur/` is guarded by a mutex, and a UID being committed is
/// reserved so two threads never write it twice.
public final class MailboxStore: Sendable {
    public let account: String
    /// The server mailbox name (UTF-8).
    public let name: String
    public let directoryName: MailboxDirectoryName
    /// `<root>/accounts/<account>/<mailbox-dir>`.
    public let path: String
    let compressionLevel: Int32

    /// Result of `commit`.
    public enum CommitOutcome: Hashable, Sendable {
        /// Written now; the gzip file's size.
        case stored(compressedSize: Int)
        /// The UID was already in `cur/` (or being written by another thread): nothing written.
        case alreadyStored
    }

    static let nameFileName = "name"
    static let stateFileName = "state"
    static let keywordsFileName = "keywords"

    /// What several threads committing into this mailbox share; every access holds the mutex.
    private struct Shared {
        /// Each epoch's `cur/` as this process knows it: the compact listing read once, and what commits and
        /// renames changed since. Shared with the listing the sync reads anyway, so a large folder is read
        /// once per sync and held at 16 bytes a message, not also as a dictionary.
        var index: [UIDValidity: EpochIndex] = [:]
        /// UIDs being committed now (reserved so that no two threads write one twice).
        var inFlight: [UIDValidity: Set<UID>] = [:]
        var preparedEpochs: Set<UIDValidity> = []
        var keywordCache: [UIDValidity: [UID: [Flag]]] = [:]
        var temporaryCounter: UInt64 = 0

        /// The letters of `uid`'s file name as bits, listing the epoch's `cur/` (`folder`) the first time.
        mutating func letterBits(_ uidValidity: UIDValidity, uid: UID, folder: String) throws -> UInt64? {
            if index[uidValidity] == nil {
                index[uidValidity] = EpochIndex(listed: StoredListing(entries: try StoredListing.entries(in: folder)))
            }
            return index[uidValidity]?.letterBits(uid)
        }

        /// The file name of `uid` in the epoch's `cur/`, when it is there.
        mutating func fileName(_ uidValidity: UIDValidity, uid: UID, folder: String) throws -> String? {
            try letterBits(uidValidity, uid: uid, folder: folder).map {
                MessageFileName.make(uid: uid, flags: MaildirFlags(letterBits: $0))
            }
        }
    }

    /// One epoch's `cur/`: the listing as read, and the files this process wrote or renamed since, by UID.
    struct EpochIndex {
        var listed: StoredListing
        var changed: [UID: UInt64] = [:]

        func letterBits(_ uid: UID) -> UInt64? { changed[uid] ?? listed.letterBits(of: uid) }
    }

    private let shared = Mutex(Shared())

    init(account: String, name: String, directoryName: MailboxDirectoryName, path: String, compressionLevel: Int32) {
        self.account = account
        self.name = name
        self.directoryName = directoryName
        self.path = path
        self.compressionLevel = compressionLevel
    }

    public var statePath: String { "\(path)/\(Self.stateFileName)" }
    public func epochPath(_ uidValidity: UIDValidity) -> String { "\(path)/\(uidValidity.rawValue)" }
    public func curPath(_ uidValidity: UIDValidity) -> String { "\(epochPath(uidValidity))/cur" }
    public func tmpPath(_ uidValidity: UIDValidity) -> String { "\(epochPath(uidValidity))/tmp" }
    func keywordsPath(_ uidValidity: UIDValidity) -> String { "\(epochPath(uidValidity))/\(Self.keywordsFileName)" }

    // MARK: State

    /// The state file, or nil when the mailbox was never synced. A file that cannot be parsed
    /// throws `.damagedState`; `recoverState()` rebuilds one from `cur/`.
    public func readState() throws -> MailboxState? {
        guard let bytes = try io(Disk.readFileIfPresent(statePath)) else { return nil }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw StoreError(
                .damagedState, path: statePath,
                message:
                    "The state file \(statePath) is damaged (it is not UTF-8 text). `mailmirror sync` rebuilds it from the stored messages."
            )
        }
        return try MailboxState(text: text, path: statePath)
    }

    /// Replaces the state file crash-safely (tmp, fsync, rename, fsync of the folder).
    public func writeState(_ state: MailboxState) throws {
        let text = try state.text(path: statePath)
        try prepareMailboxDirectory()
        try io(Disk.writeAtomically(Array(text.utf8), to: statePath))
    }

    /// A state rebuilt from the files: the epoch whose `cur/` changed last, UIDNEXT one past its
    /// highest UID, its unexpunged message count, no HIGHESTMODSEQ (so the next sync re-reads all
    /// flags). Nil when nothing is stored. Does not write it: the caller decides.
    public func recoverState() throws -> MailboxState? {
        var best: (uidValidity: UIDValidity, time: Int64)?
        for epoch in try epochs() {
            let time = try io(Disk.status(curPath(epoch)))?.modificationTime ?? 0
            if best == nil || time > best!.time || (time == best!.time && epoch > best!.uidValidity) {
                best = (epoch, time)
            }
        }
        guard let best else { return nil }
        let messages = try storedMessages(uidValidity: best.uidValidity)
        let highest = messages.keys.max()?.rawValue ?? 0
        let next = highest == UInt32.max ? UInt32.max : highest + 1
        return MailboxState(
            uidValidity: best.uidValidity, uidNext: UID(next), highestModSeq: nil,
            messages: messages.values.filter { !$0.expunged }.count, lastSync: nil)
    }

    // MARK: Epochs

    /// The UIDVALIDITY epochs with a folder here, oldest number first.
    public func epochs() throws -> [UIDValidity] {
        guard let entries = try io(Disk.listDirectory(path)) else { return [] }
        return entries.compactMap { entry -> UIDValidity? in
            guard entry.isDirectory != false, let value = UInt32(entry.name), value != 0, String(value) == entry.name
            else { return nil }
            return UIDValidity(value)
        }.sorted()
    }

    // MARK: Writing messages

    /// Stores the exact bytes the server sent for `uid`: gzip, write `tmp/<unique>` (0600), fsync,
    /// rename to `cur/<uid>.eml.gz:2,<flags>`, fsync `cur/` (skip with `syncDirectory: false` and call
    /// `syncDirectory(uidValidity:)` once per batch).
    ///
    /// Idempotent: a UID already stored is not written again, whatever its flags (flag changes go
    /// through `setFlags`). On any failure (disk full, I/O error) the temporary file is removed, so
    /// `cur/` never holds a partial file, and the error names the message file.
    ///
    /// `replaceExisting: true` is for refetching a file `StoreVerifier` found corrupt or truncated:
    /// the new file replaces the old one atomically (and clears an expunged mark).
    @discardableResult
    public func commit(
        uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8],
        syncDirectory: Bool = true, replaceExisting: Bool = false
    ) throws -> CommitOutcome {
        try prepareEpoch(uidValidity)
        let reserved = try shared.withLock { shared -> (counter: UInt64, previousName: String?)? in
            let stored = try shared.fileName(uidValidity, uid: uid, folder: curPath(uidValidity))
            if shared.inFlight[uidValidity, default: []].contains(uid) || (stored != nil && !replaceExisting) {
                return nil
            }
            shared.inFlight[uidValidity, default: []].insert(uid)
            shared.temporaryCounter += 1
            return (shared.temporaryCounter, stored)
        }
        guard let (counter, previousName) = reserved else { return .alreadyStored }
        defer { shared.withLock { _ = $0.inFlight[uidValidity]?.remove(uid) } }

        let maildirFlags = MaildirFlags(imapFlags: flags)
        let fileName = MessageFileName.make(uid: uid, flags: maildirFlags)
        let finalPath = "\(curPath(uidValidity))/\(fileName)"
        let temporaryPath =
            "\(tmpPath(uidValidity))/\(Int64(Date().timeIntervalSince1970)).\(Disk.processID)_\(counter).\(uid.rawValue).eml.gz"
        var compressedSize = 0
        do {
            compressedSize = try writeCompressed(bytes, to: temporaryPath, sync: true)
            do {
                // Over the old file when replacing, so there is never a moment with two files for one UID.
                let destination = previousName.map { "\(curPath(uidValidity))/\($0)" } ?? finalPath
                try io(Disk.rename(temporaryPath, to: destination))
            } catch {
                _ = try? io(Disk.removeIfPresent(temporaryPath))
                throw error
            }
            if let previousName, previousName != fileName {
                try io(Disk.rename("\(curPath(uidValidity))/\(previousName)", to: finalPath))
            }
            if syncDirectory { try io(Disk.fsyncDirectory(curPath(uidValidity))) }
        } catch {
            throw commitError(error, uid: uid, finalPath: finalPath)
        }
        shared.withLock { $0.index[uidValidity]?.changed[uid] = maildirFlags.letterBits }
        let keywords = MaildirFlags.keywords(in: flags)
        if !keywords.isEmpty { try recordKeywords(keywords, uid: uid, uidValidity: uidValidity) }
        return .stored(compressedSize: compressedSize)
    }

    /// `commit` in two halves, for a group of messages made durable at once: writes the gzip of `bytes` to
    /// `tmp/` without `fsync` and reserves the UID; nil when the UID is stored already (or being written).
    /// `publish` then syncs the group and renames it into `cur/`; `abandon` removes what is not published.
    /// A killed run leaves only `tmp/` files (removed by `sweepTemporaryFiles`): `cur/` never holds a file
    /// whose bytes were not synced first.
    public func stage(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> StagedMessage? {
        try prepareEpoch(uidValidity)
        let counter = try shared.withLock { shared -> UInt64? in
            let stored = try shared.fileName(uidValidity, uid: uid, folder: curPath(uidValidity))
            if shared.inFlight[uidValidity, default: []].contains(uid) || stored != nil { return nil }
            shared.inFlight[uidValidity, default: []].insert(uid)
            shared.temporaryCounter += 1
            return shared.temporaryCounter
        }
        guard let counter else { return nil }
        let maildirFlags = MaildirFlags(imapFlags: flags)
        let fileName = MessageFileName.make(uid: uid, flags: maildirFlags)
        let temporaryPath =
            "\(tmpPath(uidValidity))/\(Int64(Date().timeIntervalSince1970)).\(Disk.processID)_\(counter).\(uid.rawValue).eml.gz"
        do {
            let compressedSize = try writeCompressed(bytes, to: temporaryPath, sync: false)
            return StagedMessage(
                uidValidity: uidValidity, uid: uid, compressedSize: compressedSize, temporaryPath: temporaryPath,
                fileName: fileName, letterBits: maildirFlags.letterBits, keywords: MaildirFlags.keywords(in: flags))
        } catch {
            shared.withLock { _ = $0.inFlight[uidValidity]?.remove(uid) }
            throw commitError(error, uid: uid, finalPath: "\(curPath(uidValidity))/\(fileName)")
        }
    }

    /// Makes `staged` durable with one sync of the file system (`Disk.syncFileSystem`), then renames each
    /// into `cur/`, in order, calling `placed` with each one's index once it is there. On a failure the
    /// messages not yet renamed are abandoned and the error names the first of them. The renames are made
    /// durable by `syncDirectory` (once per pass), as `commit`'s.
    public func publish(_ staged: [StagedMessage], placed: (Int) -> Void) throws {
        guard let first = staged.first else { return }
        var renamed = 0
        defer { abandon(Array(staged[renamed...])) }
        do {
            try io(Disk.syncFileSystem(containing: tmpPath(first.uidValidity)))
        } catch {
            throw commitError(error, uid: first.uid, finalPath: "\(curPath(first.uidValidity))/\(first.fileName)")
        }
        for message in staged {
            let finalPath = "\(curPath(message.uidValidity))/\(message.fileName)"
            do {
                try io(Disk.rename(message.temporaryPath, to: finalPath))
            } catch {
                throw commitError(error, uid: message.uid, finalPath: finalPath)
            }
            renamed += 1
            shared.withLock {
                $0.index[message.uidValidity]?.changed[message.uid] = message.letterBits
                _ = $0.inFlight[message.uidValidity]?.remove(message.uid)
            }
            if !message.keywords.isEmpty {
                try recordKeywords(message.keywords, uid: message.uid, uidValidity: message.uidValidity)
            }
            placed(renamed - 1)
        }
    }

    /// Removes the temporary files of staged messages that will not be published, and frees their UIDs.
    public func abandon(_ staged: [StagedMessage]) {
        for message in staged {
            _ = try? io(Disk.removeIfPresent(message.temporaryPath))
            shared.withLock { _ = $0.inFlight[message.uidValidity]?.remove(message.uid) }
        }
    }

    /// Writes the gzip of `bytes` to a new file at `path`, fsynced when `sync` is true; returns its size.
    /// Nothing is left at `path` when it fails.
    private func writeCompressed(_ bytes: [UInt8], to path: String, sync: Bool) throws -> Int {
        var compressedSize = 0
        let fd = try io(Disk.open(path, flags: Disk.OpenFlags.createNew, operation: "create"))
        do {
            try Gzip.withCompressed(bytes, level: compressionLevel) { (compressed) throws(StoreError) in
                compressedSize = compressed.count
                try io(Disk.write(fd, compressed, path: path))
            }
            if sync { try io(Disk.fsync(fd, path: path)) }
            Disk.close(fd)
        } catch {
            Disk.close(fd)
            _ = try? io(Disk.removeIfPresent(path))
            throw error
        }
        return compressedSize
    }

    /// A store failure while committing `uid`, as the sync reports it (a full disk named as such).
    private func commitError(_ error: Error, uid: UID, finalPath: String) -> Error {
        guard let error = error as? StoreError else { return error }
        if error.code == .diskFull {
            return StoreError(
                .diskFull, path: finalPath,
                message:
                    "The disk is full (or over quota): could not store message UID \(uid) of \(account)/\(name) as \(finalPath). Free some space and run the sync again; nothing partial was kept."
            )
        }
        return StoreError(
            error.code, path: finalPath,
            message: "Could not store message UID \(uid) of \(account)/\(name) as \(finalPath): \(error.message)")
    }

    /// Makes the renames into `cur/` durable (after commits made with `syncDirectory: false`).
    public func syncDirectory(uidValidity: UIDValidity) throws {
        try io(Disk.fsyncDirectory(curPath(uidValidity)))
    }

    /// Sets a stored message's flags (by renaming its file; keywords go to the `keywords` file).
    /// The expunged mark is kept. Returns false when the UID is not stored (or is still being committed).
    @discardableResult
    public func setFlags(uidValidity: UIDValidity, uid: UID, flags: [Flag], syncDirectory: Bool = true) throws -> Bool {
        guard let current = try currentFileName(uidValidity: uidValidity, uid: uid),
            let parsed = MessageFileName.parse(current)
        else { return false }
        let wanted = MaildirFlags(imapFlags: flags, expunged: parsed.flags.isExpunged)
        if wanted != parsed.flags {
            try renameMessage(
                uidValidity: uidValidity, uid: uid, from: current, to: MessageFileName.make(uid: uid, flags: wanted))
            if syncDirectory { try self.syncDirectory(uidValidity: uidValidity) }
        }
        try recordKeywords(MaildirFlags.keywords(in: flags), uid: uid, uidValidity: uidValidity)
        return true
    }

    /// Marks messages the server no longer has: they stay in `cur/` with the letter `x` added to
    /// their `:2,` suffix (atomic rename, readable with `ls`). Returns how many were newly marked.
    @discardableResult
    public func markExpunged(uidValidity: UIDValidity, uids: [UID]) throws -> Int {
        var marked = 0
        for uid in uids.sorted() {
            guard let current = try currentFileName(uidValidity: uidValidity, uid: uid),
                let parsed = MessageFileName.parse(current), !parsed.flags.isExpunged
            else { continue }
            try renameMessage(
                uidValidity: uidValidity, uid: uid, from: current,
                to: MessageFileName.make(uid: uid, flags: parsed.flags.with(expunged: true)))
            marked += 1
        }
        if marked > 0 { try syncDirectory(uidValidity: uidValidity) }
        return marked
    }

    // MARK: Reading

    /// Every message file in an epoch's `cur/`, by UID: one directory listing, plus one `fstatat`
    /// per file for `compressedSize` and `modificationTime` (skip it with `withSizes: false`
    /// when only UIDs and flags matter, as in the sync's expunge and flag diffs: about twice as fast).
    public func storedMessages(uidValidity: UIDValidity, withSizes: Bool = true) throws -> [UID: StoredMessage] {
        try scan(uidValidity: uidValidity, withSizes: withSizes).messages
    }

    /// The exact bytes the server sent for `uid`, checked against the gzip CRC and length.
    public func readMessage(uidValidity: UIDValidity, uid: UID) throws -> [UInt8] {
        for attempt in 0..<2 {
            // A reader's index may predate the writer's latest commits or flag renames: look again once.
            guard let fileName = try currentFileName(uidValidity: uidValidity, uid: uid, refresh: attempt > 0) else {
                continue
            }
            let filePath = "\(curPath(uidValidity))/\(fileName)"
            // Missing: renamed by a flag change since we listed, so look again.
            guard let compressed = try io(Disk.readFileIfPresent(filePath)) else { continue }
            do throws(Gzip.Failure) {
                return try Gzip.decompress(compressed)
            } catch {
                throw Self.gzipError(error, path: filePath)
            }
        }
        throw StoreError(
            .notFound, path: curPath(uidValidity),
            message:
                "Message UID \(uid) of \(account)/\(name) (UIDVALIDITY \(uidValidity)) is not in the store.")
    }

    // MARK: Clean-up

    /// Removes what a killed run left in each epoch's `tmp/` (and the temporary file of a state or name
    /// file whose writer died before its rename).
    /// Call it holding the lock, before syncing. Returns the paths removed.
    @discardableResult
    public func sweepTemporaryFiles() throws -> [String] {
        var removed: [String] = []
        removed += try io(Disk.removeDeadTemporaries(in: path))
        for epoch in try epochs() {
            let folder = tmpPath(epoch)
            for entry in try io(Disk.listDirectory(folder)) ?? [] where entry.isDirectory != true {
                let file = "\(folder)/\(entry.name)"
                if try io(Disk.removeIfPresent(file)) { removed.append(file) }
            }
        }
        return removed.sorted()
    }

    // MARK: Internals

    /// What `cur/` holds, plus the names that are not message files and UIDs found twice
    /// (neither should ever happen; `StoreVerifier` reports them).
    struct Scan {
        var messages: [UID: StoredMessage] = [:]
        var badNames: [String] = []
        var duplicates: [String] = []
    }

    func scan(uidValidity: UIDValidity, withSizes: Bool = true) throws -> Scan {
        let folder = curPath(uidValidity)
        var scan = Scan()
        let entries: [(name: String, isFile: Bool, size: Int?, time: Int64?)]
        if withSizes {
            guard let listed = try io(Disk.listDirectoryWithStatus(folder)) else { return scan }
            entries = listed.map { ($0.name, $0.status.isRegularFile, $0.status.size, $0.status.modificationTime) }
        } else {
            guard let listed = try io(Disk.listDirectory(folder)) else { return scan }
            entries = listed.map { ($0.name, $0.isDirectory != true, nil, nil) }
        }
        let keywords = try loadKeywordsFile(uidValidity)
        let prefix = folder + "/"
        scan.messages.reserveCapacity(entries.count)
        for entry in entries {
            guard entry.isFile, let parsed = MessageFileName.parse(entry.name) else {
                scan.badNames.append(prefix + entry.name)
                continue
            }
            var flags = parsed.flags.imapFlags
            if !keywords.isEmpty, let extra = keywords[parsed.uid] { flags += extra }
            let message = StoredMessage(
                uid: parsed.uid, flags: flags, maildirFlags: parsed.flags, path: prefix + entry.name,
                compressedSize: entry.size, modificationTime: entry.time)
            if let other = scan.messages[parsed.uid] {
                scan.duplicates.append(other.path)
                scan.duplicates.append(message.path)
            }
            scan.messages[parsed.uid] = message
        }
        scan.badNames.sort()
        scan.duplicates.sort()
        return scan
    }

    static func gzipError(_ failure: Gzip.Failure, path: String) -> StoreError {
        switch failure {
        case .truncated:
            return StoreError(
                .truncated, path: path, message: "\(path) is truncated: the gzip data ends before its trailer.")
        case .corrupt(let reason):
            return StoreError(.corrupt, path: path, message: "\(path) is corrupt: \(reason).")
        }
    }

    /// Creates the mailbox folder (and the `name` file when its folder name is shortened).
    private func prepareMailboxDirectory() throws {
        try io(Disk.makeDirectories(path))
        if directoryName.isHashed {
            let namePath = "\(path)/\(Self.nameFileName)"
            if try io(Disk.status(namePath)) == nil {
                try io(Disk.writeAtomically(Array(name.utf8), to: namePath))
            }
        }
    }

    private func prepareEpoch(_ uidValidity: UIDValidity) throws {
        if shared.withLock({ $0.preparedEpochs.contains(uidValidity) }) { return }
        try prepareMailboxDirectory()
        let epoch = epochPath(uidValidity)
        if try io(Disk.makeDirectory(epoch)) { try io(Disk.fsyncDirectory(path)) }
        var created = false
        for sub in ["tmp", "new", "cur"] { created = try io(Disk.makeDirectory("\(epoch)/\(sub)")) || created }
        if created { try io(Disk.fsyncDirectory(epoch)) }
        shared.withLock { _ = $0.preparedEpochs.insert(uidValidity) }
    }

    private func currentFileName(uidValidity: UIDValidity, uid: UID, refresh: Bool = false) throws -> String? {
        try shared.withLock { shared in
            if refresh { shared.index[uidValidity] = nil }
            return try shared.fileName(uidValidity, uid: uid, folder: curPath(uidValidity))
        }
    }

    /// Keeps a listing of `cur/` just read as the epoch's index when none is held yet, so that commits find
    /// what is stored without reading a large folder a second time.
    func rememberListing(_ listing: StoredListing, uidValidity: UIDValidity) {
        shared.withLock { if $0.index[uidValidity] == nil { $0.index[uidValidity] = EpochIndex(listed: listing) } }
    }

    /// Drops every epoch's index (the listings of `cur/` kept since they were read), to be read again when
    /// next needed: a command that has done with writing gives their 16 bytes a message back before it
    /// goes on. Call it holding the store's lock, with nothing being committed.
    func forgetListings() {
        shared.withLock { $0.index.removeAll() }
    }

    private func renameMessage(uidValidity: UIDValidity, uid: UID, from old: String, to new: String) throws {
        let folder = curPath(uidValidity)
        try io(Disk.rename("\(folder)/\(old)", to: "\(folder)/\(new)"))
        let bits = MessageFileName.parse(new)?.flags.letterBits ?? 0
        shared.withLock { $0.index[uidValidity]?.changed[uid] = bits }
    }

    // MARK: Keywords

    /// The epoch's `keywords` file: append-only lines `<uid> <keyword> <keyword>…`; a later line for
    /// a UID replaces earlier ones (a UID alone clears them). A torn last line (no newline) is ignored.
    func loadKeywordsFile(_ uidValidity: UIDValidity) throws -> [UID: [Flag]] {
        guard let bytes = try io(Disk.readFileIfPresent(keywordsPath(uidValidity))) else { return [:] }
        var result: [UID: [Flag]] = [:]
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines.removeLast()  // after the last newline: empty, or a torn line
        for line in lines {
            let fields = line.split(separator: " ")
            guard let first = fields.first, let value = UInt32(first), value != 0 else { continue }
            let keywords = fields.dropFirst().map { Flag(String($0)) }
            result[UID(value)] = keywords.isEmpty ? nil : keywords
        }
        return result
    }

    private func recordKeywords(_ keywords: [Flag], uid: UID, uidValidity: UIDValidity) throws {
        // Keywords are IMAP atoms; anything with spaces or controls cannot be one and is dropped.
        let clean = keywords.filter { !$0.name.isEmpty && $0.name.utf8.allSatisfy { $0 > 0x20 && $0 != 0x7F } }
        // Held through the append, so lines from two threads never interleave.
        try shared.withLock { shared in
            if shared.keywordCache[uidValidity] == nil {
                shared.keywordCache[uidValidity] = try loadKeywordsFile(uidValidity)
            }
            if shared.keywordCache[uidValidity]?[uid] ?? [] == clean { return }
            shared.keywordCache[uidValidity]?[uid] = clean.isEmpty ? nil : clean
            let file = keywordsPath(uidValidity)
            let fd = try io(Disk.open(file, flags: Disk.OpenFlags.readWriteCreateAppend, operation: "open"))
            defer { Disk.close(fd) }
            let line: [UInt8] = Array(([String(uid.rawValue)] + clean.map(\.name)).joined(separator: " ").utf8) + [0x0A]
            try io(Disk.write(fd, line, path: file))
            try io(Disk.fsync(fd, path: file))
        }
    }
}
