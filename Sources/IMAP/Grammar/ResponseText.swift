/// The human text of a status response and its optional code (RFC 9051 §7.1 `resp-text`).
public struct ResponseText: Hashable, Sendable, CustomStringConvertible {
    public var code: ResponseCode?
    public var text: String
    public init(code: ResponseCode? = nil, text: String) {
        self.code = code
        self.text = text
    }
    public var description: String { text }
}
