import FoundationEssentials
import MailMirror
import Terminal
import Zones

/// `mailmirror status`: what is mirrored, from the local store only.
enum StatusCommand {
    static let spec = CommandSpec(
        "status", abstract: "Show what is mirrored: messages, size on disk, last sync, anything wrong (no network).",
        options: [.flag("json", help: "Print the status as JSON (see README).")]
    ) { invocation in
        let mirror = MailmirrorCommand.mirror(invocation)
        let reports = try mirror.status()
        let derived = try mirror.derivedDataProblems()
        let output = invocation.output
        if invocation.values.flag("json") {
            JSONOutput.write(
                .object([
                    ("mailboxes", .array(reports.map(json))),
                    (
                        "derived",
                        .array(
                            derived.map { problem in
                                .object([
                                    ("kind", .string(problem.kind.rawValue)), ("damage", .bool(problem.isDamage)),
                                    ("message", .string(problem.message)),
                                ])
                            })
                    ),
                ]), to: output)
            return derived.contains(where: \.isDamage) ? .failure : .success
        }
        guard !reports.isEmpty else {
            output.line("Nothing mirrored yet. Run: mailmirror sync")
            return .success
        }
        let zone = HumanFormat.userTimeZone(environment: invocation.environment)
        var table = Table(columns: [
            .init("ACCOUNT"), .init("MAILBOX", flexible: true), .init("MESSAGES", alignment: .right),
            .init("DELETED ON SERVER", alignment: .right), .init("ON DISK", alignment: .right),
            .init("LAST SYNC"), .init("UIDVALIDITY", alignment: .right), .init("NOTE", flexible: true),
        ])
        for report in reports {
            let lastSync =
                report.lastSync.map { HumanFormat.date(Date(timeIntervalSince1970: TimeInterval($0)), timeZone: zone) }
                ?? "never"
            var note = report.problem ?? (report.complete ? "" : "incomplete: the next sync carries on")
            if report.olderEpochMessages > 0 {
                note += (note.isEmpty ? "" : "; ") + "\(report.olderEpochMessages) from earlier UIDVALIDITY"
            }
            table.append([
                report.account, report.mailbox, HumanFormat.count(report.messages), HumanFormat.count(report.expunged),
                HumanFormat.bytes(report.bytesOnDisk), lastSync, report.uidValidity.map { "\($0)" } ?? "-", note,
            ])
        }
        output.write(table.render(for: output.capabilities), to: .output)
        // The counts above are the store's own; say when search and reports do not see all of it.
        for problem in derived { output.line("\(problem.isDamage ? "damaged" : "note"): \(problem.message)") }
        return reports.contains { $0.problem != nil } || derived.contains(where: \.isDamage) ? .failure : .success
    }

    /// `status --json`: `{"mailboxes":[{"account","mailbox","uidvalidity","messages","expunged","olderEpochMessages","bytesOnDisk","lastSync","complete","problem"}]}`.
    static func json(_ report: MailboxStatusReport) -> JSONValue {
        .object([
            ("account", .string(report.account)), ("mailbox", .string(report.mailbox)),
            ("uidvalidity", report.uidValidity.map { .int(Int($0.rawValue)) } ?? .null),
            ("messages", .int(report.messages)), ("expunged", .int(report.expunged)),
            ("olderEpochMessages", .int(report.olderEpochMessages)), ("bytesOnDisk", .int(Int(report.bytesOnDisk))),
            (
                "lastSync",
                report.lastSync.map {
                    .string(
                        HumanFormat.iso8601(
                            Date(timeIntervalSince1970: TimeInterval($0)), timeZone: Zone.utc))
                } ?? .null
            ),
            ("complete", .bool(report.complete)), ("problem", report.problem.map { .string($0) } ?? .null),
        ])
    }
}
