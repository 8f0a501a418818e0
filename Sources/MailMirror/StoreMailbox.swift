import MailCore
import Store

/// The engine's local side over Store's gzip Maildir.
final class StoreMailbox: LocalMailbox {
    private let store: MailboxStore

    init(_ store: MailboxStore) {
        self.store = store
    }

    func state() throws -> LocalMailboxState? {
        guard let state = try store.readState() else { return nil }
        return LocalMailboxState(
            uidValidity: state.uidValidity, uidNext: state.complete ? state.uidNext : nil,
            storedMessages: state.messages,
            serverMessages: state.serverMessages ?? -1,
            highestModSeq: state.highestModSeq, lastSync: state.lastSync ?? 0, listingStamp: state.curModified)
    }

    func saveState(_ state: LocalMailboxState) throws {
        let highest =
            try state.uidsStoredBelow
            ?? store.listing(uidValidity: state.uidValidity).highestUID.map { UID($0.rawValue &+ 1) } ?? UID(1)
        let extra = (try? store.readState())?.extra ?? [:]
        try store.writeState(
            MailboxState(
                uidValidity: state.uidValidity, uidNext: max(state.uidNext ?? highest, highest),
                highestModSeq: state.highestModSeq,
                messages: state.storedMessages, lastSync: state.lastSync, complete: state.uidNext != nil,
                serverMessages: state.serverMessages >= 0 ? state.serverMessages : nil,
                curModified: state.listingStamp, extra: extra))
    }

    /// The listing; the store keeps it as its index of `cur/` (`MailboxStore.listing`), so the commits of
    /// the pass do not list the folder again.
    func stored(uidValidity: UIDValidity) throws -> StoredListing {
        try store.listing(uidValidity: uidValidity)
    }

    func listingStamp(uidValidity: UIDValidity) throws -> Int64? {
        try store.settledListingStamp(uidValidity: uidValidity)
    }

    func commit(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> Bool {
        try store.commit(uidValidity: uidValidity, uid: uid, flags: flags, bytes: bytes, syncDirectory: false)
            != .alreadyStored
    }

    func stage(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> StagedCommit? {
        try store.stage(uidValidity: uidValidity, uid: uid, flags: flags, bytes: bytes).map {
            StagedCommit(uid: uid, file: $0)
        }
    }

    func publish(_ staged: [StagedCommit], placed: (Int) -> Void) throws {
        // Every message this store stages has a file; indices map back through the ones that do.
        let files = staged.indices.compactMap { index in staged[index].file.map { (index, $0) } }
        try store.publish(files.map(\.1)) { placed(files[$0].0) }
    }

    func abandon(_ staged: [StagedCommit]) {
        store.abandon(staged.compactMap(\.file))
    }

    func setFlags(uidValidity: UIDValidity, uid: UID, flags: [Flag]) throws {
        _ = try store.setFlags(uidValidity: uidValidity, uid: uid, flags: flags, syncDirectory: false)
    }

    func markExpunged(uidValidity: UIDValidity, uids: [UID]) throws {
        _ = try store.markExpunged(uidValidity: uidValidity, uids: uids)
    }

    func flush(uidValidity: UIDValidity) throws {
        try store.syncDirectory(uidValidity: uidValidity)
    }

    func sweep() throws {
        _ = try store.sweepTemporaryFiles()
    }
}
