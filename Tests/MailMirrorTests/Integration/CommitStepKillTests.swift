import Durable
import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// kill -9 the real `mailmirror sync` just before every durable step of its commit sequence (through
/// MAILMIRROR_CRASH_AT, see Sources/Durable/CrashPoint.swift), and in the middle of every write: each kind
/// of step (create, write, fsync, fsync-dir, rename, unlink, truncate, mkdir) is walked with N = 1, 2, …
/// until a sync no longer reaches an Nth step of that kind. Both an initial sync into an empty root and an
/// incremental one (new messages and a flag change over an existing mirror, catalog and index) are killed.
/// After every kill: nothing damaged on disk, then a resumed sync downloads exactly what was not committed,
/// the mirror is byte-for-byte the server's, `verify` is clean and the index finds every message once.
@Suite(.serialized, .testbed) struct CommitStepKillTests {
    static var long: Bool { ProcessInfo.processInfo.environment["MAILMIRROR_LONG_TESTS"] == "1" }
    /// Messages in the mailbox before the initial sync, and those delivered before the incremental one.
    static var initialCount: Int { long ? 16 : 4 }
    static var laterCount: Int { long ? 8 : 2 }

    @Test func aKillAtEveryStepOfTheCommitSequenceResumesToAnExactMirror() throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary(), "build the executable first (swift build)")
        let mailbox = try bed.makeMailbox("steps")
        var expected: [[UInt8]] = []
        for index in 1...Self.initialCount { expected.append(try Self.deliver(index, to: mailbox, bed: bed)) }

        let work = ScratchFolder.root.appendingPathComponent("mm-steps-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let empty = work.appendingPathComponent("empty")
        let account = try bed.account(mailbox: mailbox, root: empty)
        var configuration = Configuration()
        configuration.accounts = [account]
        try configuration.save(to: MirrorPaths(root: empty).configuration)
        let run = StepRun(binary: binary, mailbox: mailbox, work: work)

        let initial = try run.killEverywhere(from: empty, expected: expected)

        // An existing mirror, then new mail and a changed flag on the server.
        let mirrored = work.appendingPathComponent("mirrored")
        try run.copy(empty, to: mirrored)
        #expect(try run.sync(mirrored).fetched == Self.initialCount)
        for index in Self.initialCount + 1...Self.initialCount + Self.laterCount {
            expected.append(try Self.deliver(index, to: mailbox, bed: bed))
        }
        try bed.doveadm(["flags", "add", "-u", bed.user, "\\Flagged", "mailbox", mailbox, "uid", "1"])
        let incremental = try run.killEverywhere(from: mirrored, expected: expected, flaggedUID: 1)

        print(
            "CommitStepKillTests: \(initial.kills) kills over the initial sync of \(Self.initialCount) messages "
                + "(\(initial.stepsDescription)), \(incremental.kills) over the incremental sync of \(Self.laterCount) more "
                + "(\(incremental.stepsDescription))")
        // Every kind of step a sync takes was reached and killed at least once.
        for step in ["create", "write", "fsync", "fsync-dir", "rename", "mkdir"] {
            #expect((initial.steps[step] ?? 0) > 0, "the initial sync never reached a \(step) step")
        }
        for step in ["create", "write", "fsync", "rename"] {
            #expect((incremental.steps[step] ?? 0) > 0, "the incremental sync never reached a \(step) step")
        }
    }

    /// Delivers sample message `index` and returns the bytes the server will serve (CRLF line ends).
    static func deliver(_ index: Int, to mailbox: String, bed: Testbed) throws -> [UInt8] {
        let text =
            Testbed.sampleMessage(index)
            + String(repeating: "Body line \(index) with words to compress.\n", count: 50 * (index % 4))
        try bed.deliver(text, to: mailbox)
        return Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
    }
}

/// The killed and resumed syncs of one CommitStepKillTests run.
private struct StepRun {
    let binary: String
    let mailbox: String
    let work: URL

    struct Outcome {
        var kills = 0
        /// How many steps of each kind one whole sync takes.
        var steps: [String: Int] = [:]
        var stepsDescription: String {
            steps.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        }
    }

    /// For every kind of step, N = 1, 2, …: a copy of `base`, a sync killed before its Nth step of that kind
    /// (and, for writes, one killed halfway through that write), then the checks of `resume`.
    func killEverywhere(from base: URL, expected: [[UInt8]], flaggedUID: UInt32? = nil) throws -> Outcome {
        var outcome = Outcome()
        let targets = CrashPoint.Step.allCases.map { ($0.rawValue, "") } + [("write", ":torn")]
        for (step, suffix) in targets {
            var ordinal = 1
            while ordinal < 10_000 {
                let root = work.appendingPathComponent("run")
                try? FileManager.default.removeItem(at: root)
                try copy(base, to: root)
                let killed = try sync(root, crashAt: "\(step):\(ordinal)\(suffix)")
                if !killed.killed {
                    // This sync took fewer steps of this kind: it must have finished normally.
                    #expect(
                        killed.status == 0,
                        "sync with MAILMIRROR_CRASH_AT=\(step):\(ordinal)\(suffix) exited \(killed.status)")
                    if suffix.isEmpty { outcome.steps[step] = ordinal - 1 }
                    break
                }
                outcome.kills += 1
                try resume(root, expected: expected, flaggedUID: flaggedUID, after: "\(step):\(ordinal)\(suffix)")
                ordinal += 1
            }
        }
        return outcome
    }

    /// What must hold after a kill: nothing damaged, a resumed sync fetching exactly the rest, an exact mirror.
    func resume(_ root: URL, expected: [[UInt8]], flaggedUID: UInt32?, after point: String) throws {
        let store = try MailStore(root: root)
        let damage = try StoreVerifier(store: store).verify().filter(\.isDamage)
        #expect(damage.isEmpty, "after a kill at \(point): \(damage)")
        let inbox = try store.mailbox(account: "test", name: mailbox)
        let storedBefore =
            try inbox.epochs().first.map { try inbox.storedMessages(uidValidity: $0, withSizes: false).count } ?? 0

        let resumed = try sync(root)
        #expect(resumed.status == 0 && !resumed.killed, "the sync after a kill at \(point) exited \(resumed.status)")
        #expect(
            resumed.fetched == expected.count - storedBefore,
            "after a kill at \(point) with \(storedBefore) stored, the resumed sync fetched \(resumed.fetched ?? -1) of \(expected.count)"
        )

        let epoch = try #require(try inbox.readState(), "no state after the resumed sync (kill at \(point))")
            .uidValidity
        let stored = try inbox.storedMessages(uidValidity: epoch, withSizes: false)
        #expect(stored.count == expected.count, "kill at \(point)")
        for (index, bytes) in expected.enumerated() {
            let uid = UID(UInt32(index + 1))
            #expect(try inbox.readMessage(uidValidity: epoch, uid: uid) == bytes, "UID \(uid) after a kill at \(point)")
        }
        if let flaggedUID {
            #expect(
                stored[UID(flaggedUID)]?.flags.contains("\\Flagged") == true,
                "the flag change was lost after a kill at \(point)")
        }
        // Nothing the killed run had half written is left lying around once the next sync is done.
        let leftovers = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
            .filter { ($0 as NSString).lastPathComponent.contains(".tmp") || $0.contains("/tmp/") }
        #expect(leftovers.isEmpty, "after a kill at \(point) and a resumed sync: \(leftovers)")
        let verify = try run(["--root", root.path, "verify", "--json"]).json
        #expect(verify["ok"] as? Bool == true, "verify after a kill at \(point): \(verify)")
        // The index holds every message exactly once.
        let hits =
            try JSONSerialization.jsonObject(
                with: Data(
                    run([
                        "--root", root.path, "search", "--json", "--limit", "0",
                        "subject:question",
                    ]).output.utf8)) as? [[String: Any]]
        let uids = (hits ?? []).compactMap { $0["uid"] as? Int }.sorted()
        #expect(uids == Array(1...expected.count), "search after a kill at \(point) found UIDs \(uids)")
    }

    func sync(_ root: URL, crashAt: String? = nil) throws -> ProcessRun {
        try run(["--root", root.path, "sync", "--json"], crashAt: crashAt)
    }

    func copy(_ source: URL, to destination: URL) throws {
        try ProcessRun.output("/bin/cp", ["-a", source.path, destination.path])
    }

    private func run(_ arguments: [String], crashAt: String? = nil) throws -> ProcessRun {
        try ProcessRun.run(binary, arguments, environment: [CrashPoint.variable: crashAt])
    }
}
