import FoundationEssentials
import MailMirror
import Store
import Terminal

/// `mailmirror verify`: every stored file inflates and matches its checksums.
enum VerifyCommand {
    static let spec = CommandSpec(
        "verify",
        abstract:
            "Check every stored message and state file, and the catalog and search index against them; exit 1 if anything is missing or corrupt.",
        discussion:
            "With --repair, damaged files move to a damaged/ folder beside cur/ and the next sync downloads them again; a catalog or search index that does not cover the store is rebuilt from it.",
        options: [
            .flag("json", help: "Print the problems as JSON (see README)."),
            .flag(
                "repair",
                help: "Move damaged files aside so the next sync fetches them again; rebuild the catalog and index."),
        ]
    ) { invocation in
        let (problems, repaired, rebuilt) = try MailmirrorCommand.mirror(invocation).verify(
            repair: invocation.values.flag("repair"))
        let damage = problems.filter(\.isDamage)
        let output = invocation.output
        if invocation.values.flag("json") {
            JSONOutput.write(
                .object([
                    ("ok", .bool(damage.isEmpty)),
                    (
                        "problems",
                        .array(
                            problems.map { problem in
                                .object([
                                    ("kind", .string(problem.kind.rawValue)), ("damage", .bool(problem.isDamage)),
                                    ("account", problem.account.map { .string($0) } ?? .null),
                                    ("mailbox", problem.mailbox.map { .string($0) } ?? .null),
                                    ("uidvalidity", problem.uidValidity.map { .int(Int($0.rawValue)) } ?? .null),
                                    ("uid", problem.uid.map { .int(Int($0.rawValue)) } ?? .null),
                                    ("path", .string(problem.path)), ("message", .string(problem.message)),
                                ])
                            })
                    ),
                    ("repaired", .array(repaired.map { .string($0) })),
                ]), to: output)
        } else {
            for problem in problems { output.line("\(problem.isDamage ? "damaged" : "note"): \(problem.message)") }
            for path in repaired where !rebuilt.contains(path) { output.line("moved aside: \(path)") }
            for path in rebuilt { output.line("rebuilt from the store: \(path)") }
            let storeDamage = damage.filter { !LocalMirror.derivedKinds.contains($0.kind) }
            let derivedDamage = damage.filter { LocalMirror.derivedKinds.contains($0.kind) }
            let movedAside = repaired.count - rebuilt.count
            if storeDamage.isEmpty {
                output.line("All stored messages are whole.")
            } else if movedAside == 0 {
                output.line(
                    "\(storeDamage.count) problem\(storeDamage.count == 1 ? "" : "s") in the store. Run `mailmirror verify --repair`, then `mailmirror sync`, to download damaged messages again."
                )
            } else {
                output.line(
                    "Run `mailmirror sync` to download the \(movedAside) damaged message\(movedAside == 1 ? "" : "s") again."
                )
            }
            if !derivedDamage.isEmpty && rebuilt.isEmpty {
                output.line(
                    "The catalog and the search index do not cover the store. Run `mailmirror verify --repair` or `mailmirror reindex` to rebuild them."
                )
            } else if !problems.contains(where: { LocalMirror.derivedKinds.contains($0.kind) }) || !rebuilt.isEmpty {
                output.line("The catalog and the search index cover every stored message.")
            } else if derivedDamage.isEmpty {
                output.line("The next sync brings the catalog and the search index up to date.")
            }
        }
        return damage.isEmpty ? .success : .failure
    }
}
