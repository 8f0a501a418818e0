import Foundation
import MailMirror
import Terminal

/// The root command: global options and the list of commands.
enum MailmirrorCommand {
    static let version = "0.1.0"

    static let spec = CommandSpec(
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
            .option("root", value: "dir", help: "Where the mirror lives (default: $MAILMIRROR_ROOT, else $XDG_DATA_HOME/mailmirror)."),
            .flag("verbose", short: "v", help: "Say more, including the IMAP conversation (passwords are never shown)."),
        ],
        subcommands: [AccountCommand.spec, SyncCommand.spec, StatusCommand.spec, VerifyCommand.spec, ExportCommand.spec,
                      ReindexCommand.spec, SearchCommand.spec, ShowCommand.spec, ThreadCommand.spec, ReportCommand.spec]
    )

    /// The entry check of every command that answers from the catalog or the index: heals what a
    /// killed sync left, or throws a sentence naming `mailmirror reindex`; notices go to stderr.
    static func checkDerivedData(_ mirror: LocalMirror, _ invocation: Invocation) throws {
        for notice in try mirror.checkDerivedData() { invocation.output.warning(notice) }
    }

    /// The mirror chosen by `--root`, `MAILMIRROR_ROOT` or the XDG default.
    static func mirror(_ invocation: Invocation) -> LocalMirror {
        LocalMirror(root: MirrorPaths.resolveRoot(option: invocation.values.string("root"), environment: invocation.environment))
    }
}
