import FoundationEssentials
import MailCore

/// Where a report reads back what it does not hold: the whole record of a message, by the position the
/// message was added with (`ReportInput.add`). A report keeps a few fixed-size facts per message and reads
/// texts (reply text, subject, Message-ID) only for the messages it shows or learns topics on.
public protocol ReportTextSource: AnyObject {
    /// The messages at `positions`, in that order (nil where one cannot be read).
    func summaries(at positions: [Int]) -> [MessageSummary?]
}

/// Summaries held in memory, their positions their indices: what `ReportGenerator.generate(messages:)` and
/// the tests read.
public final class InMemoryTextSource: ReportTextSource {
    let messages: [MessageSummary]

    public init(_ messages: [MessageSummary]) { self.messages = messages }

    public func summaries(at positions: [Int]) -> [MessageSummary?] {
        positions.map { messages.indices.contains($0) ? messages[$0] : nil }
    }
}
