import IMAP
import OAuth2

/// An OAuth 2.0 sign-in that failed, told apart as the app-password failures are, each with the
/// one thing to do. Holds no token: only the account, the endpoint's or server's words, and the
/// references the user configured.
public enum OAuth2SignInError: Error, Sendable, Equatable {
    /// `account add --oauth2` was never followed by `account authorize`.
    case notAuthorized(account: String)
    /// The token command failed or printed nothing.
    case tokenCommand(account: String, why: String)
    /// The refresh token or the client secret cannot be read.
    case unreadable(account: String, why: String)
    /// The token endpoint refused or could not be reached.
    case tokenEndpoint(account: String, OAuth2Error)
    /// The IMAP server refused the access token.
    case refused(account: String, failure: AuthenticationFailure, serverText: String, viaTokenCommand: Bool)
    /// `account authorize` failed before a refresh token was stored.
    case authorization(account: String, OAuth2Error)
    /// The token endpoint answered the code exchange without a refresh token.
    case noRefreshToken(account: String)

    public var message: String {
        switch self {
        case .notAuthorized(let account):
            return
                "account \(account) signs in with OAuth 2.0 but is not authorized yet: run `mailmirror account authorize \(account) --client-id ID --client-secret-file FILE`"
        case .tokenCommand(_, let why):
            return
                "cannot get an OAuth 2.0 access token: \(why); fix the --oauth2-token-command (it must print a fresh access token)"
        case .unreadable(_, let why):
            return "\(why)"
        case .tokenEndpoint(let account, let error):
            switch error {
            case .invalidGrant:
                return
                    "\(error.description). Run `mailmirror account authorize \(account) --client-id ID --client-secret-file FILE` again to sign in anew (see README, \"Signing in with OAuth 2.0\")."
            case .invalidScope:
                return "\(error.description); then run `mailmirror account authorize \(account)` again."
            default:
                return "cannot get an OAuth 2.0 access token: \(error.description)"
            }
        case .refused(let account, let failure, let text, let viaTokenCommand):
            let said = text.isEmpty ? "" : " (the server said: “\(text)”)"
            switch failure {
            case .tokenRejected, .invalidCredentials:
                return "the server refused the OAuth 2.0 access token as expired or revoked\(said). "
                    + (viaTokenCommand
                        ? "Check that the --oauth2-token-command prints a fresh access token for \(account)'s address (re-run the helper's own authorization if it has one)."
                        : "Run `mailmirror account authorize \(account) --client-id ID --client-secret-file FILE` again.")
            case .insufficientScope:
                return
                    "the OAuth 2.0 access token does not allow IMAP\(said): it needs the scope https://mail.google.com/. "
                    + (viaTokenCommand
                        ? "Make the token command ask for that scope."
                        : "Run `mailmirror account authorize \(account)` again with a client allowed that scope.")
            default:
                return "login refused\(said). \(failure.advice)"
            }
        case .authorization(_, let error):
            return "the authorization failed: \(error.description)"
        case .noRefreshToken(let account):
            return
                "the token endpoint gave no refresh token, so mailmirror could not sign in on its own later; remove mailmirror's access at https://myaccount.google.com/permissions and run `mailmirror account authorize \(account)` again"
        }
    }

    /// Only a network or server hiccup is worth retrying unchanged.
    public var isTemporary: Bool {
        switch self {
        case .tokenEndpoint(_, let error), .authorization(_, let error): return error.isTemporary
        case .refused(_, let failure, _, _): return failure.isTemporary
        default: return false
        }
    }
}

extension OAuth2SignInError: ClassifiedFailure {
    public var scope: FailureScope { .account }
    public var userMessage: String { message }
}
