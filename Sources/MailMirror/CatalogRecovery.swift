import FoundationEssentials
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

    /// Appends a summary for every stored message the catalog lacks; returns how many. Holds the
    /// catalog's ids as sorted numbers (8 bytes a message) and, of each epoch's folder, only the files
    /// the catalog lacks, never the catalog's records: a sync killed at a million messages heals in a few
    /// tens of MB.
    @discardableResult
    func recover() throws -> Int {
        var catalogued: [UInt64] = []
        _ = try store.catalog.streamRecords { summary in
            catalogued.append(UInt64(summary.id, radix: 16) ?? StableHash.fnv1a64(summary.id))
        }
        catalogued.sort()
        var recovered = 0
        var batch: [MessageSummary] = []
        for epoch in try Self.lackingEpochs(in: store, catalogued: catalogued) {
            for (uid, _) in epoch.listing {
                let key = epoch.key(uid)
                let team = teams[key.account] ?? TeamMatcher(members: [])
                batch.append(
                    try Self.summarize(key, flags: epoch.listing.flags(of: uid) ?? [], store: store, team: team).summary
                )
                recovered += 1
                if batch.count >= 256 {
                    try store.catalog.append(batch)
                    batch.removeAll(keepingCapacity: true)
                }
            }
        }
        if !batch.isEmpty { try store.catalog.append(batch) }
        return recovered
    }

    /// One epoch of the store (account, mailbox, UIDVALIDITY) and what its `cur/` holds.
    struct StoredEpoch {
        let account: String
        let mailbox: String
        let uidValidity: UIDValidity
        let listing: StoredListing

        func key(_ uid: UID) -> MessageKey {
            MessageKey(account: account, mailbox: mailbox, uidValidity: uidValidity, uid: uid)
        }
    }

    /// Every epoch of the store in store order (accounts, mailboxes and UIDVALIDITYs sorted; UIDs ascending
    /// within a listing), each read as a compact listing (16 bytes a file), not a table of paths or keys:
    /// at 1,000,000 messages the keys alone were 100 MB of reindex's peak.
    static func storedEpochs(in store: MailStore) throws -> [StoredEpoch] {
        var epochs: [StoredEpoch] = []
        for account in try store.accounts() {
            for name in try store.mailboxes(account: account) {
                let mailbox = try store.mailbox(account: account, name: name)
                for epoch in try mailbox.epochs() {
                    let listing = try mailbox.listing(uidValidity: epoch)
                    guard !listing.isEmpty else { continue }
                    epochs.append(StoredEpoch(account: account, mailbox: name, uidValidity: epoch, listing: listing))
                }
            }
        }
        return epochs
    }

    /// `storedEpochs`, each listing holding only the messages whose id `catalogued` (sorted) lacks.
    private static func lackingEpochs(in store: MailStore, catalogued: [UInt64]) throws -> [StoredEpoch] {
        var epochs: [StoredEpoch] = []
        for account in try store.accounts() {
            for name in try store.mailboxes(account: account) {
                let mailbox = try store.mailbox(account: account, name: name)
                for epoch in try mailbox.epochs() {
                    let listing = try mailbox.listing(uidValidity: epoch) { uid in
                        let key = MessageKey(account: account, mailbox: name, uidValidity: epoch, uid: uid)
                        return !contains(catalogued, CoverageIDs.number(key))
                    }
                    guard !listing.isEmpty else { continue }
                    epochs.append(StoredEpoch(account: account, mailbox: name, uidValidity: epoch, listing: listing))
                }
            }
        }
        return epochs
    }

    /// Whether `sorted` holds `value` (binary search).
    private static func contains(_ sorted: [UInt64], _ value: UInt64) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == value
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
