/// A message flag or keyword (RFC 9051 §2.3.2), e.g. `\Seen` or `$Forwarded`.
///
/// The one case rule of the project: system flags compare case-insensitively, so `init` gives them
/// their canonical case (`\SEEN` → `\Seen`) and every other comparison is plain equality of names.
/// Keywords keep the case the server sent. Lives in MailCore because the IMAP parser, the store and
/// the catalog all carry flags; names written to disk are `name`, unchanged.
public struct Flag: Hashable, Sendable, Comparable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let name: String

    public init(_ name: String) {
        switch name {
        case "\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft", "\\Recent":
            // Already canonical, as every name read back from our own files is: no upper-casing.
            self.name = name
            return
        default: break
        }
        // Only names starting with a backslash can be system flags: keywords skip the upper-casing.
        if name.hasPrefix("\\"), let canonical = Self.systemNames[name.uppercased()] {
            self.name = canonical
        } else {
            self.name = name
        }
    }

    public init(stringLiteral name: String) { self.init(name) }

    public init(from decoder: Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }

    public var description: String { name }
    public static func < (a: Flag, b: Flag) -> Bool { a.name < b.name }

    public static let seen = Flag(canonical: "\\Seen")
    public static let answered = Flag(canonical: "\\Answered")
    public static let flagged = Flag(canonical: "\\Flagged")
    public static let deleted = Flag(canonical: "\\Deleted")
    public static let draft = Flag(canonical: "\\Draft")
    /// Session state (RFC 3501): never mirrored, or flags would look changed from one sync to the next.
    public static let recent = Flag(canonical: "\\Recent")
    /// The one keyword with a Maildir letter (`P`).
    public static let forwarded = Flag(canonical: "$Forwarded")

    /// Whether the mirror keeps this flag: the five permanent system flags and every keyword.
    /// `\Recent` and system flags this code does not know are dropped (the store has no place for them).
    public var isMirrored: Bool { !name.hasPrefix("\\") || Self.permanentSystemFlags.contains(self) }

    /// What the mirror keeps of `flags`, as a set: how the sync decides whether a message's flags changed.
    public static func mirrored(_ flags: some Sequence<Flag>) -> Set<Flag> {
        Set(flags.lazy.filter(\.isMirrored))
    }

    private init(canonical name: String) { self.name = name }

    private static let permanentSystemFlags: Set<Flag> = [.seen, .answered, .flagged, .deleted, .draft]
    private static let systemNames: [String: String] = [
        "\\SEEN": "\\Seen", "\\ANSWERED": "\\Answered", "\\FLAGGED": "\\Flagged",
        "\\DELETED": "\\Deleted", "\\DRAFT": "\\Draft", "\\RECENT": "\\Recent",
    ]
}
