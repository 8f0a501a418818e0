import MailMirror
import Terminal

/// `mailmirror account test NAME`.
enum AccountTestCommand {
    static let spec = CommandSpec(
        "test", abstract: "Connect, log in and list the mailboxes that will be mirrored, with their message counts.",
        arguments: [ArgumentSpec("name", help: "The account to test.")],
        options: [
            .option("timeout", value: "seconds", help: "Give up on a server silent for this long.", defaultValue: "30")
        ]
    ) { invocation in
        let timeout = try invocation.values.declaredInt("timeout", in: 1...3600)
        let report = try MailmirrorCommand.mirror(invocation).testAccount(
            named: try invocation.values.requiredString("name"),
            connector: IMAPConnector(timeout: Double(timeout), trace: Verbose.imapTrace(invocation)))
        let output = invocation.output
        for warning in report.warnings { output.warning(warning) }
        let account = report.account
        output.line(
            "Connected to \(account.host):\(account.port) (\(account.security == .tls ? "TLS" : "STARTTLS"), certificate verified) and logged in as \(account.email)\(report.serverIsGmail ? " (Gmail)" : "")."
        )
        output.line("Will mirror:")
        for mailbox in report.mailboxes {
            output.line("  \(mailbox.name): \(HumanFormat.count(mailbox.messages)) messages")
        }
        output.line(output.style.apply(.green, to: "The connection works."))
        return .success
    }
}
