import FoundationEssentials
import MailMirror
import Terminal

/// `mailmirror export --maildir DIR`.
enum ExportCommand {
    static let spec = CommandSpec(
        "export", abstract: "Write the mirror as a plain uncompressed Maildir (for mutt, notmuch or mu).",
        options: [
            .option("maildir", value: "dir", help: "Where to write (DIR/<account>/<mailbox>/cur/…).", required: true)
        ]
    ) { invocation in
        let directory = URL(fileURLWithPath: try invocation.values.requiredString("maildir")).standardizedFileURL
        for (account, written) in try MailmirrorCommand.mirror(invocation).export(to: directory) {
            invocation.output.line(
                "\(account): \(HumanFormat.count(written)) messages written under \(directory.appendingPathComponent(account).path)"
            )
        }
        return .success
    }
}
