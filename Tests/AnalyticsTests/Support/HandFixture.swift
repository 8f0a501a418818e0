import Analytics
import MailCore

/// A handful of threads whose figures are worked out by hand in `VolumeTests`.
enum HandFixture {
    static let team = TeamMatcher(members: ["@help.example"])

    /// Seconds since 1970 for a UTC wall-clock time.
    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int = 0) -> Int64 {
        Int64(CalendarDay(year: y, month: m, day: d).dayNumber) * 86400 + Int64(h * 3600 + min * 60)
    }

    static func message(
        _ uid: UInt32, thread: String, from: String, name: String? = nil, date: Int64, reply: Bool,
        subject: String = "Question", text: String = "Hello, I need help.", mailbox: String = "INBOX",
        labels: [String] = [], messageId: String? = nil
    ) -> MessageSummary {
        let sender = EmailAddress(name: name, address: from)
        return MessageSummary(
            key: MessageKey(account: "demo", mailbox: mailbox, uidValidity: UIDValidity(1), uid: UID(uid)),
            messageId: messageId ?? "m\(uid)@fixture", date: date, from: sender, subject: subject, labels: labels,
            isReply: reply, direction: team.direction(of: sender), threadId: thread, size: 1000, replyText: text)
    }

    static var messages: [MessageSummary] {
        [
            // Previous window (2024-02-19 … 2024-03-03).
            message(1, thread: "P", from: "frank@acme.com", date: at(2024, 2, 26, 10), reply: false),
            message(2, thread: "P", from: "bob@help.example", name: "Bob", date: at(2024, 2, 26, 11), reply: true),
            // Week 10.
            message(
                3, thread: "A", from: "alice@acme.com", name: "Alice", date: at(2024, 3, 4, 9), reply: false,
                labels: ["Billing"]),
            message(
                4, thread: "A", from: "bob@help.example", name: "Bob", date: at(2024, 3, 4, 9, 30), reply: true,
                mailbox: "Sent"),
            message(
                5, thread: "A", from: "alice@acme.com", name: "Alice", date: at(2024, 3, 5, 10), reply: true,
                labels: ["Billing"]),
            message(
                6, thread: "B", from: "support@help.example", date: at(2024, 3, 4, 8), reply: false, mailbox: "Sent"),
            message(7, thread: "B", from: "carol@gmail.com", date: at(2024, 3, 6, 14), reply: true),
            message(
                8, thread: "B", from: "dan@help.example", name: "Dan", date: at(2024, 3, 6, 16), reply: true,
                mailbox: "Sent"),
            // Week 11.
            message(9, thread: "C", from: "dave@acme.com", date: at(2024, 3, 11, 23, 30), reply: false),
            message(10, thread: "D", from: "eve@example.org", date: at(2024, 3, 12, 8), reply: false),
            message(
                11, thread: "D", from: "bob@help.example", name: "Bob", date: at(2024, 3, 13, 8), reply: true,
                mailbox: "Sent"),
            message(
                12, thread: "D", from: "bob@help.example", name: "Bob", date: at(2024, 3, 13, 9), reply: true,
                mailbox: "Sent"),
        ]
    }

    static let options = ReportOptions(
        since: CalendarDay(year: 2024, month: 3, day: 4), until: CalendarDay(year: 2024, month: 3, day: 17),
        granularity: .week)
}
