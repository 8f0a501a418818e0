import FoundationEssentials
import TextBasics

/// The JSON a server sends in a `+` continuation when it refuses an OAuth 2.0 token
/// (RFC 7628 §3.2.2; Google sends the same shape for XOAUTH2).
///
///     S: + eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiYmVhcmVyIiwic2NvcGUiOiJodHRwczovL21haWwuZ29vZ2xlLmNvbS8ifQ==
///     (base64 of {"status":"401","schemes":"bearer","scope":"https://mail.google.com/"})
///
/// The client must answer it (`OAuth2Mechanism.errorChallengeReply`) and then read the tagged NO.
public struct OAuth2ErrorChallenge: Sendable, Hashable {
    /// RFC 6750 error code (`invalid_token`, `insufficient_scope`, `invalid_request`) or, from Google,
    /// an HTTP status (`401`, `400`).
    public var status: String
    /// The scope the server requires, when it says so.
    public var scope: String?

    public init(status: String, scope: String? = nil) {
        self.status = status
        self.scope = scope
    }

    /// Parses the continuation text; nil when it is not base64 of a JSON object with a status.
    public init?(base64 text: String) {
        let trimmed = text.trimmed(.whitespaces)
        guard let data = Data(base64Encoded: trimmed),
            let object = JSONTree.parse(data)?.object,
            let status = object["status"]?.string ?? object["status"]?.numberText
        else { return nil }
        self.status = status
        self.scope = object["scope"]?.string
    }

    /// What the refusal means for the user.
    public var failure: AuthenticationFailure {
        switch status.lowercased() {
        case "401", "invalid_token": return .tokenRejected
        case "403", "insufficient_scope": return .insufficientScope
        // Google answers 400 when the token was issued for other scopes.
        case "400", "invalid_request": return scope == nil ? .other : .insufficientScope
        default: return .other
        }
    }
}
