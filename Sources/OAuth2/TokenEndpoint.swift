/// The token endpoint of an installed application (RFC 6749 §4.1.3 and §6): trades the
/// authorization code for a refresh token once, then the refresh token for an access token at
/// every sync. Google asks installed applications for their client secret too (it is not secret
/// in their sense, but it is kept by reference all the same).
public struct TokenEndpoint: Sendable {
    public var endpoints: OAuth2Endpoints
    public var clientID: String
    public var clientSecret: String
    public var timeoutSeconds: Int

    public init(endpoints: OAuth2Endpoints, clientID: String, clientSecret: String, timeoutSeconds: Int = 30) {
        self.endpoints = endpoints
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.timeoutSeconds = timeoutSeconds
    }

    /// The form of a code exchange (RFC 6749 §4.1.3, RFC 7636 §4.5).
    public func exchangeForm(code: String, redirectURI: String, verifier: String) -> String {
        FormEncoding.encode([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI),
            ("client_id", clientID), ("client_secret", clientSecret), ("code_verifier", verifier),
        ])
    }

    /// The form of a refresh (RFC 6749 §6).
    public func refreshForm(refreshToken: String) -> String {
        FormEncoding.encode([
            ("grant_type", "refresh_token"), ("refresh_token", refreshToken),
            ("client_id", clientID), ("client_secret", clientSecret),
        ])
    }

    public func exchange(code: String, redirectURI: String, verifier: String) throws(OAuth2Error) -> TokenResponse {
        try post(exchangeForm(code: code, redirectURI: redirectURI, verifier: verifier))
    }

    public func refresh(refreshToken: String) throws(OAuth2Error) -> TokenResponse {
        try post(refreshForm(refreshToken: refreshToken))
    }

    private func post(_ form: String) throws(OAuth2Error) -> TokenResponse {
        let request = HTTPSPost(url: endpoints.tokenURL, caFile: endpoints.caFile, timeoutSeconds: timeoutSeconds)
        let (status, body) = try request.send(form: form)
        return try TokenResponse.parse(status: status, body: body, host: request.host)
    }
}
