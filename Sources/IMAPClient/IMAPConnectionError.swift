/// Why the connection to the server failed, with a sentence a person can act on.
///
/// Never contains credentials: libcurl is never given any.
public enum IMAPConnectionError: Error, Sendable, Hashable, CustomStringConvertible {
    case hostNotFound(host: String)
    case connectionRefused(host: String, port: Int)
    /// The server's certificate could not be verified (unknown CA, wrong name, expired).
    case certificateProblem(host: String, detail: String)
    /// TLS failed for another reason (protocol mismatch, handshake cut).
    case tlsFailed(host: String, detail: String)
    case startTLSUnavailable(host: String)
    case timeout(host: String, seconds: Double)
    /// The server closed the connection; `midResponse` when it did so inside a response.
    case closed(host: String, midResponse: Bool)
    case network(host: String, detail: String)

    public var description: String {
        switch self {
        case .hostNotFound(let host):
            return "Cannot find the server \(host): check the host name and that this computer is online."
        case .connectionRefused(let host, let port):
            return
                "The server \(host) refused the connection on port \(port): check the port, or the server may be down."
        case .certificateProblem(let host, let detail):
            return
                "The TLS certificate of \(host) could not be verified (\(detail)). This is a certificate problem: the connection was refused to protect the password. If the server uses a private certificate authority, pass its certificate with --ca-file."
        case .tlsFailed(let host, let detail):
            return
                "Could not set up a TLS connection with \(host) (\(detail)): check the port and the security setting (tls or starttls)."
        case .startTLSUnavailable(let host):
            return
                "The server \(host) does not offer STARTTLS, so the connection cannot be encrypted: use --security tls with the server's TLS port instead."
        case .timeout(let host, let seconds):
            return
                "The server \(host) did not answer within \(Self.format(seconds)) seconds: the network or the server is slow or down; try again later or raise --timeout."
        case .closed(let host, let midResponse):
            return midResponse
                ? "The connection to \(host) was cut in the middle of a response; nothing partial was kept. Try again."
                : "The server \(host) closed the connection. Try again."
        case .network(let host, let detail):
            return
                "The network connection to \(host) failed (\(detail)). Check that this computer is online and try again."
        }
    }

    /// True when retrying later may work without changing anything (network down, timeouts, cuts).
    public var isTemporary: Bool {
        switch self {
        case .certificateProblem, .tlsFailed, .startTLSUnavailable: return false
        default: return true
        }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
