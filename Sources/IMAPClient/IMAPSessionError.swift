import IMAP

/// What went wrong in a session, each case with a sentence for the user and whether waiting and
/// retrying may help. Server text inside is scrubbed of the password before it gets here.
public enum IMAPSessionError: Error, Sendable, CustomStringConvertible {
    case connection(IMAPConnectionError)
    case authentication(AuthenticationFailure, serverText: String)
    /// The server disables LOGIN and offers no mechanism we speak.
    case noUsableLoginMechanism(host: String)
    /// The account signs in with OAuth 2.0 but the server offers neither OAUTHBEARER nor XOAUTH2.
    case noOAuth2Mechanism(host: String)
    /// Gmail's `[THROTTLED]`: too much traffic; back off.
    case throttled(serverText: String)
    /// Gmail's `NO [OVERQUOTA]`: the daily download budget is used up.
    case overQuota(serverText: String)
    /// Untagged BYE: the server ended the session (Gmail: "Session expired").
    case serverClosed(serverText: String)
    /// `[UNAVAILABLE]` / `[INUSE]` / `[LIMIT]`: a temporary server-side condition.
    case serverBusy(serverText: String)
    /// The command failed for another reason (e.g. EXAMINE of a missing mailbox).
    case commandFailed(command: String, status: ResponseStatus, serverText: String)
    case protocolViolation(IMAPProtocolError)
    /// A previous failure left the connection unusable; open a new session.
    case sessionUnusable

    public var description: String {
        switch self {
        case .connection(let error): return error.description
        case .authentication(let failure, let text):
            return "Login refused" + (text.isEmpty ? "." : " (the server said: “\(text)”).") + " " + failure.advice
        case .noUsableLoginMechanism(let host):
            return "The server \(host) disables LOGIN and offers no AUTHENTICATE mechanism mailmirror speaks (PLAIN)."
        case .noOAuth2Mechanism(let host):
            return
                "The server \(host) offers no OAuth 2.0 sign-in (neither AUTH=OAUTHBEARER nor AUTH=XOAUTH2): add the account with a password instead (--password-file)."
        case .throttled(let text):
            return
                "The server is throttling this account (“\(text)”): the sync stops here and resumes where it left off on the next run."
        case .overQuota(let text):
            return
                "The server's download quota is used up (“\(text)”; Gmail allows about 2,500 MB a day): the sync resumes where it left off tomorrow."
        case .serverClosed(let text):
            return "The server ended the session (“\(text)”): the sync resumes where it left off on the next run."
        case .serverBusy(let text):
            return "The server is temporarily unavailable (“\(text)”): try again later."
        case .commandFailed(let command, let status, let text):
            return "The server answered \(status.rawValue) to \(command): “\(text)”."
        case .protocolViolation(let error): return error.description
        case .sessionUnusable:
            return "The connection is no longer usable after an earlier error; a new connection is needed."
        }
    }

    /// True when retrying later (a new connection, after a pause) may succeed unchanged.
    public var isTemporary: Bool {
        switch self {
        case .connection(let e): return e.isTemporary
        case .authentication(let f, _): return f.isTemporary
        case .throttled, .overQuota, .serverClosed, .serverBusy, .sessionUnusable: return true
        case .noUsableLoginMechanism, .noOAuth2Mechanism, .commandFailed, .protocolViolation: return false
        }
    }
}
