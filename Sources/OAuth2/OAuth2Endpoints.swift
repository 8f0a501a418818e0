/// Where the authorization and token requests go: Google's, unless a test points them elsewhere.
public struct OAuth2Endpoints: Sendable, Hashable {
    public var authorizationURL: String
    public var tokenURL: String
    /// A PEM bundle to trust for the token endpoint instead of the system's (tests only).
    public var caFile: String?

    public static let google = OAuth2Endpoints(
        authorizationURL: "https://accounts.google.com/o/oauth2/v2/auth",
        tokenURL: "https://oauth2.googleapis.com/token")

    /// The scope Gmail's IMAP needs (https://developers.google.com/gmail/imap/xoauth2-protocol).
    public static let gmailScope = "https://mail.google.com/"

    public init(authorizationURL: String, tokenURL: String, caFile: String? = nil) {
        self.authorizationURL = authorizationURL
        self.tokenURL = tokenURL
        self.caFile = caFile
    }

    /// Google's endpoints, each overridable for tests by `MAILMIRROR_OAUTH2_AUTH_URL`,
    /// `MAILMIRROR_OAUTH2_TOKEN_URL` and `MAILMIRROR_OAUTH2_CA_FILE`.
    public static func fromEnvironment(_ environment: [String: String]) -> OAuth2Endpoints {
        func value(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        return OAuth2Endpoints(
            authorizationURL: value("MAILMIRROR_OAUTH2_AUTH_URL") ?? google.authorizationURL,
            tokenURL: value("MAILMIRROR_OAUTH2_TOKEN_URL") ?? google.tokenURL,
            caFile: value("MAILMIRROR_OAUTH2_CA_FILE"))
    }
}
