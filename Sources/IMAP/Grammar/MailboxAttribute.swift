/// A LIST attribute (RFC 9051 §7.3.1) such as `\Noselect`, `\HasChildren` or a SPECIAL-USE role
/// (RFC 6154) such as `\All` or `\Sent`. Compared case-insensitively.
public struct MailboxAttribute: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) {
        let canonical = [
            "\\NOSELECT": "\\Noselect", "\\NONEXISTENT": "\\NonExistent", "\\NOINFERIORS": "\\Noinferiors",
            "\\HASCHILDREN": "\\HasChildren", "\\HASNOCHILDREN": "\\HasNoChildren",
            "\\MARKED": "\\Marked", "\\UNMARKED": "\\Unmarked", "\\SUBSCRIBED": "\\Subscribed",
            "\\REMOTE": "\\Remote",
        ]
        let upper = name.uppercased()
        if let c = canonical[upper] {
            self.name = c
        } else if let role = SpecialUse.allCases.first(where: { $0.rawValue.uppercased() == upper }) {
            self.name = role.rawValue
        } else {
            self.name = name
        }
    }
    public var description: String { name }
    public static func < (a: MailboxAttribute, b: MailboxAttribute) -> Bool { a.name < b.name }

    public static let noSelect = MailboxAttribute("\\Noselect")
    public static let nonExistent = MailboxAttribute("\\NonExistent")

    /// The SPECIAL-USE role this attribute names, if any.
    public var specialUse: SpecialUse? { SpecialUse(rawValue: name) }
    /// False for `\Noselect` / `\NonExistent` containers that cannot be examined.
    public var preventsSelection: Bool { self == .noSelect || self == .nonExistent }
}
