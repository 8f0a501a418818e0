import FoundationEssentials
import MailCore
import MailMirror
import Terminal

/// `mailmirror show ID`.
enum ShowCommand {
    static let spec = CommandSpec(
        "show", abstract: "Print one message: headers and decoded text, the exact bytes (--raw) or JSON.",
        arguments: [ArgumentSpec("id", help: "An id printed by search, or a Message-ID (angle brackets optional).")],
        options: [
            .flag("raw", help: "Print the exact bytes the server sent."),
            .flag("json", help: "Print the message as JSON (see README)."),
        ]
    ) { invocation in
        let mirror = MailmirrorCommand.mirror(invocation)
        try MailmirrorCommand.checkDerivedData(mirror, invocation)
        let message = try mirror.show(try invocation.values.requiredString("id"))
        let output = invocation.output
        let timeZone = HumanFormat.userTimeZone(environment: invocation.environment)
        if invocation.values.flag("raw") {
            output.write(String(decoding: message.raw, as: UTF8.self), to: .output)
            return .success
        }
        if invocation.values.flag("json") {
            JSONOutput.write(MessageJSON.summary(message.summary, timeZone: timeZone, text: message.text), to: output)
            return .success
        }
        let summary = message.summary
        let style = output.style
        func header(_ name: String, _ value: String) {
            guard !value.isEmpty else { return }
            output.line(style.apply(.bold, to: name + ":") + " " + value)
        }
        header("From", summary.from?.description ?? "")
        header("To", summary.to.map(\.description).joined(separator: ", "))
        header("Cc", summary.cc.map(\.description).joined(separator: ", "))
        header("Date", HumanFormat.date(Date(timeIntervalSince1970: TimeInterval(summary.date)), timeZone: timeZone))
        header("Subject", summary.subject)
        header(
            "Mailbox",
            "\(summary.key.account)/\(summary.key.mailbox) (UID \(summary.key.uid), UIDVALIDITY \(summary.key.uidValidity))"
        )
        header("Labels", summary.labels.joined(separator: ", "))
        header("Thread", summary.threadId)
        header("Direction", summary.direction == .team ? "team" : "customer")
        for attachment in summary.attachments {
            header(
                "Attachment",
                "\(attachment.filename) (\(attachment.contentType), \(HumanFormat.bytes(attachment.size)))")
        }
        output.line()
        output.line(message.text)
        return .success
    }
}
