import FoundationEssentials
import IMAP
import IMAPClient

/// Opens logged-in IMAP sessions for accounts, with an optional trace for `--verbose`
/// (the IMAP client hides credentials before anything reaches it).
public struct IMAPConnector: RemoteConnector {
    public var timeout: Double
    public var trace: ((IMAPTraceEvent) -> Void)?
    /// The SASL mechanism OAuth 2.0 accounts favour when the server offers it; nil: XOAUTH2 for
    /// Gmail accounts (the mechanism Google documents first), else OAUTHBEARER (the standard), each
    /// falling back to the other. `MAILMIRROR_OAUTH2_MECHANISM` sets it, for tests against a server
    /// offering both.
    public var oauth2Mechanism: OAuth2Mechanism?

    public init(
        timeout: Double = 60, trace: ((IMAPTraceEvent) -> Void)? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.timeout = timeout
        self.trace = trace
        self.oauth2Mechanism = environment["MAILMIRROR_OAUTH2_MECHANISM"].flatMap {
            OAuth2Mechanism(rawValue: $0.uppercased())
        }
    }

    public func endpoint(for account: AccountConfiguration) -> IMAPEndpoint {
        IMAPEndpoint(
            host: account.host, port: account.port, security: account.security == .tls ? .tls : .starttls,
            caFile: account.caFile, timeout: timeout)
    }

    public func prepare() { IMAPConnection.loadInBackground() }

    /// `password` is the app password, or for an OAuth 2.0 account the access token.
    public func openSession(_ account: AccountConfiguration, password: Secret) throws -> IMAPSession {
        guard let oauth2 = account.oauth2 else {
            return try IMAPSession.open(
                endpoint: endpoint(for: account), user: account.email, password: password.value, trace: trace)
        }
        let favoured: OAuth2Mechanism? = oauth2Mechanism ?? (account.gmail ? .xoauth2 : nil)
        let credential = IMAPCredential.oauth2(accessToken: password.value, mechanism: favoured)
        let result = Result { () throws(IMAPSessionError) -> IMAPSession in
            try IMAPSession.open(
                endpoint: endpoint(for: account), user: account.email, credential: credential, trace: trace)
        }
        // The advice names the account and what renews its token.
        if case .failure(.authentication(let failure, let text)) = result {
            var viaTokenCommand = false
            if case .tokenCommand = oauth2 { viaTokenCommand = true }
            throw OAuth2SignInError.refused(
                account: account.name, failure: failure, serverText: text, viaTokenCommand: viaTokenCommand)
        }
        return try result.get()
    }

    public func connect(_ account: AccountConfiguration, password: Secret) throws -> RemoteSession {
        IMAPRemoteSession(try openSession(account, password: password))
    }
}
