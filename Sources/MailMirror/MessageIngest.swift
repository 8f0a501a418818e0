import MailCore

/// Receives each message as soon as it is safely in the store, to catalogue and index it.
/// Called from worker threads; implementations serialise what they must.
public protocol MessageIngest: AnyObject {
    func ingest(key: MessageKey, message: RemoteMessage)
    /// Called once a mailbox's downloads are all committed: flush batches to disk.
    func flush() throws
}
