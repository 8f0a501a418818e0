/// Why the server refused LOGIN / AUTHENTICATE, told apart from its words the way Google's help
/// articles do (DESIGN.md, "Authentication: what the user is told").
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
    /// Anything else.
    case other

    /// Classifies a failed LOGIN / AUTHENTICATE from its response code and text.
    public static func classify(code: ResponseCode?, text: String) -> AuthenticationFailure {
        let t = text.lowercased()
        if t.contains("application-specific password") || t.contains("app password") { return .appPasswordRequired }
        if t.contains("disabled for your domain") { return .imapDisabledForDomain }
        if t.contains("not enabled for imap") { return .imapDisabledByUser }
        if t.contains("web browser") || t.contains("web login required") { return .webLoginRequired }
        if case .other(let name, _)? = code, name == "WEBALERT" { return .webLoginRequired }
        if t.contains("too many simultaneous connections") || t.contains("too many connections")
            || t.contains("maximum number of connections") { return .tooManyConnections }
        if code == .authenticationFailed || t.contains("invalid credentials") { return .invalidCredentials }
        return .other
    }

    /// What the user should do, in one or two sentences.
    public var advice: String {
        switch self {
        case .appPasswordRequired:
            return "The regular Google password was used, and Google only accepts an app password here: turn on 2-Step Verification, create an app password at https://myaccount.google.com/apppasswords, and use its 16 letters."
        case .invalidCredentials:
            return "The server refused the user name or password. For Gmail, the app password is wrong or was revoked (changing the Google password revokes all of them): create a new app password and run `mailmirror account add` again."
        case .imapDisabledByUser:
            return "IMAP is turned off for this Gmail account: in Gmail, open Settings → See all settings → Forwarding and POP/IMAP, enable IMAP, then try again."
        case .imapDisabledForDomain:
            return "IMAP access is disabled for your organisation's domain: ask your Google Workspace administrator to allow IMAP for your account."
        case .webLoginRequired:
            return "Google wants a browser sign-in first: sign in to Gmail in a web browser on this network (complete any security check), then try again."
        case .tooManyConnections:
            return "Too many connections are open to this account (Gmail allows 15 in all, shared by every mail app): close other mail clients or use fewer connections, then try again."
        case .other:
            return "The server refused the login. Check the user name and password; work accounts may have app passwords disabled by the administrator, and Google accounts with Advanced Protection or security-key-only 2-Step Verification cannot use app passwords at all."
        }
    }

    /// True when waiting and retrying may succeed without the user doing anything.
    public var isTemporary: Bool { self == .tooManyConnections }
}
