import IMAPClient

/// Opens logged-in IMAP sessions for accounts, with an optional trace for `--verbose`
/// (the IMAP client hides credentials before anything reaches it).
public struct IMAPConnector: RemoteConnector {
    public var timeout: Double
    public var trace: ((IMAPTraceEvent) -> Void)?

    public init(timeout: Double = 60, trace: ((IMAPTraceEvent) -> Void)? = nil) {
        self.timeout = timeout
        self.trace = trace
    }

    public func endpoint(for account: AccountConfiguration) -> IMAPEndpoint {
        IMAPEndpoint(host: account.host, port: account.port, security: account.security == .tls ? .tls : .starttls,
                     caFile: account.caFile, timeout: timeout)
    }

    public func openSession(_ account: AccountConfiguration, password: Secret) throws -> IMAPSession {
        try IMAPSession.open(endpoint: endpoint(for: account), user: account.email, password: password.value, trace: trace)
    }

    public func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession {
        IMAPRemoteSession(try openSession(account, password: password))
    }
}
