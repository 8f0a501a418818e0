/// Who wrote a message, seen from the help center: the team, or a customer.
public enum Direction: String, Sendable, Codable, Hashable {
    case team
    case customer
}
