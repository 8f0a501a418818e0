import MailCore

/// One attribute in a FETCH response (RFC 9051 §7.5.2, RFC 7162 MODSEQ, Gmail's X-GM-*).
public enum FetchAttribute: Hashable, Sendable {
    case uid(UID)
    case flags([Flag])
    case rfc822Size(Int64)
    /// INTERNALDATE as seconds since 1970-01-01 UTC.
    case internalDate(Int64)
    /// `BODY[section]` (section empty for the whole message); nil bytes for NIL.
    case body(section: String, bytes: [UInt8]?)
    case modSeq(ModSequence)
    case gmailMessageId(UInt64)
    case gmailThreadId(UInt64)
    case gmailLabels([String])
    /// An attribute we skip (ENVELOPE, BODYSTRUCTURE, …), by name.
    case other(String)
}
