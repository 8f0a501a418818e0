import FoundationEssentials
import OAuth2
import TextBasics

extension LocalMirror {
    /// What the account signs in with, read now: the app password, or a fresh OAuth 2.0 access
    /// token (from the token command, or the refresh token traded at the token endpoint). Never
    /// written anywhere; errors never contain it.
    public func credential(
        for account: AccountConfiguration,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Secret {
        guard let oauth2 = account.oauth2 else {
            guard let password = account.password else {
                throw MailMirrorError.invalidConfiguration(
                    "account \(account.name) has neither a password nor OAuth 2.0 settings")
            }
            return try password.resolve(environment: environment)
        }
        // Before any token (or the token command's output) is in memory.
        CoreDumps.forbidden
        switch oauth2 {
        case .unauthorized:
            throw OAuth2SignInError.notAuthorized(account: account.name)
        case .tokenCommand(let command):
            let output: String
            do {
                output = try PasswordSource.run(command, what: "token command")
            } catch MailMirrorError.passwordUnavailable(let why) {
                throw OAuth2SignInError.tokenCommand(account: account.name, why: why)
            }
            let token = Secret(token: output)
            guard !token.isEmpty else {
                throw OAuth2SignInError.tokenCommand(account: account.name, why: "the token command printed nothing")
            }
            return token
        case .google(let clientID, let clientSecretFile, let refreshTokenSource):
            let refreshToken = try readSecret(refreshTokenSource, account: account.name, what: "the refresh token")
            let endpoint = try tokenEndpoint(
                clientID: clientID, clientSecretFile: clientSecretFile, account: account.name, environment: environment)
            let response: TokenResponse
            do {
                response = try endpoint.refresh(refreshToken: refreshToken.value)
            } catch {
                throw OAuth2SignInError.tokenEndpoint(account: account.name, error)
            }
            // Google keeps the refresh token; a server that rotates it hands out a new one to keep.
            if let rotated = response.refreshToken, rotated != refreshToken.value,
                case .file(let path) = refreshTokenSource
            {
                try? StateFile.write(Data((rotated + "\n").utf8), to: URL(fileURLWithPath: path))
            }
            return Secret(token: response.accessToken)
        }
    }

    /// The token endpoint for an account: Google's (or the test override), with the client's secret.
    func tokenEndpoint(
        clientID: String, clientSecretFile: String, account: String,
        environment: [String: String]
    ) throws -> TokenEndpoint {
        let raw: String
        do {
            raw = try PasswordSource.readProtectedFile(clientSecretFile)
        } catch MailMirrorError.passwordUnavailable(let why) {
            throw OAuth2SignInError.unreadable(
                account: account,
                why:
                    "cannot read the OAuth client secret: \(why.replacingAll("password", with: "client secret"))"
            )
        }
        guard let clientSecret = ClientSecretFile.secret(in: raw) else {
            throw OAuth2SignInError.unreadable(
                account: account,
                why:
                    "the client secret file \(clientSecretFile) holds no client_secret; download the client's JSON again from the Google Cloud console (APIs & Services → Credentials)"
            )
        }
        return TokenEndpoint(
            endpoints: OAuth2Endpoints.fromEnvironment(environment), clientID: clientID,
            clientSecret: clientSecret,
            timeoutSeconds: Self.tokenTimeout(environment))
    }

    private func readSecret(_ source: PasswordSource, account: String, what: String) throws -> Secret {
        do {
            return try source.resolve()
        } catch MailMirrorError.passwordUnavailable(let why) {
            throw OAuth2SignInError.unreadable(
                account: account,
                why: "cannot read \(what): \(why.replacingAll("password", with: "refresh token"))")
        }
    }

    /// Seconds to wait for the token endpoint: `MAILMIRROR_OAUTH2_TIMEOUT` (tests), else 30.
    static func tokenTimeout(_ environment: [String: String]) -> Int {
        environment["MAILMIRROR_OAUTH2_TIMEOUT"].flatMap(Int.init).map { max(1, min($0, 300)) } ?? 30
    }
}
