/// Bounds on what one server response may make us hold in memory.
public struct FramingLimits: Sendable, Hashable {
    /// Longest line (literal bytes excluded). Large enough for `* SEARCH` of about a million UIDs:
    /// servers without ESEARCH answer `UID SEARCH ALL` on one line.
    public var maxLineLength: Int
    /// Largest single literal (a message body). Gmail caps messages at 25 MB before encoding.
    public var maxLiteralSize: Int
    /// Largest whole response, lines and literals together.
    public var maxResponseSize: Int

    public init(maxLineLength: Int = 8 << 20, maxLiteralSize: Int = 64 << 20, maxResponseSize: Int = 96 << 20) {
        self.maxLineLength = maxLineLength
        self.maxLiteralSize = maxLiteralSize
        self.maxResponseSize = maxResponseSize
    }
}
