/// Where and how to reach an IMAP server. TLS certificate verification is always on: there is
/// deliberately no option to turn it off; a private CA is trusted through `caFile`.
public struct IMAPEndpoint: Sendable, Hashable {
    public enum Security: String, Sendable, Hashable {
        /// Implicit TLS (`imaps://`, usually port 993).
        case tls
        /// Plain connection upgraded with STARTTLS before anything else (usually port 143); refused
        /// if the server does not offer it.
        case starttls
    }
    public var host: String
    public var port: Int
    public var security: Security
    /// A PEM file of CA certificates to trust instead of the system store.
    public var caFile: String?
    /// Seconds any single connect or read may wait before failing with a timeout.
    public var timeout: Double

    public init(host: String, port: Int = 993, security: Security = .tls, caFile: String? = nil, timeout: Double = 60) {
        self.host = host
        self.port = port
        self.security = security
        self.caFile = caFile
        self.timeout = timeout
    }

    /// Gmail's IMAP endpoint.
    public static func gmail(timeout: Double = 60) -> IMAPEndpoint {
        IMAPEndpoint(host: "imap.gmail.com", port: 993, security: .tls, timeout: timeout)
    }

    var url: String {
        let h = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        return "\(security == .tls ? "imaps" : "imap")://\(h):\(port)/"
    }
}
