import FoundationEssentials
import MailMirror
import Terminal

/// The root command: global options and the list of commands.
enum MailmirrorCommand {
    static let version = "0.1.0"

    /// The whole tree: help, the man page and the completions list every command.
    static var spec: CommandSpec { spec(subcommands: names.compactMap(subcommand(named:))) }

    /// The tree for `arguments`: when they name a command (after the global options only), the root
    /// with that one command, so a search does not build every other command's options, closures
    /// and help text at each start; the whole tree for anything else (help, a mistake, no command),
    /// so what is shown and suggested is what it always was (see `CommandParser.commandName(in:)`).
    static func spec(for arguments: [String]) -> CommandSpec {
        var root = spec(subcommands: [])
        // `--version` alone needs no command at all.
        if arguments == ["--version"] { return root }
        guard let name = CommandParser(root: root, hasVersion: true).commandName(in: arguments),
            let command = subcommand(named: name)
        else { return spec }
        root.subcommands = [command]
        return root
    }

    /// The commands, in the order help lists them.
    static let names = [
        "account", "sync", "status", "verify", "export", "reindex", "search", "show", "thread", "report",
    ]

    /// The command called `name`, built only when asked for.
    static func subcommand(named name: String) -> CommandSpec? {
        switch name {
        case "account": AccountCommand.spec
        case "sync": SyncCommand.spec
        case "status": StatusCommand.spec
        case "verify": VerifyCommand.spec
        case "export": ExportCommand.spec
        case "reindex": ReindexCommand.spec
        case "search": SearchCommand.spec
        case "show": ShowCommand.spec
        case "thread": ThreadCommand.spec
        case "report": ReportCommand.spec
        default: nil
        }
    }

    /// The root command with `subcommands` under it.
    static func spec(subcommands: [CommandSpec]) -> CommandSpec {
        CommandSpec(
            "mailmirror",
            abstract: "Mirror a Gmail or IMAP support mailbox offline, search it and report on it.",
            discussion: """
                mailmirror keeps a read-only, crash-safe copy of an account's mail (gzip files keyed by \
                UIDVALIDITY/UID), searches it with no network and writes help-center reports.
                Gmail accounts connect with an app password (16 letters, made after turning on 2-Step \
                Verification), never the normal Google password; where app passwords are not allowed, with \
                OAuth 2.0 (`account add --oauth2`, then `account authorize`).
                """,
            options: [
                .option(
                    "root", value: "dir",
                    help: "Where the mirror lives (default: $MAILMIRROR_ROOT, else $XDG_DATA_HOME/mailmirror)."),
                .flag(
                    "verbose", short: "v",
                    help: "Say more, including the IMAP conversation (passwords are never shown)."),
            ],
            subcommands: subcommands
        )
    }

    /// The entry check of every command that answers from the catalog or the index: heals what a
    /// killed sync left, or throws a sentence naming `mailmirror reindex`; notices go to stderr.
    static func checkDerivedData(_ mirror: LocalMirror, _ invocation: Invocation) throws {
        for notice in try mirror.checkDerivedData() { invocation.output.warning(notice) }
    }

    /// What `mailmirror --generate-manual` adds after the commands (README: Commands, On disk).
    static let manualSections: [(title: String, paragraphs: [String])] = [
        (
            "Exit status",
            [
                "0\tEverything asked for was done.",
                "1\tThe command failed (a refused login, damage found by verify...).",
                "64\tThe command line was wrong; nothing was done.",
                "75\tTry again later: network down, server throttling, or another sync holds the mirror's lock. "
                    + "The systemd timer retries it.",
            ]
        ),
        (
            "Environment",
            [
                "MAILMIRROR_ROOT\tWhere the mirror lives when --root is not given.",
                "XDG_DATA_HOME\tThe default root is $XDG_DATA_HOME/mailmirror (~/.local/share/mailmirror).",
                "TZ\tDays in dates, after: and before: are days in this time zone (UTC when unset).",
                "NO_COLOR\tNo colours on a terminal.",
            ]
        ),
        (
            "Files",
            [
                "<root>/config.json\tAccounts; passwords only by reference (a file, a command or a variable).",
                "<root>/lock\tHeld by a running sync: a second sync exits with 75 at once.",
                "<root>/accounts/\tThe mirrored messages, gzip files of the exact bytes the server sent.",
                "<root>/catalog/, <root>/index/\tDerived; mailmirror reindex rebuilds them.",
            ]
        ),
        ("See also", ["systemctl(1), systemd.timer(5), crontab(5); the README in mailmirror's repository."]),
    ]

    /// The mirror chosen by `--root`, `MAILMIRROR_ROOT` or the XDG default.
    static func mirror(_ invocation: Invocation) -> LocalMirror {
        LocalMirror(
            paths: MirrorPaths.resolve(option: invocation.values.string("root"), environment: invocation.environment))
    }
}
