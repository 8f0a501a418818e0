import MailCore

/// RFC822.SIZE and INTERNALDATE of one message, fetched before its body to plan downloads.
public struct MessageSize: Sendable, Hashable {
    public var uid: UID
    public var size: Int64
    public var internalDate: Int64?
}
