import FoundationEssentials
import MailMirror
import Terminal

/// `mailmirror sync`: mirror what is new, read-only.
enum SyncCommand {
    static let spec = CommandSpec(
        "sync", abstract: "Mirror new mail from the accounts' servers (read-only: nothing on the server changes).",
        discussion: """
            Downloads only what is new since the last run, keeps flags and deletions up to date (deleted \
            messages stay in the mirror, marked), and can be killed at any moment: the next run resumes \
            without downloading again what was stored. Exit code 75 means try again later (network down, \
            Gmail throttling, or another sync still holds the mirror's lock: this one then does nothing).
            """,
        arguments: [ArgumentSpec("name", help: "Accounts to sync (all when none is named).", arity: .zeroOrMore)],
        options: [
            .flag("json", help: "Print what was done as JSON (see README)."),
            .flag("quiet", short: "q", help: "Print nothing but errors."),
            .option("timeout", value: "seconds", help: "Give up on a server silent for this long.", defaultValue: "60"),
        ]
    ) { invocation in
        let values = invocation.values
        let output = invocation.output
        let json = values.flag("json")
        let quiet = values.flag("quiet") || json
        let timeout = try values.declaredInt("timeout", in: 1...3600)
        let connector = IMAPConnector(timeout: Double(timeout), trace: Verbose.imapTrace(invocation))
        let observer = SyncProgressObserver(output: output, quiet: quiet)
        let results = try MailmirrorCommand.mirror(invocation).sync(
            accounts: values.strings("name"), connector: connector, observer: observer)

        if json {
            JSONOutput.write(.object([("accounts", .array(results.map(Self.json)))]), to: output)
        } else if !values.flag("quiet") {
            for result in results { summary(result, output: output) }
        }
        for result in results {
            for notice in result.notices { output.warning(notice) }
            for failure in result.failures { output.errorLine("Error: \(result.account): \(failure.message)") }
        }
        let failures = results.flatMap(\.failures)
        if failures.isEmpty { return .success }
        return failures.allSatisfy(\.temporary) ? .temporary : .failure
    }

    static func summary(_ result: AccountSyncResult, output: OutputSink) {
        for mailbox in result.mailboxes where mailbox.error == nil {
            var parts = ["\(HumanFormat.count(mailbox.fetched)) new (\(HumanFormat.bytes(mailbox.bytes)))"]
            if mailbox.flagsChanged > 0 { parts.append("\(HumanFormat.count(mailbox.flagsChanged)) flag changes") }
            if mailbox.expunged > 0 {
                parts.append("\(HumanFormat.count(mailbox.expunged)) deleted on the server (kept here)")
            }
            if mailbox.remaining > 0 { parts.append("\(HumanFormat.count(mailbox.remaining)) left for later") }
            output.line("\(result.account)/\(mailbox.mailbox): \(parts.joined(separator: ", "))")
        }
    }

    /// The `sync --json` contract: `{"accounts":[{"account","mailboxes":[{"mailbox","uidvalidity","fetched","bytes","flagsChanged","expunged"}]}]}`.
    static func json(_ result: AccountSyncResult) -> JSONValue {
        .object([
            ("account", .string(result.account)),
            (
                "mailboxes",
                .array(
                    result.mailboxes.map { mailbox in
                        .object([
                            ("mailbox", .string(mailbox.mailbox)),
                            ("uidvalidity", mailbox.uidValidity.map { .int(Int($0.rawValue)) } ?? .null),
                            ("fetched", .int(mailbox.fetched)),
                            ("bytes", .int(Int(mailbox.bytes))),
                            ("flagsChanged", .int(mailbox.flagsChanged)),
                            ("expunged", .int(mailbox.expunged)),
                            ("remaining", .int(mailbox.remaining)),
                            ("error", mailbox.error.map { .string($0) } ?? .null),
                        ])
                    })
            ),
            ("error", result.error.map { .string($0) } ?? .null),
            ("notices", .array(result.notices.map { .string($0) })),
        ])
    }
}
