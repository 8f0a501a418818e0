import Durable
import FoundationEssentials
import MailCore
import Synchronization

/// The local store: the source of truth everything else is rebuilt from.
///
///     <root>/accounts/<account>/<mailbox-dir>/state
///     <root>/accounts/<account>/<mailbox-dir>/<uidvalidity>/{tmp,new,cur}/<uid>.eml.gz:2,<flags>
///     <root>/catalog/summaries.bin
///     <root>/lock
///
/// One writer at a time holds `lock()`; readers (search, show, status, verify) never take it.
/// Files are created 0600 and folders 0700.
public final class MailStore: Sendable {
    public let root: URL
    /// gzip level for new message files (6 unless configured).
    public let compressionLevel: Int32
    /// `root.path` without a trailing slash, for paths built by hand.
    public let rootPath: String
    private let openMailboxes = Mutex<[String: MailboxStore]>([:])

    /// Opens the store at `root`, creating the folder (0700) when it is missing.
    public convenience init(root: URL, compressionLevel: Int32 = Gzip.defaultLevel) throws {
        // A root that is already absolute and standard (as `MirrorPaths.resolveRoot` gives it) is kept:
        // `standardizedFileURL` sets up Foundation's path machinery, at every command's start.
        let given = root.path
        if Self.isStandardAbsolute(given) {
            try self.init(root: root, path: given, compressionLevel: compressionLevel)
        } else {
            let standard = root.absoluteURL.standardizedFileURL
            try self.init(root: standard, path: standard.path, compressionLevel: compressionLevel)
        }
    }

    /// Opens the store at the folder `rootPath` (as `MirrorPaths.rootPath` gives it), creating it (0700)
    /// when it is missing; the same as `init(root:)` with its URL, without reading `URL.path` (the first
    /// read of a process costs about 1% of a search: see `MirrorPaths.rootPath`).
    public convenience init(rootPath: String, compressionLevel: Int32 = Gzip.defaultLevel) throws {
        let root = URL(fileURLWithPath: rootPath, isDirectory: true)
        guard Self.isStandardAbsolute(rootPath) else {
            try self.init(root: root, compressionLevel: compressionLevel)
            return
        }
        try self.init(root: root, path: rootPath, compressionLevel: compressionLevel)
    }

    /// `root` must be standard and absolute, and `path` its path.
    private init(root: URL, path: String, compressionLevel: Int32) throws {
        self.root = root
        self.compressionLevel = compressionLevel
        var path = path
        while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
        rootPath = path
        catalog = CatalogFile(directory: path + "/catalog")
        try io(Disk.makeDirectories(rootPath))
    }

    /// Whether `path` is absolute with no `.` or `..` component and no doubled slash (a trailing
    /// slash is fine).
    static func isStandardAbsolute(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        let components = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        for (position, component) in components.enumerated() {
            if component == "." || component == ".." { return false }
            // Empty: a doubled slash, unless it is the last (a trailing slash, or `/` alone).
            if component.isEmpty, position < components.count - 1 { return false }
        }
        return true
    }

    var accountsPath: String { rootPath + "/accounts" }
    public var lockPath: String { rootPath + "/lock" }

    /// Takes the writer's lock, or throws `.locked(pid:)` at once ("another sync is running (pid N)").
    public func lock() throws -> StoreLock {
        try StoreLock(path: lockPath)
    }

    /// The catalog of message summaries for the whole store (`<root>/catalog/`).
    public let catalog: CatalogFile

    /// The store of one server mailbox. Nothing is created on disk until something is written.
    /// The same object is returned for the same account and name, so its caches stay coherent.
    public func mailbox(account: String, name: String) throws -> MailboxStore {
        let accountName = try AccountName(account)
        let directory = try MailboxDirectoryName(mailbox: name)
        let key = "\(account)/\(directory.rawValue)"
        return openMailboxes.withLock { open in
            if let existing = open[key] { return existing }
            let store = MailboxStore(
                account: accountName.rawValue, name: name, directoryName: directory,
                path: "\(accountsPath)/\(accountName.rawValue)/\(directory.rawValue)",
                compressionLevel: compressionLevel)
            open[key] = store
            return store
        }
    }

    /// Drops the listings of `cur/` every mailbox opened so far keeps (see `MailboxStore.forgetListings`): a
    /// million-message folder's is 16 MB. Call it holding the store's lock, with nothing being committed.
    public func forgetListings() {
        for mailbox in openMailboxes.withLock({ Array($0.values) }) { mailbox.forgetListings() }
    }

    /// Removes what a killed run left behind in every mailbox (`tmp/` files, a half-written state)
    /// and the catalog's temporary files of dead writers. Call it holding the lock, before syncing.
    @discardableResult
    public func sweepTemporaryFiles() throws -> [String] {
        var removed: [String] = []
        for account in try accounts() {
            for name in try mailboxes(account: account) {
                removed += try mailbox(account: account, name: name).sweepTemporaryFiles()
            }
        }
        removed += try io(Disk.removeDeadTemporaries(in: catalog.directory))
        return removed
    }

    /// The accounts with a folder in the store, sorted.
    public func accounts() throws -> [String] {
        guard let entries = try io(Disk.listDirectory(accountsPath)) else { return [] }
        return entries.map(\.name).filter(AccountName.isValid).sorted()
    }

    /// The server names of the mailboxes stored for `account`, sorted by their UTF-8 bytes.
    /// Folders that are not valid encodings are skipped (`StoreVerifier` reports them).
    public func mailboxes(account: String) throws -> [String] {
        let accountName = try AccountName(account)
        let accountPath = "\(accountsPath)/\(accountName.rawValue)"
        guard let entries = try io(Disk.listDirectory(accountPath)) else { return [] }
        var names: [String] = []
        for entry in entries {
            guard let directory = MailboxDirectoryName(directoryName: entry.name) else { continue }
            if let decoded = directory.decoded {
                names.append(decoded)
            } else if directory.isHashed,
                let bytes = try? io(Disk.readFile("\(accountPath)/\(entry.name)/\(MailboxStore.nameFileName)")),
                let name = String(validating: bytes, as: UTF8.self),
                (try? MailboxDirectoryName(mailbox: name)) == directory
            {
                names.append(name)
            }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }
}
