/// One server capability (RFC 9051 §7.2.2), compared case-insensitively (stored upper-cased).
public struct Capability: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let name: String
    public init(_ name: String) { self.name = name.uppercased() }
    public var description: String { name }
    public static func < (a: Capability, b: Capability) -> Bool { a.name < b.name }

    public static let imap4rev1 = Capability("IMAP4rev1")
    public static let imap4rev2 = Capability("IMAP4rev2")
    public static let condStore = Capability("CONDSTORE")
    public static let qresync = Capability("QRESYNC")
    public static let eSearch = Capability("ESEARCH")
    public static let enable = Capability("ENABLE")
    public static let id = Capability("ID")
    public static let saslIR = Capability("SASL-IR")
    public static let authPlain = Capability("AUTH=PLAIN")
    public static let authXOAUTH2 = Capability("AUTH=XOAUTH2")
    public static let authOAuthBearer = Capability("AUTH=OAUTHBEARER")
    public static let loginDisabled = Capability("LOGINDISABLED")
    public static let specialUse = Capability("SPECIAL-USE")
    public static let listExtended = Capability("LIST-EXTENDED")
    public static let listStatus = Capability("LIST-STATUS")
    public static let literalPlus = Capability("LITERAL+")
    public static let literalMinus = Capability("LITERAL-")
    public static let gmailExtensions = Capability("X-GM-EXT-1")
    public static let startTLS = Capability("STARTTLS")
    public static let utf8Accept = Capability("UTF8=ACCEPT")
}
