/// A parameter of Content-Type or Content-Disposition, name lower-cased, value decoded
/// (RFC 2231 continuations and charsets, RFC 2047 words inside quotes).
public struct MIMEParameter: Sendable, Hashable {
    public var name: String
    public var value: String
}
