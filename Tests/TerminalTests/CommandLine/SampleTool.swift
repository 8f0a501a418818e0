import Terminal

/// A command tree shaped like mailmirror's, used by the parser, help and tool tests.
enum SampleTool {
    static let root = CommandSpec(
        "mailmirror",
        abstract: "Mirror a Gmail or IMAP mailbox offline, search it, and report on it.",
        discussion: "The mirror lives under --root (or MAILMIRROR_ROOT); nothing is ever changed on the server.",
        options: [
            .option("root", value: "dir", help: "The folder holding the mirror, its index and its state."),
            .flag("verbose", short: "v", help: "Explain what is being done, on standard error."),
        ],
        subcommands: [account, sync, search]
    )

    static let account = CommandSpec(
        "account",
        abstract: "Add, list, test and remove accounts.",
        subcommands: [
            CommandSpec(
                "add",
                abstract: "Add an account to mirror.",
                discussion: """
                    Give the app password with one of --password-file, --password-command or
                    --password-env; on a terminal, without any of them, it is asked for.
                      Example: mailmirror account add support --email help@example.com
                    """,
                arguments: [ArgumentSpec("name", help: "A short name for the account.")],
                options: [
                    .option("email", value: "address", help: "The account's address.", required: true),
                    .option("host", value: "host", help: "IMAP server (a Gmail address needs none)."),
                    .option("port", value: "port", help: "IMAP port.", defaultValue: "993"),
                    .option(
                        "security", value: "mode", help: "How the connection is protected.",
                        defaultValue: "tls", allowedValues: ["tls", "starttls"]),
                    .option(
                        "mailbox", value: "name", help: "A mailbox to mirror; repeat for several.", repeatable: true),
                    .option(
                        "team", value: "address-or-domain",
                        help: "An address or @domain of the help-center team, whose replies are outbound in reports.",
                        repeatable: true),
                    .option("password-file", value: "file", help: "Read the app password from this file (mode 0600)."),
                    .flag("gmail", help: "Use Gmail's settings whatever the address."),
                ],
                handler: { invocation in
                    invocation.output.line("added \(try invocation.values.requiredString("name"))")
                    return .success
                }),
            CommandSpec(
                "list", abstract: "List the accounts.", options: [.flag("json", help: "Print the list as JSON.")],
                handler: { _ in .success }),
        ]
    )

    static let sync = CommandSpec(
        "sync",
        abstract: "Mirror new mail from the accounts' servers.",
        arguments: [ArgumentSpec("name", help: "Accounts to sync (all when none is named).", arity: .zeroOrMore)],
        options: [
            .flag("json", help: "Print what was fetched as JSON."),
            .flag("quiet", short: "q", help: "Print nothing but errors."),
            .option(
                "timeout", short: "t", value: "seconds", help: "Give up on a silent server after this long.",
                defaultValue: "60"),
            .option("budget", value: "MB", help: "Daily download budget in megabytes."),
        ],
        handler: { invocation in
            let timeout = try invocation.values.int("timeout", in: 1...3600)!
            let root = invocation.values.string("root") ?? invocation.environment["MAILMIRROR_ROOT"] ?? "-"
            invocation.output.line("sync \(invocation.values.strings("name")) timeout=\(timeout) root=\(root)")
            return .success
        }
    )

    static let search = CommandSpec(
        "search",
        abstract: "Search the mirror with Gmail's operators.",
        arguments: [
            ArgumentSpec("query", help: "The query, e.g. 'from:@example.com \"mot de passe\"'."),
            ArgumentSpec("extra", help: "An optional second word.", arity: .optional),
        ],
        options: [
            .option("limit", short: "n", value: "n", help: "Show at most N hits; 0 for all.", defaultValue: "50"),
            .option(
                "sort", value: "order", help: "Order of the hits.", defaultValue: "relevance",
                allowedValues: ["relevance", "date"]),
            .flag("json", help: "Print the hits as JSON."),
            .flag("threads", help: "Group hits by thread."),
            .flag("debug-ranking", help: "Show scores.", hidden: true),
        ],
        handler: { invocation in
            throw SampleFailure()
        }
    )

    static let tool = CommandLineTool(root: root, version: "mailmirror 0.1.0")
}

struct SampleFailure: UserFacingError {
    var userMessage: String { "The index is missing. Run 'mailmirror reindex'." }
    var exitCode: ExitCode { .temporary }
}
