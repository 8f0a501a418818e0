/// A mailbox name exactly as the server spells it on the wire (RFC 9051 §5.1): usually modified
/// UTF-7, UTF-8 after `ENABLE UTF8=ACCEPT`, and from a hostile server anything at all.
///
/// Commands send these bytes back unchanged, so a name we could not decode still works.
public struct MailboxName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let bytes: [UInt8]
    public init(bytes: [UInt8]) {
        // INBOX is case-insensitive (RFC 9051 §5.1).
        if bytes.count == 5, String(decoding: bytes, as: UTF8.self).uppercased() == "INBOX" {
            self.bytes = Array("INBOX".utf8)
        } else {
            self.bytes = bytes
        }
    }
    /// A name given as text by a person (`--mailbox "Boîte envoyée"`), encoded in modified UTF-7.
    public init(_ displayName: String) {
        self.init(bytes: Array(ModifiedUTF7.encode(displayName).utf8))
    }
    public static let inbox = MailboxName(bytes: Array("INBOX".utf8))

    /// The name a person reads: modified UTF-7 decoded; otherwise UTF-8 (as `UTF8=ACCEPT` servers
    /// send); otherwise the bytes with invalid sequences replaced.
    public var displayName: String {
        if bytes.allSatisfy({ $0 < 0x80 }), let decoded = ModifiedUTF7.decode(String(decoding: bytes, as: UTF8.self)) {
            return decoded
        }
        return String(decoding: bytes, as: UTF8.self)
    }
    /// The wire form as text (lossy only for invalid UTF-8).
    public var rawString: String { String(decoding: bytes, as: UTF8.self) }
    public var description: String { displayName }
    public static func < (a: MailboxName, b: MailboxName) -> Bool { a.bytes.lexicographicallyPrecedes(b.bytes) }
}
