import TextBasics

/// A successful answer of the token endpoint (RFC 6749 §5.1).
///
///     {"access_token":"ya29…","expires_in":3599,"refresh_token":"1//0g…","scope":"https://mail.google.com/","token_type":"Bearer"}
public struct TokenResponse: Sendable {
    public var accessToken: String
    /// Only in the answer to a code exchange (and when the server rotates it).
    public var refreshToken: String?
    public var expiresIn: Int?
    public var scope: String?

    public init(accessToken: String, refreshToken: String? = nil, expiresIn: Int? = nil, scope: String? = nil) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresIn = expiresIn
        self.scope = scope
    }

    /// Reads the endpoint's answer: a token on 200, else the OAuth error it names (§5.2).
    /// Errors never quote the body: on success it holds tokens.
    public static func parse(status: Int, body: [UInt8], host: String) throws(OAuth2Error) -> TokenResponse {
        let object = JSONTree.parse(body)?.object
        if status == 200 {
            guard let object else { throw .badResponse(host: host, why: "its answer is not JSON") }
            guard let token = object["access_token"]?.string, !token.isEmpty else {
                throw .badResponse(host: host, why: "its answer has no access_token")
            }
            if let type = object["token_type"]?.string, type.lowercased() != "bearer" {
                throw .badResponse(
                    host: host, why: "it issued a \(OAuth2Error.printable(type)) token, not a Bearer token")
            }
            let expires = object["expires_in"]?.int
            return TokenResponse(
                accessToken: token, refreshToken: object["refresh_token"]?.string,
                expiresIn: expires, scope: object["scope"]?.string)
        }
        let code = object?["error"]?.string
        let description = object?["error_description"]?.string.map(OAuth2Error.printable)
        switch code {
        case "invalid_grant"?: throw .invalidGrant(description: description)
        case "invalid_client"?, "unauthorized_client"?: throw .invalidClient(description: description)
        case "invalid_scope"?: throw .invalidScope(description: description)
        default:
            if status >= 500 || status == 429 { throw .serverUnavailable(host: host, status: status) }
            throw .refused(host: host, status: status, error: code.map(OAuth2Error.printable), description: description)
        }
    }
}
