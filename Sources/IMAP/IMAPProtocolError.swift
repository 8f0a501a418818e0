/// The server sent something we cannot accept: too large, cut short, or not IMAP.
///
/// Never carries more than a short, escaped excerpt of what the server sent.
public enum IMAPProtocolError: Error, Sendable, Hashable, CustomStringConvertible {
    case lineTooLong(limit: Int)
    case literalTooLarge(size: UInt64, limit: Int)
    case responseTooLarge(limit: Int)
    /// The response does not follow the grammar; `expected` says what the parser wanted, `excerpt`
    /// is an escaped piece of the line around the problem.
    case malformed(expected: String, excerpt: String)
    /// The server answered something that does not fit the conversation (unknown tag, missing data).
    case unexpected(String)

    public var description: String {
        switch self {
        case .lineTooLong(let limit):
            return "The server sent a line longer than \(limit) bytes; it is not behaving like an IMAP server."
        case .literalTooLarge(let size, let limit):
            let shown = size == UInt64.max ? "an impossible size" : "\(size) bytes"
            return "The server announced a literal of \(shown), above the \(limit)-byte limit; refusing to read it."
        case .responseTooLarge(let limit):
            return "The server sent a response larger than \(limit) bytes; refusing to buffer it."
        case .malformed(let expected, let excerpt):
            return "The server sent a response we cannot parse (expected \(expected) near “\(excerpt)”)."
        case .unexpected(let what):
            return "The server answered out of turn: \(what)."
        }
    }
}
