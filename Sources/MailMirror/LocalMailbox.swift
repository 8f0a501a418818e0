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
    /// A mark of what the epoch holds that any later change to it moves, taken before a listing it is to
    /// vouch for (`LocalMailboxState.listingStamp`); nil when the store has none it can trust now.
    func listingStamp(uidValidity: UIDValidity) throws -> Int64?
    /// Writes one message crash-safely (tmp → fsync → rename); a UID already stored is left alone.
    /// Called from worker threads, concurrently for different UIDs. True when the message was written
    /// now, false when its UID was stored already.
    @discardableResult
    func commit(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> Bool
    /// `commit` in two halves, so that a group of messages is made durable at once: writes the message where
    /// it is neither visible nor durable yet; nil when its UID is stored already. Called from worker threads.
    func stage(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> StagedCommit?
    /// Makes staged messages durable together, then puts them in place in order, calling `placed` with each
    /// one's index once it is; on a failure what was not placed yet is abandoned.
    func publish(_ staged: [StagedCommit], placed: (Int) -> Void) throws
    /// Drops staged messages that will not be published.
    func abandon(_ staged: [StagedCommit])
    func setFlags(uidValidity: UIDValidity, uid: UID, flags: [Flag]) throws
    /// Keeps the copies but marks them as gone from the server.
    func markExpunged(uidValidity: UIDValidity, uids: [UID]) throws
    /// Makes the renames of this epoch's commits durable (one fsync of the folder per pass).
    func flush(uidValidity: UIDValidity) throws
    /// Removes what a killed run left in tmp/.
    func sweep() throws
}

extension LocalMailbox {
    /// A store with nothing to group commits each message at once (tests' in-memory mailboxes).
    func stage(uidValidity: UIDValidity, uid: UID, flags: [Flag], bytes: [UInt8]) throws -> StagedCommit? {
        try commit(uidValidity: uidValidity, uid: uid, flags: flags, bytes: bytes) ? StagedCommit(uid: uid) : nil
    }
    func publish(_ staged: [StagedCommit], placed: (Int) -> Void) throws {
        for index in staged.indices { placed(index) }
    }
    func abandon(_ staged: [StagedCommit]) {}
}

/// A message `LocalMailbox.stage` wrote: the store's temporary file, or nothing left to do.
public struct StagedCommit: Sendable {
    public let uid: UID
    let file: StagedMessage?

    init(uid: UID, file: StagedMessage? = nil) {
        self.uid = uid
        self.file = file
    }
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
    /// `LocalMailbox.listingStamp` taken before `storedMessages` was counted by a listing: while the store
    /// still gives it, the count holds without listing again. Nil when the count was not listed (a pass
    /// that downloaded counts what it did) or no stamp could be trusted.
    public var listingStamp: Int64?
    /// A UID above every stored one (one past the highest), when the engine knows it: saving the state
    /// then lists nothing to keep `uidNext` above what is stored.
    public var uidsStoredBelow: UID?
    public init(
        uidValidity: UIDValidity, uidNext: UID?, storedMessages: Int, serverMessages: Int,
        highestModSeq: ModSequence?, lastSync: Int64, listingStamp: Int64? = nil, uidsStoredBelow: UID? = nil
    ) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.storedMessages = storedMessages
        self.serverMessages = serverMessages
        self.highestModSeq = highestModSeq
        self.lastSync = lastSync
        self.listingStamp = listingStamp
        self.uidsStoredBelow = uidsStoredBelow
    }
}
