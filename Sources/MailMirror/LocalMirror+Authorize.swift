import FoundationEssentials
import OAuth2
import Store

/// What `account authorize` needs besides the account.
public struct AuthorizeOptions: Sendable {
    public var clientID: String
    public var clientSecretFile: String
    /// Keep the refresh token in the desktop keyring instead of a 0600 file under the mirror root.
    public var keyring = false
    /// How long to wait for the browser.
    public var timeoutSeconds = 300

    public init(clientID: String, clientSecretFile: String) {
        self.clientID = clientID
        self.clientSecretFile = clientSecretFile
    }
}

extension LocalMirror {
    /// Where `account authorize` keeps an account's refresh token: `<root>/oauth2/<account>`, 0600.
    public func refreshTokenFile(account: String) -> URL {
        paths.root.appendingPathComponent("oauth2").appendingPathComponent(account)
    }

    /// Google's installed-application flow: a loopback listener on 127.0.0.1, PKCE (S256), the
    /// authorization URL handed to `showURL` (the user opens it), the code traded for a refresh
    /// token over verified HTTPS, the token kept 0600 under the root (or in the keyring), and the
    /// account switched to OAuth 2.0. The app password reference, if any, is dropped.
    @discardableResult
    public func authorize(
        account name: String, options: AuthorizeOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        showURL: (String) -> Void
    ) throws -> AccountConfiguration {
        // The code, the PKCE verifier and the refresh token will be in memory.
        CoreDumps.forbidden
        var configuration = try configuration()
        guard let index = configuration.accounts.firstIndex(where: { $0.name == name }) else {
            throw MailMirrorError.unknownAccount(name)
        }
        // The name becomes a file name under the root: a hand-edited "../x" must not escape it.
        guard AccountName.isValid(name) else {
            throw MailMirrorError.invalidConfiguration(
                "the account name \"\(name)\" in config.json cannot name a file; rename the account first")
        }
        var account = configuration.accounts[index]
        let endpoint = try tokenEndpoint(
            clientID: options.clientID, clientSecretFile: options.clientSecretFile,
            account: name, environment: environment)
        let response: TokenResponse
        do {
            response = try Self.runFlow(
                endpoint: endpoint, email: account.email, timeoutSeconds: options.timeoutSeconds, showURL: showURL)
        } catch {
            throw OAuth2SignInError.authorization(account: name, error)
        }
        guard let refreshToken = response.refreshToken, !refreshToken.isEmpty else {
            throw OAuth2SignInError.noRefreshToken(account: name)
        }
        let secret = Secret(token: refreshToken)
        let stored: PasswordSource
        if options.keyring {
            stored = try Keyring.store(account: name, secret: secret, purpose: .oauth2RefreshToken)
        } else {
            try ensureRoot()
            let file = refreshTokenFile(account: name)
            do {
                try StateFile.write(Data((secret.value + "\n").utf8), to: file)
            } catch {
                throw MailMirrorError.fileSystem(
                    "cannot keep the refresh token in \(file.path): \(Failure.message(error))")
            }
            stored = .file(file.path)
        }
        account.oauth2 = .google(
            clientID: options.clientID, clientSecretFile: options.clientSecretFile, refreshToken: stored)
        account.password = nil
        configuration.accounts[index] = account
        try configuration.save(to: paths.configuration)
        return account
    }

    private static func runFlow(
        endpoint: TokenEndpoint, email: String, timeoutSeconds: Int,
        showURL: (String) -> Void
    ) throws(OAuth2Error) -> TokenResponse {
        let redirect = try LoopbackRedirect()
        let pkce = PKCE.random()
        let state = PKCE.random().verifier
        let request = AuthorizationRequest(
            endpoints: endpoint.endpoints, clientID: endpoint.clientID,
            redirectURI: redirect.redirectURI, pkce: pkce, state: state, loginHint: email)
        showURL(request.url)
        let code = try redirect.waitForCode(state: state, timeoutSeconds: timeoutSeconds)
        return try endpoint.exchange(code: code, redirectURI: redirect.redirectURI, verifier: pkce.verifier)
    }
}
