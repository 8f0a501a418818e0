import Foundation
import MIME
import MailCore
import Store

/// The catalog as readers see it: the latest record per message, one copy of a message present
/// in several mailboxes, and thread ids assigned over the whole collection.
struct CatalogView {
    /// Every record, latest per id, in the order the catalog holds them.
    let records: [MessageSummary]
    /// Deduplicated and threaded: what search, show, thread and reports see.
    let messages: [MessageSummary]
    /// Records in the file, superseded ones included (a message re-catalogued is appended again).
    let storedRecords: Int
    private let positions: [String: Int]

    init(catalog: CatalogFile) throws {
        let contents = try catalog.load()
        self.init(records: contents.summaries, storedRecords: contents.records)
    }

    init(records raw: [MessageSummary], storedRecords: Int? = nil) {
        self.storedRecords = storedRecords ?? raw.count
        let (records, unique) = Self.deduplicated(raw)
        self.records = records
        var messages = unique
        Threader.assignThreadIds(&messages)
        self.messages = messages
        var positions: [String: Int] = [:]
        for (index, summary) in messages.enumerated() { positions[summary.id] = index }
        self.positions = positions
    }

    /// The latest record per id (in the order ids first appear), and of those one per message (a message
    /// in several mailboxes is kept where it appears first): what `messages` threads.
    static func deduplicated(_ raw: [MessageSummary]) -> (records: [MessageSummary], unique: [MessageSummary]) {
        var latest: [String: Int] = [:]
        var records: [MessageSummary] = []
        records.reserveCapacity(raw.count)
        for summary in raw {
            if let index = latest[summary.id] {
                records[index] = summary
            } else {
                latest[summary.id] = records.count
                records.append(summary)
            }
        }
        var seen = Set<String>()
        var unique: [MessageSummary] = []
        unique.reserveCapacity(records.count)
        for summary in records {
            guard let identity = Self.identity(of: summary) else {
                unique.append(summary)
                continue
            }
            if seen.insert(identity).inserted { unique.append(summary) }
        }
        return (records, unique)
    }

    /// What makes two copies the same message: Gmail's message id, else Message-ID plus date.
    static func identity(of summary: MessageSummary) -> String? {
        if let gmail = summary.gmailMessageId { return "gm:\(gmail)" }
        if let messageId = summary.messageId, !messageId.isEmpty { return "id:\(messageId)|\(summary.date)" }
        return nil
    }

    func message(id: String) -> MessageSummary? {
        positions[id].map { messages[$0] }
    }

    /// `ID` as printed by search, or a Message-ID — with or without angle brackets, whatever its
    /// characters (`06b401c75f2d$552b8130$ff828390$@Davidovic` has no domain part), and in any
    /// case when no message has it exactly (`id:` as notmuch prints it is accepted too).
    func resolve(_ reference: String) -> MessageSummary? {
        var text = Substring(reference.trimmingCharacters(in: .whitespacesAndNewlines))
        var bracketed = false
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 {
            text = text.dropFirst().dropLast()
            bracketed = true
        } else if let summary = message(id: String(text)) {
            return summary
        }
        if !bracketed, text.hasPrefix("id:") { text = text.dropFirst(3) }
        let messageId = String(text).trimmingCharacters(in: .whitespaces)
        guard !messageId.isEmpty else { return nil }
        if let exact = messages.first(where: { $0.messageId == messageId }) { return exact }
        let folded = messageId.lowercased()
        return messages.first { $0.messageId?.lowercased() == folded }
    }

    func thread(_ threadId: String) -> [MessageSummary] {
        messages.filter { $0.threadId == threadId }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
