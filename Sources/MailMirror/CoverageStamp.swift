import FoundationEssentials
import MailCore
import Store

/// `<root>/derived.state`: what the store, the catalog and the index looked like the last time the
/// catalog and the index were known to cover the store exactly (after a sync, a reindex, a repair).
///
/// ```
/// mailmirror-derived 1
/// catalog 1843200 1733450000123456789
/// index-documents 3990
/// index-file 52011 1733450000223456789 manifest
/// index-file 2048113 1733450000213456789 seg-000003.seg
/// epoch 1733450000123456789 4000 4012 accounts/support/INBOX/1700000000/cur
/// folder 1733440000123456789 accounts
/// folder 1733440000123456789 accounts/support
/// folder 1733440000123456789 accounts/support/INBOX
/// folder 1733440000123456789 accounts/support/INBOX/1700000000
/// end
/// ```
/// The catalog's and each index file's size and modification time (nanoseconds), so a file cut,
/// garbled in place, deleted or replaced by an old copy no longer matches; one `epoch` line per
/// `cur/` folder: its modification time, how many messages it holds and its highest UID (`-` when a
/// sync wrote the stamp: it does not list a folder again for this). A reader
/// compares these with a `stat` of each, so the check costs one `stat` per mailbox and per index
/// file, never one per message.
///
/// The `folder` lines hold the modification time of every folder above the `cur/` folders: a folder's
/// time changes whenever an entry is added to it, removed or renamed, so while they all match, the
/// store holds the same `cur/` folders and a reader stats the listed ones instead of listing the
/// store again (see `DerivedCoverage.currentStamp`). A stamp without them is still read: its reader
/// lists the store.
struct CoverageStamp: Equatable {
    /// A file's size and `st_mtim` in nanoseconds.
    struct FileMark: Equatable {
        var bytes: Int64
        var modified: Int64
    }

    struct Epoch: Equatable {
        /// `st_mtim` of `cur/`, in nanoseconds.
        var modified: Int64
        /// Nil when the writer did not list the folder (a sync, which must not read a large folder
        /// again for this): its time alone then tells a reader whether it changed.
        var messages: Int?
        var highestUID: UInt32?
    }

    static let header = "mailmirror-derived 1"
    /// Nil when there is no catalog file.
    var catalog: FileMark?
    /// Every file of `index/` but the writer's lock, by name.
    var indexFiles: [String: FileMark]
    /// Live documents in the index; nil when there is no index (an empty store needs none).
    var indexDocuments: Int?
    /// By `cur/` path relative to the root.
    var epochs: [String: Epoch]
    /// `st_mtim` in nanoseconds of `accounts/` and of each account, mailbox and epoch folder, by path
    /// relative to the root; empty when the writer could not vouch for all of them.
    var folders: [String: Int64] = [:]

    /// Messages in the store when the stamp was made, when every folder was counted.
    var storedMessages: Int? {
        epochs.values.reduce(0 as Int?) { total, epoch in total.flatMap { total in epoch.messages.map { total + $0 } } }
    }

    func encoded() -> Data {
        var text = "\(Self.header)\ncatalog \(catalog.map { "\($0.bytes) \($0.modified)" } ?? "-")\n"
        text += "index-documents \(indexDocuments.map(String.init) ?? "-")\n"
        for (name, mark) in indexFiles.sorted(by: { $0.key < $1.key }) {
            text += "index-file \(mark.bytes) \(mark.modified) \(name)\n"
        }
        for (path, epoch) in epochs.sorted(by: { $0.key < $1.key }) {
            text +=
                "epoch \(epoch.modified) \(epoch.messages.map(String.init) ?? "-") \(epoch.highestUID.map(String.init) ?? "-") \(path)\n"
        }
        for (path, modified) in folders.sorted(by: { $0.key < $1.key }) {
            text += "folder \(modified) \(path)\n"
        }
        return Data((text + "end\n").utf8)
    }

    /// Nil for anything but a whole, well-formed stamp: an unreadable stamp only costs a full check.
    init?(text: String) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == Substring(Self.header), lines.suffix(2) == ["end", ""] else { return nil }
        lines.removeFirst()
        lines.removeLast(2)
        var catalog: FileMark??
        var indexFiles: [String: FileMark] = [:]
        var indexDocuments: Int??
        var epochs: [String: Epoch] = [:]
        var folders: [String: Int64] = [:]
        for line in lines {
            if line.hasPrefix("folder ") {
                // Split apart from the others: the path is the third field and may hold spaces.
                let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
                guard parts.count == 3, let modified = Int64(parts[1]), !parts[2].isEmpty else { return nil }
                folders[String(parts[2])] = modified
                continue
            }
            let parts = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
            switch parts.first {
            case "catalog" where parts.count == 2 && parts[1] == "-":
                catalog = .some(nil)
            case "catalog" where parts.count == 3:
                guard let bytes = Int64(parts[1]), let modified = Int64(parts[2]) else { return nil }
                catalog = FileMark(bytes: bytes, modified: modified)
            case "index-file" where parts.count == 4:
                guard let bytes = Int64(parts[1]), let modified = Int64(parts[2]) else { return nil }
                indexFiles[String(parts[3])] = FileMark(bytes: bytes, modified: modified)
            case "index-documents" where parts.count == 2:
                indexDocuments = parts[1] == "-" ? .some(nil) : Int(parts[1]).map { .some($0) }
            case "epoch" where parts.count == 5:
                guard let modified = Int64(parts[1]) else { return nil }
                let messages = Int(parts[2])
                let highest = UInt32(parts[3])
                guard (messages == nil) == (parts[2] == "-"), (highest == nil) == (parts[3] == "-") else { return nil }
                epochs[String(parts[4])] = Epoch(modified: modified, messages: messages, highestUID: highest)
            default:
                return nil
            }
        }
        guard let catalog, let indexDocuments else { return nil }
        self.init(
            catalog: catalog, indexFiles: indexFiles, indexDocuments: indexDocuments, epochs: epochs, folders: folders)
    }

    init(
        catalog: FileMark?, indexFiles: [String: FileMark], indexDocuments: Int?, epochs: [String: Epoch],
        folders: [String: Int64] = [:]
    ) {
        self.catalog = catalog
        self.indexFiles = indexFiles
        self.indexDocuments = indexDocuments
        self.epochs = epochs
        self.folders = folders
    }
}
