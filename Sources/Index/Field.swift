/// The fields of the index. Each term is stored under its field, so `subject:x` and a plain
/// `x` read different postings. Text fields keep positions and lengths for BM25 and phrases;
/// keyword fields hold one normalised value per entry.
enum Field: UInt8, CaseIterable, Sendable {
    case subject = 0
    case from, to, cc, body, reply, filename
    case label, mailbox, flag, thread, messageId

    /// Text fields whose lengths are stored per document, in this order.
    static let text: [Field] = [.subject, .from, .to, .cc, .body, .reply, .filename]
    /// Where a bare word is looked for.
    static let anyText: [Field] = text

    var isText: Bool { rawValue <= Field.filename.rawValue }

    /// BM25 weight: subject above the author's new text, above the whole body (quoted history).
    /// `reply` is also inside `body`, so new text earns both weights.
    var weight: Double {
        switch self {
        case .subject: return 3.0
        case .reply: return 1.5
        case .from: return 1.5
        case .to: return 1.0
        case .cc: return 0.6
        case .body: return 1.0
        case .filename: return 1.2
        default: return 0
        }
    }
}
