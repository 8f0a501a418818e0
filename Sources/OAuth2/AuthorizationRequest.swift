/// The URL the user opens to let mailmirror read the mailbox: Google's installed-application flow
/// (https://developers.google.com/identity/protocols/oauth2/native-app) with a loopback redirect
/// and PKCE.
public struct AuthorizationRequest: Sendable {
    public var endpoints: OAuth2Endpoints
    public var clientID: String
    public var redirectURI: String
    public var scope: String
    public var pkce: PKCE
    /// Ties the redirect to this request (RFC 6749 §10.12).
    public var state: String
    /// Pre-fills the account chooser.
    public var loginHint: String?

    public init(
        endpoints: OAuth2Endpoints, clientID: String, redirectURI: String, scope: String = OAuth2Endpoints.gmailScope,
        pkce: PKCE, state: String, loginHint: String? = nil
    ) {
        self.endpoints = endpoints
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.scope = scope
        self.pkce = pkce
        self.state = state
        self.loginHint = loginHint
    }

    /// `access_type=offline` and `prompt=consent` make Google return a refresh token every time,
    /// even when the user had authorized this client before.
    public var url: String {
        var fields: [(String, String)] = [
            ("client_id", clientID), ("redirect_uri", redirectURI), ("response_type", "code"), ("scope", scope),
            ("code_challenge", pkce.challenge), ("code_challenge_method", pkce.method), ("state", state),
            ("access_type", "offline"), ("prompt", "consent"),
        ]
        if let loginHint { fields.append(("login_hint", loginHint)) }
        let separator = endpoints.authorizationURL.contains("?") ? "&" : "?"
        return endpoints.authorizationURL + separator + FormEncoding.encode(fields)
    }
}
