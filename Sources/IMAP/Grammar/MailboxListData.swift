/// One `* LIST` line (RFC 9051 §7.3.1): attributes, hierarchy delimiter and name.
public struct MailboxListData: Hashable, Sendable {
    public var attributes: [MailboxAttribute]
    /// The hierarchy delimiter, nil for a flat namespace (`NIL`).
    public var delimiter: Character?
    public var name: MailboxName
    public init(attributes: [MailboxAttribute], delimiter: Character?, name: MailboxName) {
        self.attributes = attributes
        self.delimiter = delimiter
        self.name = name
    }
    public var specialUse: SpecialUse? { attributes.compactMap(\.specialUse).min() }
}
