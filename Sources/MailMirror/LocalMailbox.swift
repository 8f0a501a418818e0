import MailCore
import Store

/// The store side of a sync for one mailbox, as the engine sees it. `StoreMailbox`
/// implements it over Store's gzip Maildir; the files in `cur/` are the truth, the state
/// is only a summary of what the server said at the end of the last complete sync.
public protocol LocalMailbox: AnyObject {
    func state() throws -> LocalMailboxState?
    func saveState(_ state: LocalMailboxState) throws
    /// Every message kept for that epoch, by UID, compactly (a few bytes a message: it is read on every sync).
    func stored(uidValidity: UIDValidity) throws -> StoredListing
    /// Writes one message crash-safely (tmp → fsync → rename); a UID already stored is left alone.
    /// Called from worker threads, concurrently for different UIDs.
    func commit(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws
    func setFlags(uidValidity: UIDValidity, uid: UID, flags: [Flag]) throws
    /// Keeps the copies but marks them as gone from the server.
    func markExpunged(uidValidity: UIDValidity, uids: [UID]) throws
    /// Makes the renames of this epoch's commits durable (one fsync of the folder per pass).
    func flush(uidValidity: UIDValidity) throws
    /// Removes what a killed run left in tmp/.
    func sweep() throws
}

/// One stored message's flags, as an in-memory store keeps them (`StoredListing` is what the engine reads).
public struct LocalMessage: Hashable, Sendable {
    public var flags: [Flag]
    public var expunged: Bool
    public init(flags: [Flag], expunged: Bool) {
        self.flags = flags
        self.expunged = expunged
    }
}

public struct LocalMailboxState: Hashable, Sendable {
    public var uidValidity: UIDValidity
    /// The server's UIDNEXT at the end of the last complete pass; nil after an incomplete one.
    public var uidNext: UID?
    /// Messages kept locally for this epoch and not expunged (what `verify` checks).
    public var storedMessages: Int
    /// The server's message count at the last pass (what the no-op check compares).
    public var serverMessages: Int
    public var highestModSeq: ModSequence?
    /// Seconds since 1970 of the last sync.
    public var lastSync: Int64
    public init(
        uidValidity: UIDValidity, uidNext: UID?, storedMessages: Int, serverMessages: Int,
        highestModSeq: ModSequence?, lastSync: Int64
    ) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.storedMessages = storedMessages
        self.serverMessages = serverMessages
        self.highestModSeq = highestModSeq
        self.lastSync = lastSync
    }
}
