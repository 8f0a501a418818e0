import MailCore

/// What the last sync knew about one server mailbox, kept in `<mailbox-dir>/state` as text.
///
///     # mailmirror mailbox state (written by sync; safe to read with cat)
///     uidvalidity: 1700000000
///     uidnext: 10234
///     highestmodseq: 88231
///     messages: 10233
///     last-sync: 2026-11-25T18:24:29Z
///     complete: yes
///     server-messages: 10233
///     cur-modified: 1764095069123456789
///
/// `messages` is the number of messages the mirror holds for the current epoch and does not
/// mark expunged, as of the end of that sync: `StoreVerifier` checks it against `cur/`.
/// Keys this version does not know are kept in `extra` and written back unchanged.
public struct MailboxState: Hashable, Sendable {
    public var uidValidity: UIDValidity
    public var uidNext: UID
    /// CONDSTORE HIGHESTMODSEQ; nil when the server has none (or after a recovery: resync all flags).
    public var highestModSeq: ModSequence?
    public var messages: Int
    /// When the sync finished, seconds since 1970 UTC; written as ISO 8601.
    public var lastSync: Int64?
    /// Whether that sync finished its pass over the mailbox (a daily budget or a failure can stop
    /// it early); when not, the next sync lists the server's UIDs again instead of trusting `uidnext`.
    /// A file without the line is complete.
    public var complete: Bool
    /// How many messages the server's mailbox held at the end of that sync; nil when unknown.
    public var serverMessages: Int?
    /// The modification time of the epoch's `cur/` (nanoseconds) when `messages` was counted, so that
    /// while `cur/` keeps it the next sync need not list the folder to know the count still holds (see
    /// `MailboxStore.settledListingStamp`); nil when unknown.
    public var curModified: Int64?
    /// Other `key: value` lines, by key (written sorted, after the known ones).
    public var extra: [String: String]

    public init(
        uidValidity: UIDValidity, uidNext: UID, highestModSeq: ModSequence? = nil, messages: Int,
        lastSync: Int64? = nil, complete: Bool = true, serverMessages: Int? = nil, curModified: Int64? = nil,
        extra: [String: String] = [:]
    ) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.highestModSeq = highestModSeq
        self.messages = messages
        self.lastSync = lastSync
        self.complete = complete
        self.serverMessages = serverMessages
        self.curModified = curModified
        self.extra = extra
    }
}
