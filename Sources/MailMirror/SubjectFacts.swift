import MIME
import MailCore

/// What the subject rule asks of a subject as the catalog holds it: its normalized form and whether it has
/// a reply prefix, worked out once per distinct subject (by its bytes: two spellings of one text may
/// normalize to different bytes, and table keys are made from bytes). A refresh by lookup reads thousands
/// of records sharing a few dozen subjects; normalizing one costs tens of thousands of instructions, and
/// finding its prefix thousands.
struct SubjectFacts {
    private var known: [SameBytes: (normalized: String, replyPrefix: Bool)] = [:]

    /// `SubjectNormalizer.normalize(subject)`.
    mutating func normalized(_ subject: String) -> String { facts(subject).normalized }

    /// `ThreadTable.mayJoinBySubject(summary)` (`Threader.isLoneReply`): no reference, a reply prefix.
    mutating func mayJoinBySubject(_ summary: MessageSummary) -> Bool {
        summary.references.isEmpty && summary.inReplyTo.isEmpty && facts(summary.subject).replyPrefix
    }

    /// Both of the above for one record, with one look-up.
    mutating func threading(_ summary: MessageSummary) -> (normalized: String, mayJoinBySubject: Bool) {
        guard summary.references.isEmpty && summary.inReplyTo.isEmpty else { return (normalized(summary.subject), false) }
        let found = facts(summary.subject)
        return (found.normalized, found.replyPrefix)
    }

    private mutating func facts(_ subject: String) -> (normalized: String, replyPrefix: Bool) {
        let key = SameBytes(text: subject)
        if let found = known[key] { return found }
        let found = (SubjectNormalizer.normalize(subject), SubjectNormalizer.hasReplyPrefix(subject))
        known[key] = found
        return found
    }
}
