import Durable
import FoundationEssentials
import Glibc
import Index
import MailCore
import Store
import TextBasics

/// Whether the catalog and the search index cover the store: every stored message catalogued and
/// indexed once, nothing extra. Both are derived from `cur/`, so damage to them (a cut or garbled
/// file, a deleted folder, an old copy put back) must be noticed before anything answers from them.
///
/// Two depths. `stampHolds()` is what every command pays: a `stat` per `cur/` folder, of the catalog
/// and of the index manifest, compared with `derived.state` (see `CoverageStamp`), written whenever
/// the derived data was last known to cover the store. `examine()` is the full comparison of ids
/// (store listing, catalog, index), run when the stamp does not hold and by `verify`.
struct DerivedCoverage {
    let store: MailStore
    let paths: MirrorPaths

    var stampURL: URL { paths.root.appendingPathComponent("derived.state") }
    // Paths by hand from the store's root path: every search builds these, and each
    // `URL.appendingPathComponent` checks on disk whether the name is a folder.
    private var stampPath: String { store.rootPath + "/derived.state" }
    private var indexPath: String { store.rootPath + "/index" }
    private var manifestPath: String { indexPath + "/manifest" }
    private var interruptedMarker: String { paths.root.appendingPathComponent("catalog/sync-in-progress").path }

    // MARK: The cheap check

    func readStamp() -> CoverageStamp? {
        // Read with `Disk`, not `String(contentsOf:)`: every search reads it, and Foundation's file reading
        // set up more than the read itself.
        guard let bytes = try? Disk.readFileIfPresent(stampPath) else { return nil }
        // ASCII (the whole stamp, unless a path is not) is valid UTF-8 as it is: `String(validating:)` looked up
        // its encoding's conformance at run time first, about 0.7% of a search.
        let text: String? =
            bytes.allSatisfy { $0 < 0x80 }
            ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
        return text.flatMap(CoverageStamp.init(text:))
    }

    /// The store, the catalog and the index as they are now. `cur/` folders whose time equals the
    /// one in `previous` keep its count; the others are listed when `listing`, else recorded by time.
    /// `opened` receives the index opened to count its documents, for a search that follows.
    func currentStamp(
        reusing previous: CoverageStamp?, listing: Bool = false, opened: OpenedIndex? = nil
    ) throws -> CoverageStamp {
        let rootPrefix = store.rootPath.hasSuffix("/") ? store.rootPath : store.rootPath + "/"
        let folders: [String: Int64]
        let epochs: [String: CoverageStamp.Epoch]
        if let previous, Self.foldersUnchanged(previous, rootPrefix: rootPrefix) {
            // What the listing below would find: the same folders, every `cur/` at its recorded time.
            (folders, epochs) = (previous.folders, previous.epochs)
        } else {
            (folders, epochs) = try walk(reusing: previous, listing: listing, rootPrefix: rootPrefix)
        }
        var indexFiles: [String: CoverageStamp.FileMark] = [:]
        let indexPath = indexPath
        // With `Disk` (`opendir`/`readdir`), as the store is listed, not `FileManager.contentsOfDirectory`.
        for entry in (try? Disk.listDirectory(indexPath)) ?? [] where entry.name != "write.lock" {
            // The path by hand: `URL.appendingPathComponent` checks on disk whether each name is a folder.
            if let mark = Self.mark(indexPath + "/" + entry.name) { indexFiles[entry.name] = mark }
        }
        return CoverageStamp(
            catalog: Self.mark(store.catalog.path), indexFiles: indexFiles, indexDocuments: indexDocuments(opened),
            epochs: epochs, folders: folders)
    }

    /// True when every folder `stamp` records still has its time and so do its `cur/` folders: then
    /// no account, mailbox, epoch or `cur/` folder came or went and no `cur/` changed, found with a
    /// `stat` each instead of listing the store (about 8% of a search's run at 10,000 messages).
    static func foldersUnchanged(_ stamp: CoverageStamp, rootPrefix: String) -> Bool {
        guard !stamp.folders.isEmpty else { return false }
        for (path, modified) in stamp.folders where modificationTime(rootPrefix + path) != modified { return false }
        for (path, epoch) in stamp.epochs where modificationTime(rootPrefix + path) != epoch.modified { return false }
        return true
    }

    /// The store listed: each `cur/` folder (`previous`'s entry when its time is unchanged), and the
    /// time of each folder above them, taken before the folder is listed so that a change made during
    /// the listing shows as a newer time (empty when a folder vanished meanwhile, or a mailbox folder
    /// has a shortened name: its name is read from a file whose rewriting leaves the folder's time).
    private func walk(reusing previous: CoverageStamp?, listing: Bool, rootPrefix: String) throws -> (
        folders: [String: Int64], epochs: [String: CoverageStamp.Epoch]
    ) {
        var folders: [String: Int64] = [:]
        var vouched = true
        func note(_ path: String) {
            let relative = path.hasPrefix(rootPrefix) ? String(path.dropFirst(rootPrefix.count)) : path
            if let modified = Self.modificationTime(path) { folders[relative] = modified } else { vouched = false }
        }
        var epochs: [String: CoverageStamp.Epoch] = [:]
        note(rootPrefix + "accounts")
        for account in try store.accounts() {
            note(rootPrefix + "accounts/" + account)
            for name in try store.mailboxes(account: account) {
                let mailbox = try store.mailbox(account: account, name: name)
                if mailbox.directoryName.isHashed { vouched = false }
                note(mailbox.path)
                for epoch in try mailbox.epochs() {
                    note(mailbox.epochPath(epoch))
                    let cur = mailbox.curPath(epoch)
                    guard let modified = Self.modificationTime(cur) else { continue }
                    let relative = cur.hasPrefix(rootPrefix) ? String(cur.dropFirst(rootPrefix.count)) : cur
                    if let known = previous?.epochs[relative], known.modified == modified {
                        epochs[relative] = known
                        continue
                    }
                    guard listing else {
                        epochs[relative] = CoverageStamp.Epoch(modified: modified, messages: nil, highestUID: nil)
                        continue
                    }
                    let stored = try mailbox.passingListing(uidValidity: epoch)
                    epochs[relative] = CoverageStamp.Epoch(
                        modified: modified, messages: stored.count, highestUID: stored.highestUID?.rawValue)
                }
            }
        }
        return (vouched ? folders : [:], epochs)
    }

    /// Live documents in the index; nil without a manifest, -1 when it cannot be opened.
    private func indexDocuments(_ opened: OpenedIndex?) -> Int? {
        guard Self.modificationTime(manifestPath) != nil else { return nil }
        guard let index = try? SearchIndex.open(path: indexPath) else { return -1 }
        opened?.index = index
        return index.documentCount
    }

    /// True when `derived.state` still describes the store, the catalog and the index: nothing
    /// changed since they were last known to cover the store. An empty store needs no stamp.
    /// When it holds, `opened` keeps the index that was counted (see `OpenedIndex`).
    func stampHolds(opened: OpenedIndex? = nil) -> Bool {
        let stamp = readStamp()
        guard let current = try? currentStamp(reusing: stamp, opened: opened) else { return false }
        if current.epochs.isEmpty && (current.catalog?.bytes ?? 0) <= 8 && (current.indexDocuments ?? 0) <= 0 {
            return true
        }
        if stamp == current { return true }
        opened?.index = nil
        return false
    }

    /// The index the cheap check opened to count its documents, handed to the search that follows:
    /// opening it again (mapping every segment, reading the deletions) was a tenth of a search's run.
    /// Set only when the stamp held, so it is the index the check vouched for.
    final class OpenedIndex {
        var index: SearchIndex?
    }

    /// Records that the derived data covers the store as it is now (written only when it changed).
    /// `listing: false` (the sync) records changed folders by time only, so the cost stays one `stat`
    /// per folder however many messages they hold.
    func record(listing: Bool = true) throws {
        let previous = readStamp()
        let current = try currentStamp(reusing: previous, listing: listing)
        guard current != previous else { return }
        try StateFile.write(current.encoded(), to: stampURL)
    }

    /// Removes the stamp, so the next reader compares everything.
    func forget() {
        try? StateFile.remove(stampURL)
    }

    // MARK: The full check

    /// Every way the catalog and the index differ from the store, one problem per kind and mailbox.
    /// `deep` also reads every stored document of the index (for `verify`).
    ///
    /// Messages are compared as numbers (`MessageKey.id` is 16 hex digits), read from the store's listings,
    /// the catalog and the index one at a time and compared as sorted arrays: about 50 bytes per message
    /// in all, nothing per message kept as a string.
    func examine(deep: Bool = false) throws -> [StoreProblem] {
        var problems = try compare(deep: deep)
        // The thread table gives no answer of its own (a refresh checks every block it reads and takes the
        // full path on a mismatch), so only `verify` reads it whole (its pages stay resident while it is
        // checked: 86 MB at 1,000,000 messages); after the comparison, whose arrays are gone by then and
        // their heap given back, so the two are never resident together.
        if deep { AllocatorPolicy.trim() }
        if deep, let damage = ThreadTable.damage(directory: store.catalog.directory, catalogPath: store.catalog.path) {
            let path = "\(store.catalog.directory)/threads"
            problems.append(
                StoreProblem(
                    kind: .threadTableDamaged, path: path,
                    message:
                        "The thread table (\(path)) is damaged (\(damage)); index refreshes thread the whole catalog until it is written again. Run `mailmirror verify --repair` or `mailmirror reindex` to rebuild it."
                ))
        }
        return problems
    }

    /// The store, the catalog and the index compared (`examine` without the thread table).
    private func compare(deep: Bool) throws -> [StoreProblem] {
        let interrupted = FileManager.default.fileExists(atPath: interruptedMarker)
        var epochs = CoverageIDs.Epochs()
        // The catalog's ids before the store's: the catalog's records (32 bytes each while they are sorted)
        // are then gone before the store's ids are read, never resident beside them.
        let read = readCatalog(epochs: &epochs, interrupted: interrupted)
        var stored = try CoverageIDs.stored(in: store, epochs: &epochs)
        var (catalog, problems) = read ?? missingCatalog(storedCount: stored.count, interrupted: interrupted)

        // The catalog against the store.
        if let catalog {
            problems += compareCatalog(catalog, with: stored, epochs: epochs, interrupted: interrupted)
        }

        // The index against the catalog (what it is built from). A catalog that is not whole gives
        // nothing exact to compare with: the index is then only checked against the store's ids.
        let pending = interrupted || refreshPending()
        let catalogWhole = !problems.contains {
            $0.kind == .catalogDamaged || $0.kind == .catalogStale || $0.kind == .catalogMissing
        }
        let expected = catalogWhole ? catalog?.indexed : nil
        let storedCount = stored.count
        let storedIDs = expected == nil ? stored.map(\.id) : []
        // What the index is not compared with goes before its numbers are read (16 bytes a message each).
        catalog = nil
        stored = []
        let (index, indexProblems) = openIndex(messages: expected?.count ?? storedCount, pending: pending, deep: deep)
        problems += indexProblems
        if let index {
            problems += compareIndex(
                index, expected: expected ?? storedIDs, expectedIsCatalog: expected != nil, pending: pending)
        }
        return problems
    }

    /// The catalog's ids (nil when it cannot be read) and what is wrong with the file; nil when there is
    /// no catalog (see `missingCatalog`).
    private func readCatalog(epochs: inout CoverageIDs.Epochs, interrupted: Bool) -> (
        CoverageIDs.Catalog?, [StoreProblem]
    )? {
        let catalogPath = store.catalog.path
        guard FileManager.default.fileExists(atPath: catalogPath) else { return nil }
        do {
            let contents = try CoverageIDs.Catalog.read(store.catalog, epochs: &epochs)
            guard contents.ignoredBytes > 0 else { return (contents.ids, []) }
            let torn = interrupted && !Self.lastFrameIsWhole(catalogPath)
            let problem = StoreProblem(
                kind: .catalogDamaged, path: catalogPath,
                message: torn
                    ? "\(catalogPath) ends with \(contents.ignoredBytes) bytes an interrupted sync was writing; the next sync cuts them off."
                    : "\(catalogPath) is damaged: \(contents.ignoredBytes) bytes after record \(Self.grouped(contents.records)) cannot be read, so every message catalogued after it is lost. Run `mailmirror reindex` to rebuild it from the store.",
                healsOnNextSync: torn)
            return (contents.ids, [problem])
        } catch {
            return (nil, [StoreProblem(kind: .catalogDamaged, path: catalogPath, message: Failure.message(error))])
        }
    }

    /// No catalog: an empty one for an empty store, else nothing to compare and the problem.
    private func missingCatalog(storedCount: Int, interrupted: Bool) -> (CoverageIDs.Catalog?, [StoreProblem]) {
        guard storedCount > 0 else { return (CoverageIDs.Catalog(), []) }
        let catalogPath = store.catalog.path
        return (
            nil,
            [
                StoreProblem(
                    kind: .catalogMissing, path: catalogPath,
                    message: interrupted
                        ? "\(catalogPath) is missing: an interrupted sync stored \(Self.count(storedCount, "message")) before writing it; the next sync catalogues them."
                        : "\(catalogPath) is missing although the store holds \(Self.count(storedCount, "message")); search, show, thread and report cannot see them. Run `mailmirror reindex` to rebuild it from the store.",
                    healsOnNextSync: interrupted)
            ]
        )
    }

    /// Stored messages the catalog lacks, and catalogued messages the store does not hold, per epoch.
    private func compareCatalog(
        _ catalog: CoverageIDs.Catalog, with stored: [CoverageIDs.Message], epochs: CoverageIDs.Epochs,
        interrupted: Bool
    ) -> [StoreProblem] {
        var problems: [StoreProblem] = []
        let catalogPath = store.catalog.path
        let lacking = CoverageIDs.missing(stored, from: catalog.messages.lazy.map(\.id))
        var storedPerEpoch = [Int](repeating: 0, count: epochs.count)
        for message in stored { storedPerEpoch[Int(message.epoch)] += 1 }
        for (group, uids) in epochs.grouped(lacking) {
            let key = epochs[group]
            problems.append(
                StoreProblem(
                    kind: .catalogStale, path: catalogPath,
                    message: interrupted
                        ? "\(key.account)/\(key.mailbox) (UIDVALIDITY \(key.uidValidity)): \(Self.grouped(uids.count)) of the \(Self.count(storedPerEpoch[group], "stored message")) are not in the catalog yet; an interrupted sync left them out and the next sync catalogues them."
                        : "\(key.account)/\(key.mailbox) (UIDVALIDITY \(key.uidValidity)): \(Self.grouped(uids.count)) of the \(Self.count(storedPerEpoch[group], "stored message")) are not in the catalog, so search, show, thread and report do not see them. Run `mailmirror reindex` to rebuild the catalog from the store.",
                    account: key.account, mailbox: key.mailbox, uidValidity: key.uidValidity,
                    healsOnNextSync: interrupted))
        }
        let extra = CoverageIDs.missing(catalog.messages, from: stored.lazy.map(\.id))
        for (group, uids) in epochs.grouped(extra) {
            let key = epochs[group]
            problems.append(
                StoreProblem(
                    kind: .catalogStale, path: catalogPath,
                    message:
                        "\(key.account)/\(key.mailbox) (UIDVALIDITY \(key.uidValidity)): the catalog lists \(Self.count(uids.count, "message")) the store does not hold (UID \(uids[0])\(uids.count > 1 ? " …" : "")). Run `mailmirror reindex` to rebuild the catalog from the store.",
                    account: key.account, mailbox: key.mailbox, uidValidity: key.uidValidity))
        }
        return problems
    }

    /// The search index, opened (nil when missing or damaged), and what is wrong with its files.
    private func openIndex(messages: Int, pending: Bool, deep: Bool) -> (SearchIndex?, [StoreProblem]) {
        var problems: [StoreProblem] = []
        let indexPath = paths.index.path
        let index: SearchIndex?
        if !FileManager.default.fileExists(atPath: manifestPath) {
            index = nil
            if messages > 0 {
                problems.append(
                    StoreProblem(
                        kind: .indexMissing, path: indexPath,
                        message: pending
                            ? "The search index (\(indexPath)) is not built yet: an interrupted sync stopped before it; the next sync builds it."
                            : "The search index (\(indexPath)) is missing although the mirror holds \(Self.count(messages, "message")); search finds nothing. Run `mailmirror reindex` to rebuild it.",
                        healsOnNextSync: pending))
            }
        } else {
            do {
                let opened = try SearchIndex.open(directory: paths.index)
                if deep { try opened.checkStoredFields() }
                index = opened
            } catch {
                index = nil
                var what = Failure.message(error)
                if case .corrupt(let detail) = error { what = detail }
                var message =
                    "The search index (\(indexPath)) is damaged (\(what)). Run `mailmirror reindex` to rebuild it."
                if case .outdated(let found) = error {
                    // An upgrade, not damage: the index is derived, so it is rebuilt like a damaged one.
                    message =
                        "The search index (\(indexPath)) was written by an older version of mailmirror (index format \(found)). The next sync rebuilds it; run `mailmirror reindex` to rebuild it now (about 3 minutes per million messages)."
                }
                problems.append(StoreProblem(kind: .indexDamaged, path: indexPath, message: message))
            }
        }
        return (index, problems)
    }

    /// Catalogued messages the index lacks, indexed messages nobody expects, and messages indexed twice.
    /// `expected` is sorted, each id once: the catalog's (`expectedIsCatalog`), else the store's.
    private func compareIndex(_ index: SearchIndex, expected: [UInt64], expectedIsCatalog: Bool, pending: Bool)
        -> [StoreProblem]
    {
        var problems: [StoreProblem] = []
        let indexPath = paths.index.path
        var indexed = index.liveDocumentNumbers()
        indexed.sort()
        var twice = 0
        var distinct = 0
        for k in indexed.indices where k == 0 || indexed[k] != indexed[k - 1] {
            if k + 1 < indexed.count && indexed[k + 1] == indexed[k] { twice += 1 }
            indexed[distinct] = indexed[k]
            distinct += 1
        }
        indexed.removeLast(indexed.count - distinct)
        let missing = expectedIsCatalog ? CoverageIDs.missingCount(expected, from: indexed) : 0
        let extra = CoverageIDs.missingCount(indexed, from: expected)
        if missing > 0 {
            problems.append(
                StoreProblem(
                    kind: .indexStale, path: indexPath,
                    message: pending
                        ? "The search index lacks \(Self.grouped(missing)) of the \(Self.count(expected.count, "catalogued message")); an interrupted sync stopped before indexing them and the next sync does."
                        : "The search index lacks \(Self.grouped(missing)) of the \(Self.count(expected.count, "catalogued message")), so search does not find them. Run `mailmirror reindex` to rebuild it.",
                    healsOnNextSync: pending))
        }
        if extra > 0 {
            problems.append(
                StoreProblem(
                    kind: .indexStale, path: indexPath,
                    message:
                        "The search index holds \(Self.count(extra, "message")) \(expectedIsCatalog ? "the catalog does not list" : "the store does not hold"), so search can answer with messages that are not in the mirror. Run `mailmirror reindex` to rebuild it."
                ))
        }
        if twice > 0 {
            problems.append(
                StoreProblem(
                    kind: .indexStale, path: indexPath,
                    message:
                        "The search index holds \(Self.count(twice, "message")) more than once. Run `mailmirror reindex` to rebuild it."
                ))
        }
        return problems
    }

    /// Whether the index refresh has not yet run over the catalog as it is (`index.state` records
    /// the catalog's size at the last refresh): a sync killed between cataloguing and indexing.
    private func refreshPending() -> Bool {
        guard let text = try? String(contentsOf: paths.root.appendingPathComponent("index.state"), encoding: .utf8)
        else { return true }
        for line in text.split(separator: "\n") where line.hasPrefix("catalog-bytes:") {
            return Int64(line.dropFirst("catalog-bytes:".count).trimmed(.whitespaces))
                != Self.fileSize(store.catalog.path)
        }
        return true
    }

    /// Whether the catalog's last record is whole: a write torn by a kill leaves a cut last record,
    /// damage in the middle of the file leaves whole records after the bad one.
    private static func lastFrameIsWhole(_ path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 8 + 12 else { return false }
        let bytes = [UInt8](data)
        func u32(_ offset: Int) -> UInt32 {
            UInt32(bytes[offset]) | UInt32(bytes[offset + 1]) << 8 | UInt32(bytes[offset + 2]) << 16 | UInt32(
                bytes[offset + 3]) << 24
        }
        let length = Int(u32(bytes.count - 4))
        let start = bytes.count - 12 - length
        guard length >= 0, start >= 8, Int(u32(start)) == length else { return false }
        let crc = bytes[(start + 8)..<(bytes.count - 4)].withUnsafeBytes { Gzip.crc32($0) }
        return crc == u32(start + 4)
    }

    static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }

    static func mark(_ path: String) -> CoverageStamp.FileMark? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return CoverageStamp.FileMark(
            bytes: Int64(info.st_size),
            modified: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec))
    }

    static func modificationTime(_ path: String) -> Int64? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    static func count(_ n: Int, _ noun: String) -> String {
        "\(grouped(n)) \(noun)\(n == 1 ? "" : "s")"
    }

    /// `44,996`, as the rest of the output writes counts.
    static func grouped(_ n: Int) -> String {
        var digits = String(n)
        var result = ""
        while digits.count > 3 {
            result = "," + digits.suffix(3) + result
            digits.removeLast(3)
        }
        return digits + result
    }
}
