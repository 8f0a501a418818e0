/// What a STATUS command asks for (RFC 9051 §6.3.11, RFC 7162 HIGHESTMODSEQ).
public enum StatusItem: String, Sendable, Hashable, CaseIterable {
    case messages = "MESSAGES"
    case uidNext = "UIDNEXT"
    case uidValidity = "UIDVALIDITY"
    case unseen = "UNSEEN"
    case highestModSeq = "HIGHESTMODSEQ"
}
