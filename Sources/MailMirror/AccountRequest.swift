import Store

/// What `account add` was given, before defaults are applied.
public struct AccountRequest: Sendable {
    public var name: String
    public var email: String
    public var host: String?
    public var port: Int?
    public var security: ConnectionSecurity?
    public var password: PasswordSource?
    public var oauth2: OAuth2Source?
    public var caFile: String?
    public var mailboxes: [String] = []
    public var team: [String] = []
    public var since: String?
    public var gmail: Bool = false
    public var dailyBudgetMB: Int?

    public init(name: String, email: String, password: PasswordSource) {
        self.name = name
        self.email = email
        self.password = password
    }

    /// An account that signs in with OAuth 2.0 instead of a password.
    public init(name: String, email: String, oauth2: OAuth2Source) {
        self.name = name
        self.email = email
        self.oauth2 = oauth2
    }

    /// Applies the Gmail preset and port defaults, and checks every value.
    public func resolved() throws -> AccountConfiguration {
        guard Store.AccountName.isValid(name) else {
            throw MailMirrorError.invalidArgument(
                "account name \"\(name)\" must be 1 to 64 letters, digits, '.', '_', '-', '@' or '+', starting with a letter or digit"
            )
        }
        guard email.contains("@"), !email.contains(" ") else {
            throw MailMirrorError.invalidArgument("--email \"\(email)\" is not an e-mail address")
        }
        let isGmail = gmail || GmailPreset.isGmailAddress(email) || host?.lowercased() == GmailPreset.host
        guard let host = host ?? (isGmail ? GmailPreset.host : nil) else {
            throw MailMirrorError.invalidArgument(
                "--host is needed for \(email) (only Gmail addresses have a preset); or pass --gmail for a Google Workspace account"
            )
        }
        let security = security ?? .tls
        let port = port ?? (security == .tls ? 993 : 143)
        guard (1...65535).contains(port) else {
            throw MailMirrorError.invalidArgument("--port \(port) is not a TCP port")
        }
        if let since, DayStamp(since) == nil {
            throw MailMirrorError.invalidArgument("--since \(since) is not a day written YYYY-MM-DD")
        }
        for member in team where !member.contains("@") {
            throw MailMirrorError.invalidArgument(
                "--team \(member) must be an address (help@example.com) or a domain (@example.com)")
        }
        if let dailyBudgetMB, dailyBudgetMB < 0 {
            throw MailMirrorError.invalidArgument("--daily-budget must be 0 (no limit) or more megabytes")
        }
        return AccountConfiguration(
            name: name, email: email, host: host, port: port, security: security, password: password,
            oauth2: oauth2,
            caFile: caFile, mailboxes: mailboxes, team: team, since: since, gmail: isGmail,
            dailyBudgetMB: dailyBudgetMB)
    }
}
