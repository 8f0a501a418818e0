import Foundation
import MIME
import MailCore
import Store

/// Catalogues what a killed sync committed but never catalogued. A message is committed to `cur/`
/// before its summary reaches the catalog (summaries are appended in batches), so a sync killed
/// in between leaves stored messages the catalog — and so search, threads and reports — never
/// hears of, and the next sync does not fetch them again. `<root>/catalog/sync-in-progress` is
/// written before a sync and removed once every summary it made is on disk; when the next sync
/// finds it still there, it compares the catalog with the store and summarises the missing
/// messages from their files.
struct CatalogRecovery {
    let store: MailStore
    let root: URL
    let teams: [String: TeamMatcher]

    var marker: URL { root.appendingPathComponent("catalog/sync-in-progress") }

    /// True when the last sync ended before its summaries were all written.
    var isNeeded: Bool { FileManager.default.fileExists(atPath: marker.path) }

    func begin() throws {
        guard !isNeeded else { return }
        try StateFile.write(
            Data("A sync is writing the catalog; if this file outlives it, the next sync checks the catalog.\n".utf8),
            to: marker)
    }

    func end() throws {
        try StateFile.remove(marker)
    }

    /// Appends a summary for every stored message the catalog lacks; returns how many.
    @discardableResult
    func recover() throws -> Int {
        let catalogued = Set(try store.catalog.loadAll().map(\.id))
        let missing = try Self.storedMessages(in: store).filter { !catalogued.contains($0.key.id) }
        for start in stride(from: 0, to: missing.count, by: 256) {
            let batch = try missing[start..<min(start + 256, missing.count)].map { key, flags in
                try Self.summarize(
                    key, flags: flags, store: store, team: teams[key.account] ?? TeamMatcher(members: [])
                ).summary
            }
            try store.catalog.append(batch)
        }
        return missing.count
    }

    /// Every message in the store with its flags, by account, mailbox, epoch and UID.
    static func storedMessages(in store: MailStore) throws -> [(key: MessageKey, flags: [Flag])] {
        var keys: [(key: MessageKey, flags: [Flag])] = []
        for account in try store.accounts() {
            for name in try store.mailboxes(account: account) {
                let mailbox = try store.mailbox(account: account, name: name)
                for epoch in try mailbox.epochs() {
                    // The compact listing (16 bytes a file, by UID), not a table of paths: at 1,000,000 messages
                    // that table was most of reindex's peak.
                    let listing = try mailbox.listing(uidValidity: epoch)
                    for (uid, _) in listing {
                        keys.append(
                            (
                                MessageKey(account: account, mailbox: name, uidValidity: epoch, uid: uid),
                                listing.flags(of: uid) ?? []
                            ))
                    }
                }
            }
        }
        return keys
    }

    /// A stored message summarised from its file alone; `previous` keeps what only the server knew
    /// (the internal date, Gmail's ids and labels) when an earlier catalog record has it.
    static func summarize(
        _ key: MessageKey, flags: [Flag], store: MailStore, team: TeamMatcher,
        previous: IndexRefresher.PreviousFacts? = nil
    ) throws -> SummarizedMessage {
        let bytes = try store.mailbox(account: key.account, name: key.mailbox).readMessage(
            uidValidity: key.uidValidity, uid: key.uid)
        let metadata = FetchedMetadata(
            key: key, internalDate: previous?.date, size: bytes.count, flags: flags,
            gmailMessageId: previous?.gmailMessageId, gmailThreadId: previous?.gmailThreadId,
            labels: previous?.labels ?? [])
        return MessageSummarizer.summarize(bytes: bytes, metadata: metadata, team: team)
    }
}
