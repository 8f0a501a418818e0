/// What one sync did for one account.
public struct AccountSyncResult: Sendable {
    public var account: String
    public var mailboxes: [MailboxSyncResult]
    /// Why the account as a whole failed or stopped (login refused, throttled …).
    public var error: String?
    public var errorIsTemporary: Bool
    /// Sentences for the user that are not failures (daily budget reached …).
    public var notices: [String]

    public init(account: String) {
        self.account = account
        self.mailboxes = []
        self.errorIsTemporary = false
        self.notices = []
    }

    /// Every failure, account-wide or per mailbox.
    public var failures: [(message: String, temporary: Bool)] {
        var all: [(String, Bool)] = []
        if let error { all.append((error, errorIsTemporary)) }
        for mailbox in mailboxes { if let error = mailbox.error { all.append((error, mailbox.errorIsTemporary)) } }
        return all
    }
}
