/// A mailbox role (RFC 6154 §2, plus Gmail's `\Important`). Roles, never English names, decide
/// which mailboxes to mirror: a French Gmail calls `\All` "[Gmail]/Tous les messages".
public enum SpecialUse: String, CaseIterable, Sendable, Hashable, Comparable {
    case all = "\\All"
    case archive = "\\Archive"
    case drafts = "\\Drafts"
    case flagged = "\\Flagged"
    case junk = "\\Junk"
    case sent = "\\Sent"
    case trash = "\\Trash"
    case important = "\\Important"

    public static func < (a: SpecialUse, b: SpecialUse) -> Bool { a.rawValue < b.rawValue }
}
