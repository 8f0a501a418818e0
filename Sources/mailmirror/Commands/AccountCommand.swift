import FoundationEssentials
import MailMirror
import Terminal

/// `mailmirror account add|list|remove|test|authorize`.
enum AccountCommand {
    static let spec = CommandSpec(
        "account", abstract: "Add, list, test or remove the accounts to mirror.",
        subcommands: [add, list, remove, AccountTestCommand.spec, AccountAuthorizeCommand.spec])

    static let add = CommandSpec(
        "add", abstract: "Add an account (the password itself is never stored, only where to read it).",
        discussion: """
            For Gmail, create an app password first: turn on 2-Step Verification at \
            https://myaccount.google.com/security, then make one at https://myaccount.google.com/apppasswords. \
            Give exactly one of --password-file, --password-command, --password-env; on a terminal with none \
            of them, the password is asked for without echo and kept in the desktop keyring (secret-tool).
            Where app passwords are not allowed, sign in with OAuth 2.0 instead: --oauth2-token-command CMD \
            (a helper printing a fresh access token), or --oauth2 and then `mailmirror account authorize NAME` \
            (Google's sign-in in a browser; see README).
            """,
        arguments: [ArgumentSpec("name", help: "A short name for the account, e.g. support.")],
        options: [
            .option("email", value: "addr", help: "The account's address (the login).", required: true),
            .flag(
                "gmail", help: "Use the Gmail preset (automatic for gmail.com addresses; for Google Workspace domains)."
            ),
            .option("host", value: "host", help: "IMAP server (default for Gmail: imap.gmail.com)."),
            .option("port", value: "port", help: "IMAP port (default 993 with tls, 143 with starttls)."),
            .option(
                "security", value: "mode", help: "tls (implicit, port 993) or starttls.",
                allowedValues: ["tls", "starttls"]),
            .option("password-file", value: "file", help: "A file holding the app password (must be mode 600)."),
            .option(
                "password-command", value: "cmd", help: "A command printing the app password, e.g. 'pass show gmail'."),
            .option("password-env", value: "var", help: "An environment variable holding the app password."),
            .option(
                "oauth2-token-command", value: "cmd",
                help: "Sign in with OAuth 2.0: a command printing a fresh access token."),
            .flag(
                "oauth2", help: "Sign in with OAuth 2.0 through Google's sign-in: run `account authorize NAME` next."),
            .option(
                "ca-file", value: "pem",
                help: "Trust this CA bundle (a private server); certificates are always verified."),
            .option(
                "mailbox", value: "name",
                help: "A server mailbox to mirror (repeatable; default: Gmail's All Mail, else INBOX and Sent).",
                repeatable: true),
            .option(
                "team", value: "addr|@domain", help: "The help-center team's own addresses or domains (repeatable).",
                repeatable: true),
            .option("since", value: "yyyy-mm-dd", help: "Only mirror mail received on or after this day."),
            .option(
                "daily-budget", value: "mb",
                help: "Most megabytes to download a day (Gmail default 2000; 0 for no limit)."),
        ]
    ) { invocation in
        let values = invocation.values
        let mirror = MailmirrorCommand.mirror(invocation)
        let name = try values.requiredString("name")
        let sources = [
            values.string("password-file").map { PasswordSource.file(absolute($0)) },
            values.string("password-command").map(PasswordSource.command),
            values.string("password-env").map(PasswordSource.environment),
        ].compactMap { $0 }
        let oauth2 =
            values.string("oauth2-token-command").map(OAuth2Source.tokenCommand)
            ?? (values.flag("oauth2") ? .unauthorized : nil)
        guard sources.count + (oauth2 == nil ? 0 : 1) <= 1,
            !(values.flag("oauth2") && values.string("oauth2-token-command") != nil)
        else {
            throw UsageError(
                "give only one of --password-file, --password-command, --password-env, --oauth2-token-command, --oauth2"
            )
        }
        let email = try values.requiredString("email")
        var request: AccountRequest
        if let oauth2 {
            request = AccountRequest(name: name, email: email, oauth2: oauth2)
        } else if let given = sources.first {
            request = AccountRequest(name: name, email: email, password: given)
        } else {
            request = AccountRequest(
                name: name, email: email,
                password: try PromptedPassword.storeInKeyring(account: name, output: invocation.output))
        }
        request.gmail = values.flag("gmail")
        request.host = values.string("host")
        request.port = try values.int("port", in: 1...65535)
        request.security = values.string("security").flatMap(ConnectionSecurity.init(rawValue:))
        request.caFile = values.string("ca-file").map(absolute)
        request.mailboxes = values.strings("mailbox")
        request.team = values.strings("team")
        request.since = values.string("since")
        request.dailyBudgetMB = try values.int("daily-budget", in: 0...1_000_000)
        let (account, warnings) = try mirror.addAccount(request)
        for warning in warnings { invocation.output.warning(warning) }
        invocation.output.line(
            "Added account \(account.name) (\(account.email) on \(account.host):\(account.port), \(account.security.rawValue))."
        )
        if case .unauthorized? = account.oauth2 {
            invocation.output.line(
                "Next: mailmirror account authorize \(account.name) --client-id ID --client-secret-file FILE, then mailmirror sync."
            )
        } else {
            invocation.output.line("Next: mailmirror account test \(account.name), then mailmirror sync.")
        }
        return .success
    }

    static let list = CommandSpec(
        "list", abstract: "List the accounts.",
        options: [.flag("json", help: "Print the accounts as JSON.")]
    ) { invocation in
        let accounts = try MailmirrorCommand.mirror(invocation).configuration().accounts
        if invocation.values.flag("json") {
            JSONOutput.write(.array(accounts.map(json)), to: invocation.output)
            return .success
        }
        guard !accounts.isEmpty else {
            invocation.output.line(
                "No accounts yet. Add one with: mailmirror account add NAME --email ADDR --password-file FILE")
            return .success
        }
        var table = Table(columns: [
            .init("NAME"), .init("EMAIL"), .init("SERVER"), .init("MAILBOXES", flexible: true),
            .init("PASSWORD", flexible: true),
        ])
        for account in accounts {
            table.append([
                account.name, account.email, "\(account.host):\(account.port) \(account.security.rawValue)",
                account.mailboxes.isEmpty
                    ? (account.gmail ? "All Mail" : "INBOX, Sent") : account.mailboxes.joined(separator: ", "),
                account.oauth2?.summary ?? account.password?.summary ?? "",
            ])
        }
        invocation.output.write(table.render(for: invocation.output.capabilities), to: .output)
        return .success
    }

    static let remove = CommandSpec(
        "remove", abstract: "Forget an account (its mirrored mail stays on disk).",
        arguments: [ArgumentSpec("name", help: "The account to remove.")]
    ) { invocation in
        let name = try invocation.values.requiredString("name")
        try MailmirrorCommand.mirror(invocation).removeAccount(named: name)
        invocation.output.line(
            "Removed account \(name). Its mirrored mail is still under the mirror's accounts/\(name) folder.")
        return .success
    }

    /// Paths are kept absolute: cron runs from another folder.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// `account list --json`: one object per account; the password and the OAuth 2.0 tokens appear
    /// only as their sources. `auth` is "password" or "oauth2"; `password` is null for the latter and
    /// `oauth2` for the former.
    static func json(_ account: AccountConfiguration) -> JSONValue {
        var password: JSONValue = .null
        switch account.password {
        case .file(let path)?: password = .object([("file", .string(path))])
        case .command(let command)?: password = .object([("command", .string(command))])
        case .environment(let name)?: password = .object([("env", .string(name))])
        case nil: break
        }
        let oauth2: JSONValue = account.oauth2.map { .object($0.fields.map { ($0.key, .string($0.value)) }) } ?? .null
        return .object([
            ("name", .string(account.name)), ("email", .string(account.email)), ("host", .string(account.host)),
            ("port", .int(account.port)), ("security", .string(account.security.rawValue)),
            ("gmail", .bool(account.gmail)),
            ("mailboxes", .array(account.mailboxes.map { .string($0) })),
            ("team", .array(account.team.map { .string($0) })),
            ("since", account.since.map { .string($0) } ?? .null),
            ("caFile", account.caFile.map { .string($0) } ?? .null),
            ("password", password), ("auth", .string(account.usesOAuth2 ? "oauth2" : "password")), ("oauth2", oauth2),
        ])
    }
}
