import FoundationEssentials

/// Where an OAuth 2.0 account's access token comes from. Like `PasswordSource`, only references
/// are stored in config.json: a command, or the client and the place of the refresh token.
///
/// config.json (`"oauth2"` of an account):
///
///     {"tokenCommand": "oama access help@example.com"}
///     {"clientId": "…apps.googleusercontent.com", "clientSecretFile": "/home/u/client_secret.json",
///      "refreshTokenFile": "<root>/oauth2/support"}            (or "refreshTokenCommand": keyring lookup)
///     {}                                                        (added with --oauth2, not authorized yet)
public enum OAuth2Source: Codable, Sendable, Hashable {
    /// A command printing a fresh access token (as mbsync's PassCmd with an oauth2 helper).
    case tokenCommand(String)
    /// Google's installed-application flow run by `account authorize`: each sync trades the
    /// refresh token for an access token. `refreshToken` is a 0600 file under the mirror root, or a
    /// keyring lookup command.
    case google(clientID: String, clientSecretFile: String, refreshToken: PasswordSource)
    /// `account add --oauth2`: waiting for `account authorize`.
    case unauthorized

    private enum CodingKeys: String, CodingKey {
        case tokenCommand, clientId, clientSecretFile, refreshTokenFile, refreshTokenCommand
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let command = try c.decodeIfPresent(String.self, forKey: .tokenCommand) {
            self = .tokenCommand(command)
        } else if let clientID = try c.decodeIfPresent(String.self, forKey: .clientId) {
            let secretFile = try c.decode(String.self, forKey: .clientSecretFile)
            if let file = try c.decodeIfPresent(String.self, forKey: .refreshTokenFile) {
                self = .google(clientID: clientID, clientSecretFile: secretFile, refreshToken: .file(file))
            } else {
                self = .google(
                    clientID: clientID, clientSecretFile: secretFile,
                    refreshToken: .command(try c.decode(String.self, forKey: .refreshTokenCommand)))
            }
        } else {
            self = .unauthorized
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .tokenCommand(let command): try c.encode(command, forKey: .tokenCommand)
        case .google(let clientID, let secretFile, let refreshToken):
            try c.encode(clientID, forKey: .clientId)
            try c.encode(secretFile, forKey: .clientSecretFile)
            switch refreshToken {
            case .file(let path): try c.encode(path, forKey: .refreshTokenFile)
            case .command(let command), .environment(let command): try c.encode(command, forKey: .refreshTokenCommand)
            }
        case .unauthorized: break
        }
    }

    /// The references as `account list --json` shows them (never a secret).
    public var fields: [(key: String, value: String)] {
        switch self {
        case .tokenCommand(let command): return [("tokenCommand", command)]
        case .google(let clientID, let secretFile, let refreshToken):
            var fields = [("clientId", clientID), ("clientSecretFile", secretFile)]
            switch refreshToken {
            case .file(let path): fields.append(("refreshTokenFile", path))
            case .command(let command), .environment(let command): fields.append(("refreshTokenCommand", command))
            }
            return fields
        case .unauthorized: return []
        }
    }

    /// A short description for `account list`.
    public var summary: String {
        switch self {
        case .tokenCommand(let command): return "OAuth 2.0, token command \(command)"
        case .google(_, _, .file(let path)): return "OAuth 2.0, refresh token in \(path)"
        case .google: return "OAuth 2.0, refresh token in the keyring"
        case .unauthorized: return "OAuth 2.0, not authorized yet (run mailmirror account authorize)"
        }
    }
}
