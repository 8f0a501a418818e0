import FoundationEssentials

/// The desktop keyring (libsecret's `secret-tool`), for a password typed at the prompt:
/// mailmirror never writes a password into a file of its own, so a typed one goes there
/// and the account refers to it by a lookup command.
public enum Keyring {
    /// What a keyring entry holds; each has its own attributes, so an account can have both.
    public enum Purpose: Sendable {
        case appPassword
        case oauth2RefreshToken

        var attributes: [String] {
            switch self {
            case .appPassword: return ["service", "mailmirror"]
            case .oauth2RefreshToken: return ["service", "mailmirror-oauth2"]
            }
        }
    }

    public static func store(account: String, secret: Secret, purpose: Purpose = .appPassword) throws -> PasswordSource
    {
        guard
            let tool = ["/usr/bin/secret-tool", "/usr/local/bin/secret-tool"].first(
                where: FileManager.default.isExecutableFile)
        else {
            if purpose == .oauth2RefreshToken {
                throw MailMirrorError.invalidArgument(
                    "no keyring to keep the refresh token in (secret-tool is not installed): run `mailmirror account authorize` "
                        + "without --keyring, and the refresh token is kept in a file only you can read under the mirror"
                )
            }
            throw MailMirrorError.passwordUnavailable(
                "no keyring to keep a typed password in (secret-tool is not installed). Save the app password in a file "
                    + "only you can read (install -m 600 /dev/null FILE, then edit it) and pass --password-file FILE")
        }
        let label = purpose == .appPassword ? "mailmirror \(account)" : "mailmirror \(account) OAuth 2.0 refresh token"
        let arguments = ["store", "--label=\(label)"] + purpose.attributes + ["account", account]
        let status: Int32
        do {
            status = try ChildProcess(path: tool, arguments: arguments).run(input: Array(secret.value.utf8)).status
        } catch {
            throw MailMirrorError.passwordUnavailable("cannot run \(tool): \(error.reason)")
        }
        guard status == 0 else {
            let why =
                "the keyring refused the \(purpose == .appPassword ? "password" : "refresh token") (secret-tool exited with \(status))"
            throw purpose == .appPassword ? MailMirrorError.passwordUnavailable(why) : MailMirrorError.fileSystem(why)
        }
        return .command(([tool, "lookup"] + purpose.attributes + ["account", account]).joined(separator: " "))
    }
}
