/// Where a mirrored message lives: account, server mailbox name (decoded, UTF-8),
/// UIDVALIDITY epoch and UID. The store and catalog are keyed by it.
public struct MessageKey: Hashable, Sendable, Codable, CustomStringConvertible {
    public var account: String
    public var mailbox: String
    public var uidValidity: UIDValidity
    public var uid: UID

    public init(account: String, mailbox: String, uidValidity: UIDValidity, uid: UID) {
        self.account = account
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    /// The short id users see in `search` and pass to `show` and `thread`: 16 hex digits of
    /// FNV-1a 64 over the four parts. Stable across runs and machines (never Swift's `Hasher`).
    public var id: String {
        StableHash.hex(StableHash.fnv1a64("\(account)\u{0}\(mailbox)\u{0}\(uidValidity.rawValue)\u{0}\(uid.rawValue)"))
    }

    public var description: String { "\(account)/\(mailbox)/\(uidValidity)/\(uid)" }
}
