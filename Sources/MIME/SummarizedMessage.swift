import MailCore

/// A catalog summary plus the full decoded text (for the search index and `show`).
public struct SummarizedMessage: Sendable {
    public var summary: MessageSummary
    /// The whole readable body: text/plain parts, else the HTML converted to text.
    public var bodyText: String

    public init(summary: MessageSummary, bodyText: String) {
        self.summary = summary
        self.bodyText = bodyText
    }
}
