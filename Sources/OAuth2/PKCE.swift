import FoundationEssentials
import TextBasics

/// Proof Key for Code Exchange (RFC 7636) with the S256 method: the authorization request carries
/// the challenge, the code exchange the verifier, so a code intercepted on the way to the loopback
/// redirect is useless to anyone else.
public struct PKCE: Sendable {
    /// 43 to 128 characters from the unreserved set (RFC 7636 §4.1).
    public let verifier: String
    /// BASE64URL(SHA256(verifier)) without padding (§4.2).
    public var challenge: String { Self.base64URL(SHA256.hash(Array(verifier.utf8))) }
    public let method = "S256"

    public init(verifier: String) { self.verifier = verifier }

    /// A fresh verifier from the system's random source: 32 random bytes, 43 characters.
    public static func random() -> PKCE {
        var generator = SystemRandomNumberGenerator()
        return PKCE(verifier: base64URL((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingAll("+", with: "-").replacingAll("/", with: "_").replacingAll("=", with: "")
    }
}
