import MailCore

/// What one sync did to one mailbox. The JSON keys of `sync --json` come from here.
public struct MailboxSyncResult: Hashable, Sendable {
    public var account: String
    public var mailbox: String
    public var uidValidity: UIDValidity?
    /// Messages newly stored by this run.
    public var fetched: Int
    /// Raw bytes of those messages.
    public var bytes: Int64
    public var flagsChanged: Int
    public var expunged: Int
    /// Messages left for a later run (daily budget reached, or postponed by the server).
    public var remaining: Int
    public var remainingBytes: Int64
    /// The sentence explaining why this mailbox failed or stopped early, if it did.
    public var error: String?
    public var errorIsTemporary: Bool

    public init(account: String, mailbox: String) {
        self.account = account
        self.mailbox = mailbox
        self.fetched = 0
        self.bytes = 0
        self.flagsChanged = 0
        self.expunged = 0
        self.remaining = 0
        self.remainingBytes = 0
        self.errorIsTemporary = false
    }
}
