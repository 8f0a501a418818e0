import Durable
import FoundationEssentials
import MailCore
import TextBasics

/// Writes a plain, uncompressed Maildir that mutt, notmuch or mu can open:
/// `DIR/<folder>/{cur,new,tmp}/<time>.<uid>_<uidvalidity>.mailmirror:2,<flags>`, one folder per
/// mailbox, every epoch's messages side by side (the name keeps them apart).
///
/// Folder names are made for reading, not for coming back: "/" becomes ".", control characters
/// "_", a leading "." "_" (so nothing hidden, "." or ".."), and a name that two mailboxes would
/// share gets a hash suffix. Only the standard flag letters are written (expunged messages are
/// exported as history, unless `includeExpunged` is false). Running it again adds what is new and
/// leaves files already exported alone (their flags are not updated).
public struct MaildirExporter: Sendable {
    public let store: MailStore

    public struct Summary: Hashable, Sendable {
        /// Server mailbox name to the folder it was written to.
        public var folders: [String: String] = [:]
        public var written = 0
        /// Already in the destination from an earlier export.
        public var skipped = 0
    }

    public init(store: MailStore) {
        self.store = store
    }

    /// Exports one account's mailboxes into `directory` (created 0700 when missing).
    public func export(account: String, to directory: URL, includeExpunged: Bool = true) throws -> Summary {
        var base = directory.standardizedFileURL.path
        while base.count > 1 && base.hasSuffix("/") { base.removeLast() }
        try io(Disk.makeDirectories(base))
        var summary = Summary()
        var usedFolders = Set<String>()
        for name in try store.mailboxes(account: account) {
            var folder = Self.folderName(for: name)
            if usedFolders.contains(folder) { folder += "~" + StableHash.hex(StableHash.fnv1a64(name)) }
            usedFolders.insert(folder)
            summary.folders[name] = folder
            let folderPath = "\(base)/\(folder)"
            for sub in ["", "/tmp", "/new", "/cur"] { try io(Disk.makeDirectories(folderPath + sub)) }
            let present = try io(Disk.listDirectory("\(folderPath)/cur")) ?? []
            let existing = Set(present.compactMap { Self.exportKey(ofFileName: $0.name) })
            let mailbox = try store.mailbox(account: account, name: name)
            for epoch in try mailbox.epochs() {
                for message in try mailbox.storedMessages(uidValidity: epoch).values.sorted(by: { $0.uid < $1.uid }) {
                    if message.expunged && !includeExpunged { continue }
                    let key = "\(message.uid.rawValue)_\(epoch.rawValue)"
                    if existing.contains(key) {
                        summary.skipped += 1
                        continue
                    }
                    let bytes = try mailbox.readMessage(uidValidity: epoch, uid: message.uid)
                    let fileName =
                        "\(message.modificationTime ?? 0).\(key).mailmirror:2,\(message.maildirFlags.standardLetters)"
                    let temporary = "\(folderPath)/tmp/\(fileName)"
                    let fd = try io(Disk.open(temporary, flags: Disk.OpenFlags.createOrTruncate, operation: "create"))
                    do {
                        try io(Disk.write(fd, bytes, path: temporary))
                        Disk.close(fd)
                        try io(Disk.rename(temporary, to: "\(folderPath)/cur/\(fileName)"))
                    } catch {
                        Disk.close(fd)
                        _ = try? io(Disk.removeIfPresent(temporary))
                        throw error
                    }
                    summary.written += 1
                }
            }
            try io(Disk.fsyncDirectory("\(folderPath)/cur"))
        }
        return summary
    }

    /// A readable, safe folder name for a server mailbox name.
    public static func folderName(for mailbox: String) -> String {
        var result = ""
        for scalar in mailbox.unicodeScalars {
            switch scalar.value {
            case 0x2F: result.append(".")
            case 0..<0x20, 0x7F, 0x80..<0xA0: result.append("_")
            default: result.unicodeScalars.append(scalar)
            }
        }
        if result.isEmpty || result.hasPrefix(".") { result = "_" + result.dropFirst(result.isEmpty ? 0 : 1) }
        if result.utf8.count > MailboxDirectoryName.maximumLength {
            var cut = ""
            for character in result {
                if cut.utf8.count + character.utf8.count > MailboxDirectoryName.maximumLength - 17 { break }
                cut.append(character)
            }
            result = cut + "~" + StableHash.hex(StableHash.fnv1a64(mailbox))
        }
        return result
    }

    /// `<uid>_<uidvalidity>` from a name this exporter wrote, else nil.
    static func exportKey(ofFileName name: String) -> String? {
        guard let range = name.firstScalarRange(of: ".mailmirror:2,") else { return nil }
        let head = name[..<range.lowerBound]
        guard let dot = head.firstIndex(of: ".") else { return nil }
        return String(head[head.index(after: dot)...])
    }
}
