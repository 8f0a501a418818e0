import MailCore

/// Every command mailmirror can send, and nothing else (RFC 9051 §6).
///
/// The mirror is read-only by construction: there is no case for SELECT, STORE, EXPUNGE, APPEND,
/// COPY, MOVE or DELETE, so no code path can change the server's mailbox.
public enum Command: Sendable, Hashable {
    case capability
    case noop
    case logout
    /// `ID (...)` (RFC 2971); nil sends `ID NIL`.
    case id([IDParameter]?)
    case login(user: String, password: String)
    /// SASL PLAIN (RFC 4616); `initialResponse` sends it on the command line (SASL-IR, RFC 4959).
    case authenticatePlain(user: String, password: String, initialResponse: Bool)
    /// SASL OAUTHBEARER (RFC 7628) or XOAUTH2 (Google) with an access token; `initialResponse`
    /// sends the client's message on the command line (SASL-IR).
    case authenticateOAuth2(
        OAuth2Mechanism, user: String, token: String, host: String, port: Int, initialResponse: Bool)
    case enable([Capability])
    /// `LIST "" "*"`, with `RETURN (SPECIAL-USE)` (RFC 6154) when the server supports it.
    case list(reference: MailboxName, pattern: MailboxName, returnSpecialUse: Bool)
    case status(MailboxName, [StatusItem])
    /// Opens a mailbox read-only; `condStore` adds `(CONDSTORE)` (RFC 7162 §3.1.8).
    case examine(MailboxName, condStore: Bool)
    /// `UID FETCH set (items) [(CHANGEDSINCE n)]`.
    case uidFetch(UIDSet, [FetchItem], changedSince: ModSequence?)
    /// `UID SEARCH ALL`, or `UID SEARCH RETURN (ALL) ALL` with ESEARCH (RFC 4731).
    case uidSearchAll(extended: Bool)

    /// True for commands whose arguments are secrets: tracing shows only their name.
    public var isSensitive: Bool {
        switch self {
        case .login, .authenticatePlain, .authenticateOAuth2: return true
        default: return false
        }
    }
}
