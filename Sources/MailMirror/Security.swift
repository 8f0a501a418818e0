/// How the account is reached: implicit TLS (port 993) or STARTTLS upgrade (port 143).
public enum ConnectionSecurity: String, Codable, Sendable, CaseIterable {
    case tls
    case starttls
}
