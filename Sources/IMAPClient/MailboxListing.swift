import IMAP

/// A mailbox as LIST reports it.
public struct MailboxListing: Sendable, Hashable {
    /// The name a person reads (modified UTF-7 decoded).
    public var name: String
    /// The exact wire name, to pass back to `status` / `examine`.
    public var rawName: MailboxName
    public var delimiter: Character?
    public var attributes: [MailboxAttribute]
    /// `\All`, `\Sent`, … when the server marks the role (RFC 6154).
    public var specialUse: SpecialUse?
    /// False for `\Noselect` / `\NonExistent` containers such as Gmail's `[Gmail]`.
    public var isSelectable: Bool

    public init(_ data: MailboxListData) {
        name = data.name.displayName
        rawName = data.name
        delimiter = data.delimiter
        attributes = data.attributes
        specialUse = data.specialUse
        isSelectable = !data.attributes.contains { $0.preventsSelection }
    }
}
