import FoundationEssentials
import MailCore

/// The library's front door: one mirror root and everything done to it. Each CLI command
/// is a thin call into one of these methods.
public final class LocalMirror {
    public let paths: MirrorPaths

    public init(root: URL) {
        self.paths = MirrorPaths(root: root)
    }

    /// The mirror at `paths` (`MirrorPaths.resolve` gives them from the command line).
    public init(paths: MirrorPaths) {
        self.paths = paths
    }

    public func configuration() throws -> Configuration {
        try Configuration.load(from: paths.configuration)
    }

    /// Adds an account. The password source is checked (readable, private) but its secret
    /// is not stored; returns warnings for the user (e.g. not an app password).
    @discardableResult
    public func addAccount(_ request: AccountRequest) throws -> (AccountConfiguration, warnings: [String]) {
        let account = try request.resolved()
        var configuration = try configuration()
        if configuration.accounts.contains(where: { $0.name == account.name }) {
            throw MailMirrorError.accountExists(account.name)
        }
        var warnings: [String] = []
        // An OAuth 2.0 account is checked by `account authorize` / `account test`: its token
        // command may need the network, and nothing can be known before the authorization.
        if let password = account.password {
            let secret = try password.resolve()
            if account.gmail, let warning = GmailPreset.passwordWarning(secret) { warnings.append(warning) }
        }
        if let caFile = account.caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            throw MailMirrorError.invalidArgument("--ca-file \(caFile) cannot be read")
        }
        configuration.accounts.append(account)
        try ensureRoot()
        try configuration.save(to: paths.configuration)
        return (account, warnings)
    }

    public func removeAccount(named name: String) throws {
        var configuration = try configuration()
        guard let account = configuration.accounts.first(where: { $0.name == name }) else {
            throw MailMirrorError.unknownAccount(name)
        }
        configuration.accounts.removeAll { $0.name == name }
        try configuration.save(to: paths.configuration)
        // A refresh token `account authorize` kept for it would sign in to the mailbox for months: it goes too.
        if case .google(_, _, .file(let path))? = account.oauth2, path == refreshTokenFile(account: name).path {
            try StateFile.remove(URL(fileURLWithPath: path))
        }
    }

    func ensureRoot() throws {
        do {
            try FileManager.default.createDirectory(
                at: paths.root, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            throw MailMirrorError.fileSystem(
                "cannot create the mirror folder \(paths.root.path): \(ErrorDescription.of(error))")
        }
    }
}
