import MailCore

/// Receives each message the sync downloads, to catalogue and index it: `read` on the commit worker
/// while its bytes are in memory, `record` once the message is durable in the store (the catalog never
/// names a message the store may lose). Called from worker threads; implementations serialise what they must.
public protocol MessageIngest: AnyObject {
    func read(key: MessageKey, message: RemoteMessage) -> IngestedMessage
    func record(_ message: IngestedMessage)
    /// Called once a mailbox's downloads are all committed: flush batches to disk.
    func flush() throws
}

extension MessageIngest {
    /// `read` and `record` at once, for a message already in the store.
    public func ingest(key: MessageKey, message: RemoteMessage) {
        record(read(key: key, message: message))
    }
}

/// What `MessageIngest.read` made of a message, waiting for the message to be durable.
public struct IngestedMessage: Sendable {
    public var summary: MessageSummary

    public init(summary: MessageSummary) {
        self.summary = summary
    }
}
