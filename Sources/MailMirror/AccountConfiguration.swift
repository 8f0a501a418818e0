import MailCore

/// One mirrored account as stored in config.json. Holds the password's source (or the OAuth 2.0
/// references), never the password or a token.
public struct AccountConfiguration: Codable, Sendable, Hashable {
    public var name: String
    public var email: String
    public var host: String
    public var port: Int
    public var security: ConnectionSecurity
    /// Where the app password comes from; nil for an account that signs in with OAuth 2.0.
    public var password: PasswordSource?
    /// Set for an account that signs in with OAuth 2.0 (XOAUTH2 / OAUTHBEARER) instead of a password.
    public var oauth2: OAuth2Source?
    /// A PEM bundle to trust instead of the system's (a private server's CA).
    public var caFile: String?
    /// Server mailbox names to mirror; empty means the preset's choice (Gmail: `\All`;
    /// elsewhere INBOX plus the `\Sent` mailbox).
    public var mailboxes: [String]
    /// The help-center team: addresses and `@domain`s. The account's own address is always one.
    public var team: [String]
    /// Only messages received on or after this day (YYYY-MM-DD) are mirrored.
    public var since: String?
    /// Gmail preset: `\All` through SPECIAL-USE, X-GM-EXT-1, the daily download budget.
    public var gmail: Bool
    /// Most bytes to download per UTC day (Gmail allows about 2,500 MB a day over IMAP).
    public var dailyBudgetMB: Int?

    public init(
        name: String, email: String, host: String, port: Int, security: ConnectionSecurity,
        password: PasswordSource?, oauth2: OAuth2Source? = nil, caFile: String? = nil, mailboxes: [String] = [],
        team: [String] = [],
        since: String? = nil, gmail: Bool = false, dailyBudgetMB: Int? = nil
    ) {
        self.name = name
        self.email = email
        self.host = host
        self.port = port
        self.security = security
        self.password = password
        self.oauth2 = oauth2
        self.caFile = caFile
        self.mailboxes = mailboxes
        self.team = team
        self.since = since
        self.gmail = gmail
        self.dailyBudgetMB = dailyBudgetMB
    }

    /// The default budget for Gmail stays below its 2,500 MB/day limit so other clients keep working.
    public static let gmailDefaultBudgetMB = 2_000

    public var effectiveBudgetBytes: Int64? {
        if let dailyBudgetMB { return dailyBudgetMB > 0 ? Int64(dailyBudgetMB) * 1_000_000 : nil }
        return gmail ? Int64(Self.gmailDefaultBudgetMB) * 1_000_000 : nil
    }

    /// True when the account signs in with OAuth 2.0.
    public var usesOAuth2: Bool { oauth2 != nil }

    /// The team as a matcher, always including the account's own address.
    public var teamMatcher: TeamMatcher { TeamMatcher(members: [email] + team) }
}
