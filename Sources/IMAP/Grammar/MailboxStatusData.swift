import MailCore

/// The values a `* STATUS` response carries (RFC 9051 §7.2.4, RFC 7162 HIGHESTMODSEQ).
public struct MailboxStatusData: Hashable, Sendable {
    public var messages: UInt32?
    public var uidNext: UID?
    public var uidValidity: UIDValidity?
    public var unseen: UInt32?
    public var recent: UInt32?
    public var highestModSeq: ModSequence?
    public init() {}
}
