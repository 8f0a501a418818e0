import FoundationEssentials
import MailMirror
import Terminal
import TextBasics

/// `mailmirror thread ID`.
enum ThreadCommand {
    static let spec = CommandSpec(
        "thread", abstract: "Print a whole thread in order: date, author, direction and what each wrote.",
        arguments: [
            ArgumentSpec(
                "id", help: "A message id printed by search, a Message-ID (angle brackets optional), or a thread id.")
        ],
        options: [.flag("json", help: "Print the thread as JSON (see README).")]
    ) { invocation in
        let mirror = MailmirrorCommand.mirror(invocation)
        try MailmirrorCommand.checkDerivedData(mirror, invocation)
        let (threadId, messages) = try mirror.thread(try invocation.values.requiredString("id"))
        let output = invocation.output
        let timeZone = HumanFormat.userTimeZone(environment: invocation.environment)
        if invocation.values.flag("json") {
            JSONOutput.write(
                .object([
                    ("threadId", .string(threadId)),
                    ("messages", .array(messages.map { MessageJSON.summary($0, timeZone: timeZone) })),
                ]), to: output)
            return .success
        }
        let style = output.style
        output.line(
            style.apply(.bold, to: messages.first?.subject ?? "")
                + style.apply(.dim, to: "  (\(messages.count) messages, thread \(threadId))"))
        for message in messages {
            output.line()
            let who = message.from.map { $0.name ?? $0.address } ?? "(unknown)"
            let direction =
                message.direction == .team ? style.apply(.green, to: "team") : style.apply(.cyan, to: "customer")
            output.line(
                "\(HumanFormat.date(Date(timeIntervalSince1970: TimeInterval(message.date)), timeZone: timeZone))  \(style.apply(.bold, to: who))  \(direction)  \(style.apply(.dim, to: message.id))"
            )
            let text = message.replyText.trimmed(.whitespacesAndNewlines)
            for line in (text.isEmpty ? "(nothing new: quoted history only)" : text).split(
                separator: "\n", omittingEmptySubsequences: false)
            {
                output.line("    " + line)
            }
        }
        return .success
    }
}
