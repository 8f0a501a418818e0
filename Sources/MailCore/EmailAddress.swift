/// A mailbox in an address header: display name (decoded) and addr-spec.
/// JSON shape `{"name": …, "address": …}` is part of the CLI contract.
public struct EmailAddress: Hashable, Sendable, Codable, CustomStringConvertible {
    public var name: String?
    public var address: String

    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The domain part, lower-cased ("" when there is no "@").
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].lowercased()
    }

    public var description: String {
        guard let name, !name.isEmpty else { return address }
        return "\(name) <\(address)>"
    }
}
