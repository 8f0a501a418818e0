/// What went wrong while getting a token, each with a sentence a person can act on. Never holds a
/// token, a code or a client secret: only the endpoint's own error words.
public enum OAuth2Error: Error, Sendable, Equatable, CustomStringConvertible {
    /// `invalid_grant`: the refresh token was revoked, expired (unused for six months, or the app is
    /// in "Testing" mode: seven days), or the Google password changed.
    case invalidGrant(description: String?)
    /// `invalid_client` / `unauthorized_client`: the client ID or secret is wrong or deleted.
    case invalidClient(description: String?)
    case invalidScope(description: String?)
    /// Any other OAuth error answer.
    case refused(host: String, status: Int, error: String?, description: String?)
    /// 5xx or 429: try again later.
    case serverUnavailable(host: String, status: Int)
    /// The answer is not what RFC 6749 describes (not JSON, no token).
    case badResponse(host: String, why: String)
    case timeout(host: String, seconds: Int)
    case network(host: String, detail: String)
    /// The endpoint's certificate could not be verified.
    case tls(host: String, detail: String)
    /// The user refused, or the authorization server returned an error to the redirect.
    case authorizationDenied(String)
    case authorizationTimedOut(seconds: Int)
    /// The redirect did not carry this request's state: possibly another site's request.
    case stateMismatch
    /// The loopback listener could not run.
    case loopback(String)

    public var description: String {
        switch self {
        case .invalidGrant(let d):
            return
                "the token endpoint refused the refresh token (invalid_grant\(d.map { ": \($0)" } ?? "")): the sign-in was revoked or has expired"
        case .invalidClient(let d):
            return
                "the token endpoint does not know this OAuth client (\(d ?? "invalid_client")): check --client-id and --client-secret-file against the Google Cloud console"
        case .invalidScope(let d):
            return
                "the token endpoint refused the scope (\(d ?? "invalid_scope")): the OAuth client must be allowed https://mail.google.com/"
        case .refused(let host, let status, let error, let d):
            return
                "\(host) refused the token request (HTTP \(status)\(error.map { ", \($0)" } ?? "")\(d.map { ": \($0)" } ?? ""))"
        case .serverUnavailable(let host, let status):
            return "\(host) is unavailable (HTTP \(status)); try again later"
        case .badResponse(let host, let why):
            return "\(host) answered the token request with something that is not a token: \(why)"
        case .timeout(let host, let seconds):
            return "\(host) did not answer the token request within \(seconds) seconds; try again later"
        case .network(let host, let detail):
            return "cannot reach \(host) (\(detail)); try again when the network is back"
        case .tls(let host, let detail):
            return "the certificate of \(host) could not be verified (\(detail))"
        case .authorizationDenied(let why):
            return "the authorization was not granted (\(why))"
        case .authorizationTimedOut(let seconds):
            return "no answer came back from the browser within "
                + (seconds >= 120 ? "\(seconds / 60) minutes" : "\(seconds) seconds")
        case .stateMismatch:
            return "the browser came back with an answer to another request (state mismatch); start again"
        case .loopback(let why):
            return "cannot receive the browser's answer on 127.0.0.1: \(why)"
        }
    }

    /// True when retrying later may succeed without the user doing anything.
    public var isTemporary: Bool {
        switch self {
        case .serverUnavailable, .timeout, .network: return true
        default: return false
        }
    }

    /// Server words end up on the terminal: at most 200 printable characters.
    static func printable(_ text: String) -> String {
        String(
            String(
                text.unicodeScalars.map {
                    $0.value < 0x20 || (0x7F...0x9F).contains($0.value) ? "\u{FFFD}" : Character($0)
                }
            ).prefix(200))
    }
}
