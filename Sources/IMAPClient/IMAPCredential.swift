import IMAP

/// What a session signs in with. Held only for the login; never traced.
public enum IMAPCredential: Sendable {
    /// LOGIN or AUTHENTICATE PLAIN.
    case password(String)
    /// AUTHENTICATE OAUTHBEARER or XOAUTH2 with an access token; `mechanism` nil picks the
    /// server's best (`OAuth2Mechanism.preferred`).
    case oauth2(accessToken: String, mechanism: OAuth2Mechanism? = nil)
}
