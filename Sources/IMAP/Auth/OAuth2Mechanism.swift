import FoundationEssentials
import TextBasics

/// The SASL mechanisms that carry an OAuth 2.0 bearer token.
///
/// - OAUTHBEARER: RFC 7628 §3.1, `n,a=user,^Ahost=…^Aport=…^Aauth=Bearer TOKEN^A^A`.
/// - XOAUTH2: Google's own, `user=USER^Aauth=Bearer TOKEN^A^A`
///   (https://developers.google.com/gmail/imap/xoauth2-protocol).
///
///     C: A1 AUTHENTICATE XOAUTH2 dXNlcj1zb21ldXNlckBleGFtcGxlLmNvbQFhdXRoPUJlYXJlciB5YTI5LnZGOWRmdDRxbVRjMk52YjNSbGNrQmhkSFJoZG1semRHRXVZMjl0Q2cBAQ==
///     S: A1 OK Success
public enum OAuth2Mechanism: String, Sendable, Hashable, CaseIterable {
    case oauthBearer = "OAUTHBEARER"
    case xoauth2 = "XOAUTH2"

    /// The capability a server lists when it accepts this mechanism.
    public var capability: Capability { Capability("AUTH=" + rawValue) }

    /// OAUTHBEARER when the server offers it (the standard), else XOAUTH2 (Gmail), else nil.
    public static func preferred(in capabilities: Set<Capability>) -> OAuth2Mechanism? {
        allCases.first { capabilities.contains($0.capability) }
    }

    /// The client's first message, before base64.
    public func initialMessage(user: String, token: String, host: String, port: Int) -> [UInt8] {
        switch self {
        case .xoauth2:
            return Array("user=\(user)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8)
        case .oauthBearer:
            // RFC 7628 §3.1: the gs2 header names the authorization identity; "," and "=" in it are escaped (RFC 5801).
            let authzid = user.replacingAll("=", with: "=3D").replacingAll(",", with: "=2C")
            return Array("n,a=\(authzid),\u{1}host=\(host)\u{1}port=\(port)\u{1}auth=Bearer \(token)\u{1}\u{1}".utf8)
        }
    }

    /// What the client answers to the server's error challenge so that the server sends its tagged NO:
    /// a single ^A for OAUTHBEARER (RFC 7628 §3.2.3), an empty response for XOAUTH2 (Google's
    /// description). Already base64-encoded, without the line end.
    public var errorChallengeReply: String {
        switch self {
        case .oauthBearer: return "AQ=="
        case .xoauth2: return ""
        }
    }
}
