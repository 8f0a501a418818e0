/// What a sync tells the outside world as it goes: the CLI turns it into a progress bar,
/// JSON or nothing (`--quiet`); tests record it.
public protocol SyncObserver: AnyObject {
    func accountStarted(_ account: String)
    /// The plan for one mailbox: how many messages and bytes are about to be downloaded.
    func mailboxPlanned(account: String, mailbox: String, messages: Int, bytes: Int64)
    /// Called from worker threads as each message is committed to the store.
    func messageCommitted(account: String, mailbox: String, bytes: Int)
    func mailboxFinished(_ result: MailboxSyncResult)
    func warning(_ message: String)
}

/// An observer that ignores everything.
public final class SilentSyncObserver: SyncObserver {
    public init() {}
    public func accountStarted(_ account: String) {}
    public func mailboxPlanned(account: String, mailbox: String, messages: Int, bytes: Int64) {}
    public func messageCommitted(account: String, mailbox: String, bytes: Int) {}
    public func mailboxFinished(_ result: MailboxSyncResult) {}
    public func warning(_ message: String) {}
}
