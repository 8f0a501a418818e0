/// What the server said about a message besides its bytes, as handed to MIME to
/// build a `MessageSummary`.
public struct FetchedMetadata: Hashable, Sendable, Codable {
    public var key: MessageKey
    /// INTERNALDATE, seconds since 1970; the fallback when the Date header is missing or broken.
    public var internalDate: Int64?
    public var size: Int
    public var flags: [Flag]
    public var gmailMessageId: UInt64?
    public var gmailThreadId: UInt64?
    public var labels: [String]

    public init(
        key: MessageKey, internalDate: Int64? = nil, size: Int, flags: [Flag] = [],
        gmailMessageId: UInt64? = nil, gmailThreadId: UInt64? = nil, labels: [String] = []
    ) {
        self.key = key
        self.internalDate = internalDate
        self.size = size
        self.flags = flags
        self.gmailMessageId = gmailMessageId
        self.gmailThreadId = gmailThreadId
        self.labels = labels
    }
}
