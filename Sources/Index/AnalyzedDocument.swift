import MailCore
import TextAnalysis

/// A document with its terms found: every (field, term, position) in the order the analysis meets
/// them, and each field's length in positions. The analysis is most of what adding a document costs
/// and needs nothing shared, so `reindex` runs it on every core while one writer numbers the terms and
/// writes the segment in order (`IndexWriter.add(_:)`); the segment is the same as from the document.
public struct AnalyzedDocument: Sendable {
    public struct Occurrence: Sendable {
        var field: UInt8
        var text: String
        var position: UInt32
    }

    public let document: IndexDocument
    private(set) var terms: [Occurrence] = []
    private(set) var lengths = SIMD8<UInt32>()

    public init(_ document: IndexDocument) {
        self.document = document
        let analyzer = Analyzer()
        let s = document.summary
        terms.reserveCapacity(document.bodyText.utf8.count / 4 + 32)
        lengths[0] = UInt32(addText(.subject, s.subject, from: 0, analyzer))
        if let from = s.from {
            lengths[1] = UInt32(addText(.from, (from.name ?? "") + " " + from.address, from: 0, analyzer))
        }
        lengths[2] = UInt32(addAddresses(.to, s.to, analyzer))
        lengths[3] = UInt32(addAddresses(.cc, s.cc, analyzer))
        let replyBytes = s.replyText.utf8.count
        if replyBytes > 0, Self.bodyStartsWithReply(document.bodyText, s.replyText) {
            // The usual case: the new text opens the body. One pass indexes both fields.
            var replyEnd = 0
            lengths[4] = UInt32(
                analyzer.forEachTermWithOffset(in: document.bodyText) { term, position, _, offset in
                    let at = UInt32(truncatingIfNeeded: position)
                    terms.append(Occurrence(field: Field.body.rawValue, text: term, position: at))
                    if offset < replyBytes {
                        terms.append(Occurrence(field: Field.reply.rawValue, text: term, position: at))
                        replyEnd = position + 1
                    }
                })
            lengths[5] = UInt32(replyEnd)
        } else {
            lengths[4] = UInt32(addText(.body, document.bodyText, from: 0, analyzer))
            lengths[5] = UInt32(addText(.reply, s.replyText, from: 0, analyzer))
        }
        var position = 0
        for attachment in s.attachments {
            position = addText(.filename, attachment.filename, from: position, analyzer) + 1
        }
        lengths[6] = UInt32(max(0, position - 1))
        for label in s.labels { addKeyword(.label, Keyword.normalize(label)) }
        addKeyword(.mailbox, Keyword.normalize(s.key.mailbox))
        for flag in s.flags { addKeyword(.flag, Keyword.normalize(flag.name)) }
        addKeyword(.thread, s.threadId.lowercased())
        if let messageId = s.messageId { addKeyword(.messageId, Keyword.messageId(messageId)) }
    }

    private mutating func addText(_ field: Field, _ text: String, from start: Int, _ analyzer: Analyzer) -> Int {
        analyzer.forEachTerm(in: text, startPosition: start) { term, position, _ in
            terms.append(Occurrence(field: field.rawValue, text: term, position: UInt32(truncatingIfNeeded: position)))
        }
    }

    private mutating func addAddresses(_ field: Field, _ addresses: [EmailAddress], _ analyzer: Analyzer) -> Int {
        var position = 0
        for address in addresses {
            // A gap between addresses keeps a phrase from spanning two of them.
            position = addText(field, (address.name ?? "") + " " + address.address, from: position, analyzer) + 1
        }
        return max(0, position - 1)
    }

    private mutating func addKeyword(_ field: Field, _ value: String) {
        guard !value.isEmpty else { return }
        terms.append(Occurrence(field: field.rawValue, text: value, position: 0))
    }

    /// Whether `body` begins with `reply` and the reply ends where no word continues, so the
    /// body's first terms are exactly the reply's.
    private static func bodyStartsWithReply(_ body: String, _ reply: String) -> Bool {
        var b = body.utf8.makeIterator()
        for byte in reply.utf8 {
            guard b.next() == byte else { return false }
        }
        guard let next = b.next() else { return true }
        return next == 0x20 || next == 0x0A || next == 0x0D || next == 0x09
    }
}
