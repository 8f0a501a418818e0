import FoundationEssentials
import MIME
import MailCore
import Store
import TextBasics

/// The catalog as readers see it: the latest record per message, one copy of a message present
/// in several mailboxes, and thread ids assigned over the whole collection.
struct CatalogView {
    /// Every record, latest per id, in the order the catalog holds them.
    let records: [MessageSummary]
    /// Deduplicated and threaded: what search, show, thread and reports see.
    let messages: [MessageSummary]
    /// Records in the file, superseded ones included (a message re-catalogued is appended again).
    let storedRecords: Int

    init(catalog: CatalogFile) throws {
        let contents = try catalog.loadInBlocks()
        self.init(loaded: contents.summaries, storedRecords: contents.records)
    }

    init(records raw: [MessageSummary], storedRecords: Int? = nil) {
        self.init(loaded: Self.latest(raw), storedRecords: storedRecords ?? raw.count)
    }

    /// Records as `CatalogFile.load` and `loadInBlocks` return them: one per id already, so only copies of
    /// one message in several mailboxes are collapsed.
    init(loaded records: [MessageSummary], storedRecords: Int) {
        self.storedRecords = storedRecords
        self.records = records
        messages = Self.threaded(records)
    }

    /// The latest record per id (in the order ids first appear), and of those one per message (a message
    /// in several mailboxes is kept where it appears first): what `messages` threads.
    static func deduplicated(_ raw: [MessageSummary]) -> (records: [MessageSummary], unique: [MessageSummary]) {
        let records = latest(raw)
        var unique = records
        keepFirstCopies(&unique)
        return (records, unique)
    }

    /// The latest record per id, in the order ids first appear.
    static func latest(_ raw: [MessageSummary]) -> [MessageSummary] {
        var latest: [String: Int] = [:]
        latest.reserveCapacity(raw.count)
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
        return records
    }

    /// `records` deduplicated (`keepFirstCopies`) and threaded.
    private static func threaded(_ records: [MessageSummary]) -> [MessageSummary] {
        var messages = records
        keepFirstCopies(&messages)
        Threader.assignThreadIds(&messages)
        return messages
    }

    /// Drops every copy of a message after its first (`identity`), keeping the order; the kept records are
    /// moved forward in place, so none is copied.
    static func keepFirstCopies(_ records: inout [MessageSummary]) {
        var seen = Set<Identity>()
        seen.reserveCapacity(records.count)
        var kept = 0
        records.withUnsafeMutableBufferPointer { buffer in
            for index in buffer.indices {
                if let identity = Self.identity(of: buffer[index]), !seen.insert(identity).inserted { continue }
                if kept != index { buffer.swapAt(kept, index) }
                kept += 1
            }
        }
        records.removeLast(records.count - kept)
    }

    /// What makes two copies the same message: Gmail's message id, else Message-ID plus date.
    enum Identity: Hashable {
        case gmail(UInt64)
        case message(String, Int64)
    }

    static func identity(of summary: MessageSummary) -> Identity? {
        if let gmail = summary.gmailMessageId { return .gmail(gmail) }
        if let messageId = summary.messageId, !messageId.isEmpty { return .message(messageId, summary.date) }
        return nil
    }

    /// `identity` as 64 bits, for passes over a catalog of any size (two messages taken for one only when
    /// their identities share a 64-bit hash).
    static func identityHash(of summary: MessageSummary) -> UInt64? {
        if let gmail = summary.gmailMessageId { return StableHash.fnv1a64("g:\(gmail)") }
        if let messageId = summary.messageId, !messageId.isEmpty {
            return StableHash.fnv1a64("m:\(summary.date):" + messageId)
        }
        return nil
    }

    /// A linear scan: `show` and `thread` look up one message, not worth a table over the whole catalog.
    func message(id: String) -> MessageSummary? {
        messages.first { $0.id == id }
    }

    /// `ID` as printed by search, or a Message-ID — with or without angle brackets, whatever its
    /// characters (`06b401c75f2d$552b8130$ff828390$@Davidovic` has no domain part), and in any
    /// case when no message has it exactly (`id:` as notmuch prints it is accepted too).
    func resolve(_ reference: String) -> MessageSummary? {
        var text = Substring(reference.trimmed(.whitespacesAndNewlines))
        var bracketed = false
        if text.hasPrefix("<"), text.hasSuffix(">"), text.count >= 2 {
            text = text.dropFirst().dropLast()
            bracketed = true
        } else if let summary = message(id: String(text)) {
            return summary
        }
        if !bracketed, text.hasPrefix("id:") { text = text.dropFirst(3) }
        let messageId = String(text).trimmed(.whitespaces)
        guard !messageId.isEmpty else { return nil }
        if let exact = messages.first(where: { $0.messageId == messageId }) { return exact }
        let folded = messageId.lowercased()
        return messages.first { $0.messageId?.lowercased() == folded }
    }

    func thread(_ threadId: String) -> [MessageSummary] {
        messages.filter { $0.threadId == threadId }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
    }
}
