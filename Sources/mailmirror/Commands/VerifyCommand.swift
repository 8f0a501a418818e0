import Foundation
import MailMirror
import Store
import Terminal

/// `mailmirror verify`: every stored file inflates and matches its checksums.
enum VerifyCommand {
    static let spec = CommandSpec(
        "verify", abstract: "Check every stored message and state file; exit 1 if anything is missing or corrupt.",
        discussion: "With --repair, damaged files move to a damaged/ folder beside cur/ and the next sync downloads them again.",
        options: [.flag("json", help: "Print the problems as JSON (see README)."),
                  .flag("repair", help: "Move damaged files aside so the next sync fetches them again.")]
    ) { invocation in
        let (problems, repaired) = try MailmirrorCommand.mirror(invocation).verify(repair: invocation.values.flag("repair"))
        let damage = problems.filter(\.isDamage)
        let output = invocation.output
        if invocation.values.flag("json") {
            JSONOutput.write(.object([
                ("ok", .bool(damage.isEmpty)),
                ("problems", .array(problems.map { problem in
                    .object([("kind", .string(problem.kind.rawValue)), ("damage", .bool(problem.isDamage)),
                             ("account", problem.account.map { .string($0) } ?? .null),
                             ("mailbox", problem.mailbox.map { .string($0) } ?? .null),
                             ("uidvalidity", problem.uidValidity.map { .int(Int($0.rawValue)) } ?? .null),
                             ("uid", problem.uid.map { .int(Int($0.rawValue)) } ?? .null),
                             ("path", .string(problem.path)), ("message", .string(problem.message))])
                })),
                ("repaired", .array(repaired.map { .string($0) })),
            ]), to: output)
        } else {
            for problem in problems { output.line("\(problem.isDamage ? "damaged" : "note"): \(problem.message)") }
            for path in repaired { output.line("moved aside: \(path)") }
            if damage.isEmpty {
                output.line("All stored messages are whole.")
            } else if repaired.isEmpty {
                output.line("\(damage.count) problem\(damage.count == 1 ? "" : "s"). Run `mailmirror verify --repair`, then `mailmirror sync`, to download damaged messages again.")
            } else {
                output.line("Run `mailmirror sync` to download the \(repaired.count) damaged message\(repaired.count == 1 ? "" : "s") again.")
            }
        }
        return damage.isEmpty ? .success : .failure
    }
}
