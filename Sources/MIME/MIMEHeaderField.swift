/// One header field as it appeared: its name and its raw value bytes, unfolded (line breaks
/// removed, the whitespace after them kept), undecoded.
public struct MIMEHeaderField: Sendable, Hashable {
    public var name: String
    public var rawValue: [UInt8]

    public init(name: String, rawValue: [UInt8]) {
        self.name = name
        self.rawValue = rawValue
    }

    /// The value as display text: RFC 2047 decoded, whitespace collapsed.
    public var value: String { EncodedWords.decode(rawValue) }
}
