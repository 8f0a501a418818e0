/// A message flag or keyword (RFC 9051 §2.3.2), e.g. `\Seen` or `$Forwarded`.
/// System flags compare case-insensitively, so they are stored with canonical case.
public struct Flag: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) {
        let system = ["\\SEEN": "\\Seen", "\\ANSWERED": "\\Answered", "\\FLAGGED": "\\Flagged",
                      "\\DELETED": "\\Deleted", "\\DRAFT": "\\Draft", "\\RECENT": "\\Recent"]
        self.name = system[name.uppercased()] ?? name
    }
    public var description: String { name }
    public static func < (a: Flag, b: Flag) -> Bool { a.name < b.name }

    public static let seen = Flag("\\Seen")
    public static let answered = Flag("\\Answered")
    public static let flagged = Flag("\\Flagged")
    public static let deleted = Flag("\\Deleted")
    public static let draft = Flag("\\Draft")
}
