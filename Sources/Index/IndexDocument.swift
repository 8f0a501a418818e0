import MailCore

/// What the index takes for one message: its catalog summary and its full decoded text.
public struct IndexDocument: Sendable {
    public var summary: MessageSummary
    /// The whole decoded text, quoted history included (`summary.replyText` is the new part).
    public var bodyText: String

    public init(summary: MessageSummary, bodyText: String) {
        self.summary = summary
        self.bodyText = bodyText
    }
}
