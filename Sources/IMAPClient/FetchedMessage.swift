import IMAP
import MailCore

/// One message as downloaded: the exact bytes the server sent and what it said about them.
public struct FetchedMessage: Sendable, Hashable {
    public var uid: UID
    public var flags: [Flag]
    /// RFC822.SIZE, or the body's length when the server did not send it.
    public var size: Int64
    /// INTERNALDATE in seconds since 1970 (UTC).
    public var internalDate: Int64?
    public var modSeq: ModSequence?
    public var gmailMessageId: UInt64?
    public var gmailThreadId: UInt64?
    public var labels: [String]
    public var body: [UInt8]

    /// The metadata MIME and the catalog take, for this message in `mailbox`.
    public func metadata(account: String, mailbox: String, uidValidity: UIDValidity) -> FetchedMetadata {
        FetchedMetadata(
            key: MessageKey(account: account, mailbox: mailbox, uidValidity: uidValidity, uid: uid),
            internalDate: internalDate, size: Int(size), flags: flags,
            gmailMessageId: gmailMessageId, gmailThreadId: gmailThreadId, labels: labels)
    }
}
