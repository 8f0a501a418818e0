import FoundationEssentials
import MailCore

/// What `account test` found: the connection works and these mailboxes will be mirrored.
public struct AccountTestReport: Sendable {
    public var account: AccountConfiguration
    public var serverIsGmail: Bool
    public var mailboxes: [(name: String, messages: Int)]
    public var warnings: [String]
}

extension LocalMirror {
    /// Connects and logs in as `sync` would, and lists the mailboxes it will mirror with
    /// their message counts: the help center's "Connect" button.
    public func testAccount(named name: String, connector: RemoteConnector) throws -> AccountTestReport {
        let account = try configuration().account(named: name)
        let secret = try credential(for: account)
        var warnings: [String] = []
        if account.gmail, !account.usesOAuth2, let warning = GmailPreset.passwordWarning(secret) {
            warnings.append(warning)
        }
        let session = try connector.connect(account, password: secret)
        defer { session.logout() }
        let chosen = try MailboxSelection.choose(
            from: session.mailboxes(), account: account, serverIsGmail: session.isGmail)
        if account.gmail && !session.isGmail {
            warnings.append("the server does not offer Gmail's extensions (X-GM-EXT-1)")
        }
        let counts = try chosen.map { ($0, try session.status(of: $0).messages) }
        return AccountTestReport(
            account: account, serverIsGmail: session.isGmail, mailboxes: counts, warnings: warnings)
    }
}
