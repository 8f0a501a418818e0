import Foundation
import MailMirror
import Terminal

/// `mailmirror account add|list|remove|test`.
enum AccountCommand {
    static let spec = CommandSpec(
        "account", abstract: "Add, list, test or remove the accounts to mirror.",
        subcommands: [add, list, remove, AccountTestCommand.spec])

    static let add = CommandSpec(
        "add", abstract: "Add an account (the password itself is never stored, only where to read it).",
        discussion: """
            For Gmail, create an app password first: turn on 2-Step Verification at \
            https://myaccount.google.com/security, then make one at https://myaccount.google.com/apppasswords. \
            Give exactly one of --password-file, --password-command, --password-env; on a terminal with none \
            of them, the password is asked for without echo and kept in the desktop keyring (secret-tool).
            """,
        arguments: [ArgumentSpec("name", help: "A short name for the account, e.g. support.")],
        options: [
            .option("email", value: "addr", help: "The account's address (the login).", required: true),
            .flag("gmail", help: "Use the Gmail preset (automatic for gmail.com addresses; for Google Workspace domains)."),
            .option("host", value: "host", help: "IMAP server (default for Gmail: imap.gmail.com)."),
            .option("port", value: "port", help: "IMAP port (default 993 with tls, 143 with starttls)."),
            .option("security", value: "mode", help: "tls (implicit, port 993) or starttls.", allowedValues: ["tls", "starttls"]),
            .option("password-file", value: "file", help: "A file holding the app password (must be mode 600)."),
            .option("password-command", value: "cmd", help: "A command printing the app password, e.g. 'pass show gmail'."),
            .option("password-env", value: "var", help: "An environment variable holding the app password."),
            .option("ca-file", value: "pem", help: "Trust this CA bundle (a private server); certificates are always verified."),
            .option("mailbox", value: "name", help: "A server mailbox to mirror (repeatable; default: Gmail's All Mail, else INBOX and Sent).", repeatable: true),
            .option("team", value: "addr|@domain", help: "The help-center team's own addresses or domains (repeatable).", repeatable: true),
            .option("since", value: "yyyy-mm-dd", help: "Only mirror mail received on or after this day."),
            .option("daily-budget", value: "mb", help: "Most megabytes to download a day (Gmail default 2000; 0 for no limit)."),
        ]
    ) { invocation in
        let values = invocation.values
        let mirror = MailmirrorCommand.mirror(invocation)
        let name = try values.requiredString("name")
        let sources = [values.string("password-file").map { PasswordSource.file(absolute($0)) },
                       values.string("password-command").map(PasswordSource.command),
                       values.string("password-env").map(PasswordSource.environment)].compactMap { $0 }
        guard sources.count <= 1 else {
            throw UsageError("give only one of --password-file, --password-command, --password-env")
        }
        let source: PasswordSource
        if let given = sources.first {
            source = given
        } else {
            source = try PromptedPassword.storeInKeyring(account: name, output: invocation.output)
        }
        var request = AccountRequest(name: name, email: try values.requiredString("email"), password: source)
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
        invocation.output.line("Added account \(account.name) (\(account.email) on \(account.host):\(account.port), \(account.security.rawValue)).")
        invocation.output.line("Next: mailmirror account test \(account.name), then mailmirror sync.")
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
            invocation.output.line("No accounts yet. Add one with: mailmirror account add NAME --email ADDR --password-file FILE")
            return .success
        }
        var table = Table(columns: [.init("NAME"), .init("EMAIL"), .init("SERVER"), .init("MAILBOXES", flexible: true), .init("PASSWORD", flexible: true)])
        for account in accounts {
            table.append([account.name, account.email, "\(account.host):\(account.port) \(account.security.rawValue)",
                          account.mailboxes.isEmpty ? (account.gmail ? "All Mail" : "INBOX, Sent") : account.mailboxes.joined(separator: ", "),
                          account.password.summary])
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
        invocation.output.line("Removed account \(name). Its mirrored mail is still under the mirror's accounts/\(name) folder.")
        return .success
    }

    /// Paths are kept absolute: cron runs from another folder.
    static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

    /// `account list --json`: one object per account; the password appears only as its source.
    static func json(_ account: AccountConfiguration) -> JSONValue {
        var password: [(String, JSONValue)] = []
        switch account.password {
        case .file(let path): password = [("file", .string(path))]
        case .command(let command): password = [("command", .string(command))]
        case .environment(let name): password = [("env", .string(name))]
        }
        return .object([
            ("name", .string(account.name)), ("email", .string(account.email)), ("host", .string(account.host)),
            ("port", .int(account.port)), ("security", .string(account.security.rawValue)), ("gmail", .bool(account.gmail)),
            ("mailboxes", .array(account.mailboxes.map { .string($0) })), ("team", .array(account.team.map { .string($0) })),
            ("since", account.since.map { .string($0) } ?? .null), ("caFile", account.caFile.map { .string($0) } ?? .null),
            ("password", .object(password)),
        ])
    }
}
