/// Tells the help-center team's addresses from customers': exact addresses
/// (case-insensitive) and whole domains written `@example.com`.
public struct TeamMatcher: Sendable, Hashable, Codable {
    public private(set) var addresses: Set<String>
    public private(set) var domains: Set<String>

    /// `members` holds addresses (`help@example.com`) and domains (`@example.com`).
    public init(members: [String]) {
        var addresses = Set<String>()
        var domains = Set<String>()
        for member in members {
            let value = String(member.filter { $0 != " " && $0 != "\t" }).lowercased()
            if value.hasPrefix("@") {
                domains.insert(String(value.dropFirst()))
            } else if !value.isEmpty {
                addresses.insert(value)
            }
        }
        self.addresses = addresses
        self.domains = domains
    }

    public func isTeam(_ address: String) -> Bool {
        let value = address.lowercased()
        if addresses.contains(value) { return true }
        guard let at = value.lastIndex(of: "@") else { return false }
        return domains.contains(String(value[value.index(after: at)...]))
    }

    public func direction(of sender: EmailAddress?) -> Direction {
        guard let sender else { return .customer }
        return isTeam(sender.address) ? .team : .customer
    }
}
