import FoundationEssentials
import MailCore
import Terminal
import Zones

/// The JSON shapes of messages shared by `show`, `thread` and `search` (see README).
enum MessageJSON {
    static func address(_ address: EmailAddress?) -> JSONValue {
        guard let address else { return .null }
        return .object([("name", address.name.map { .string($0) } ?? .null), ("address", .string(address.address))])
    }

    /// ISO 8601 with the offset of the user's time zone (`TZ`, UTC when unset).
    static func date(_ seconds: Int64, timeZone: Zone) -> JSONValue {
        .string(HumanFormat.iso8601(Date(timeIntervalSince1970: TimeInterval(seconds)), timeZone: timeZone))
    }

    /// `show --json` without `text` (and `thread --json`'s messages).
    static func summary(_ summary: MessageSummary, timeZone: Zone, text: String? = nil) -> JSONValue {
        var fields: [(String, JSONValue)] = [
            ("id", .string(summary.id)), ("account", .string(summary.key.account)),
            ("mailbox", .string(summary.key.mailbox)),
            ("uidvalidity", .int(Int(summary.key.uidValidity.rawValue))), ("uid", .int(Int(summary.key.uid.rawValue))),
            ("messageId", summary.messageId.map { .string($0) } ?? .null), ("threadId", .string(summary.threadId)),
            ("date", date(summary.date, timeZone: timeZone)), ("from", address(summary.from)),
            ("to", .array(summary.to.map(address))), ("cc", .array(summary.cc.map(address))),
            ("subject", .string(summary.subject)), ("labels", .array(summary.labels.map { .string($0) })),
            ("isReply", .bool(summary.isReply)), ("direction", .string(summary.direction.rawValue)),
            (
                "attachments",
                .array(
                    summary.attachments.map { attachment in
                        .object([
                            ("filename", .string(attachment.filename)),
                            ("contentType", .string(attachment.contentType)),
                            ("size", .int(attachment.size)),
                        ])
                    })
            ),
        ]
        if let text { fields.append(("text", .string(text))) }
        fields.append(("replyText", .string(summary.replyText)))
        return .object(fields)
    }
}
