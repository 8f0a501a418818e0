/// Why the server refused LOGIN / AUTHENTICATE, told apart from its words the way Google's help
/// article on app passwords does: each case names what the server says and what the user is told.
///
/// Classification reads the response code and the server's text only; the advice never contains
/// the password because it is built from fixed sentences.
public enum AuthenticationFailure: String, Sendable, Hashable, CaseIterable {
    /// `NO [ALERT] Application-specific password required…`: the regular Google password was used.
    case appPasswordRequired
    /// `NO [AUTHENTICATIONFAILED] Invalid credentials`: wrong or revoked (app) password.
    case invalidCredentials
    /// `[ALERT] Your account is not enabled for IMAP use…`.
    case imapDisabledByUser
    /// `[ALERT] IMAP access is disabled for your domain…` (Google Workspace admin).
    case imapDisabledForDomain
    /// `[ALERT] Please log in via your web browser…` / `[WEBALERT …] Web login required`.
    case webLoginRequired
    /// `[ALERT] Too many simultaneous connections.`
    case tooManyConnections
    /// An OAuth 2.0 access token the server refused (expired, revoked, or for another user):
    /// the error challenge said 401 / `invalid_token`, or the tagged NO said invalid credentials.
    case tokenRejected
    /// An OAuth 2.0 access token without the scope IMAP needs (`https://mail.google.com/` for Gmail).
    case insufficientScope
    /// Anything else.
    case other

    /// Classifies a failed LOGIN / AUTHENTICATE from its response code and text.
    ///
    /// For an OAuth 2.0 sign-in, see `classifyOAuth2`: there "invalid credentials" means the token.
    public static func classify(code: ResponseCode?, text: String) -> AuthenticationFailure {
        let t = text.lowercased()
        if t.contains("application-specific password") || t.contains("app password") { return .appPasswordRequired }
        if t.contains("disabled for your domain") { return .imapDisabledForDomain }
        if t.contains("not enabled for imap") { return .imapDisabledByUser }
        if t.contains("web browser") || t.contains("web login required") { return .webLoginRequired }
        if case .other(let name, _)? = code, name == "WEBALERT" { return .webLoginRequired }
        if t.contains("too many simultaneous connections") || t.contains("too many connections")
            || t.contains("maximum number of connections")
        {
            return .tooManyConnections
        }
        if code == .authenticationFailed || t.contains("invalid credentials") { return .invalidCredentials }
        return .other
    }

    /// Classifies a failed OAuth 2.0 AUTHENTICATE: the error challenge, when the server sent one, says
    /// what was wrong with the token; a server's own words about IMAP being off (or too many
    /// connections) still win, and a plain "invalid credentials" means the token was refused.
    public static func classifyOAuth2(code: ResponseCode?, text: String, challenge: OAuth2ErrorChallenge?)
        -> AuthenticationFailure
    {
        let fromText = classify(code: code, text: text)
        switch fromText {
        case .imapDisabledByUser, .imapDisabledForDomain, .webLoginRequired, .tooManyConnections: return fromText
        case .appPasswordRequired, .invalidCredentials, .other, .tokenRejected, .insufficientScope: break
        }
        if let challenge, challenge.failure != .other { return challenge.failure }
        if text.lowercased().contains("scope") { return .insufficientScope }
        // A refused token draws an error challenge or "invalid credentials"; anything else stays unexplained.
        return fromText == .other && challenge == nil ? .other : .tokenRejected
    }

    /// What the user should do, in one or two sentences.
    public var advice: String {
        switch self {
        case .appPasswordRequired:
            return
                "The regular Google password was used, and Google only accepts an app password here: turn on 2-Step Verification, create an app password at https://myaccount.google.com/apppasswords, and use its 16 letters."
        case .invalidCredentials:
            return
                "The server refused the user name or password. For Gmail, the app password is wrong or was revoked (changing the Google password revokes all of them): create a new app password and run `mailmirror account add` again."
        case .imapDisabledByUser:
            return
                "IMAP is turned off for this Gmail account: in Gmail, open Settings → See all settings → Forwarding and POP/IMAP, enable IMAP, then try again."
        case .imapDisabledForDomain:
            return
                "IMAP access is disabled for your organisation's domain: ask your Google Workspace administrator to allow IMAP for your account."
        case .webLoginRequired:
            return
                "Google wants a browser sign-in first: sign in to Gmail in a web browser on this network (complete any security check), then try again."
        case .tokenRejected:
            return
                "The server refused the OAuth 2.0 access token (expired or revoked): mailmirror gets a fresh one at every run, so the sign-in itself needs renewing; run `mailmirror account authorize` for the account again, or check that its --oauth2-token-command prints a fresh access token."
        case .insufficientScope:
            return
                "The OAuth 2.0 access token does not allow IMAP: it must be granted the scope https://mail.google.com/ (and the OAuth client must be allowed to ask for it); run `mailmirror account authorize` for the account again, or fix the scope its token command asks for."
        case .tooManyConnections:
            return
                "Too many connections are open to this account (Gmail allows 15 in all, shared by every mail app): close other mail clients or use fewer connections, then try again."
        case .other:
            return
                "The server refused the login. Check the user name and password; work accounts may have app passwords disabled by the administrator, and Google accounts with Advanced Protection or security-key-only 2-Step Verification cannot use app passwords at all."
        }
    }

    /// True when waiting and retrying may succeed without the user doing anything.
    public var isTemporary: Bool { self == .tooManyConnections }
}
