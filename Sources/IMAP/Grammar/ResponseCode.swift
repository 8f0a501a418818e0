import MailCore

/// The bracketed code that may open a status response's text (RFC 9051 §7.1, RFC 5530, RFC 7162,
/// and Gmail's `[THROTTLED]`), e.g. `* OK [UIDVALIDITY 3857529045] UIDs valid`.
public enum ResponseCode: Hashable, Sendable {
    case alert
    case authenticationFailed
    case authorizationFailed
    case unavailable
    case expired
    case privacyRequired
    case contactAdmin
    case limit
    case overQuota
    case throttled
    case inUse
    case serverBug
    case readOnly
    case readWrite
    case noModSeq
    case tryCreate
    case nonExistent
    case uidValidity(UIDValidity)
    case uidNext(UID)
    case highestModSeq(ModSequence)
    case unseen(UInt32)
    case capability([Capability])
    case permanentFlags([Flag])
    /// Any other code, with its name upper-cased and its raw argument text.
    case other(name: String, arguments: String?)

    /// True when the server signals a temporary condition worth retrying later.
    public var isTemporary: Bool {
        switch self {
        case .unavailable, .throttled, .inUse, .limit, .overQuota: return true
        default: return false
        }
    }
}
