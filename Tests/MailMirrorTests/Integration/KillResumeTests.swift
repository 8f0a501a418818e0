import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// kill -9 the real `mailmirror sync` at random moments against the test bed's Dovecot: the store
/// never holds a partial message, and the resumed mirror is exact without downloading again what
/// was committed.
@Suite(.testbed) struct KillResumeTests {
    static let messageCount = 240
    /// Kills per run: a few on every run, 50 with MAILMIRROR_LONG_TESTS=1 (scripts/test --long).
    static var killAttempts: Int { ProcessInfo.processInfo.environment["MAILMIRROR_LONG_TESTS"] == "1" ? 50 : 6 }

    @Test func killedSyncsResumeToAnExactMirror() throws {
        let bed = try Testbed.require()
        let binary = try #require(Self.binary(), "build the executable first (swift build --build-tests)")
        let mailbox = try bed.makeMailbox("kill")
        let source = ScratchFolder.root.appendingPathComponent("mm-kill-src-\(UUID().uuidString)")
        var expected: [[UInt8]] = []
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                at: source.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for index in 1...Self.messageCount {
            let text =
                Testbed.sampleMessage(index)
                + String(repeating: "Body line \(index) with some words to compress.\n", count: 400)
            let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            expected.append(crlf)
            let name = String(format: "%010d.M%dP1.host:2,", 1_700_000_000 + index, index)
            try Data(crlf).write(to: source.appendingPathComponent("cur").appendingPathComponent(name))
        }
        try ProcessRun.output(
            "\(bed.scriptsFolder)/testbed", ["deliver", bed.directory, source.path, "--mailbox", mailbox])

        let root = ScratchFolder.root.appendingPathComponent("mm-kill-\(UUID().uuidString)")
        let account = try bed.account(mailbox: mailbox, root: root)
        var configuration = Configuration()
        configuration.accounts = [account]
        try configuration.save(to: MirrorPaths(root: root).configuration)

        var generator = SplitMix(seed: 0x5EED)
        var kills = 0
        for _ in 0..<Self.killAttempts {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = ["--root", root.path, "sync", "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double(generator.next() % 400) / 1000 + 0.05)
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
            // Whatever was in cur/ is whole.
            if FileManager.default.fileExists(atPath: root.appendingPathComponent("accounts").path) {
                let damage = try StoreVerifier(store: MailStore(root: root)).verify().filter {
                    $0.kind == .corrupt || $0.kind == .truncated
                }
                #expect(damage.isEmpty, "\(damage)")
            }
        }
        #expect(kills > 0)
        print("KillResumeTests: \(kills) kills -9 during \(Self.killAttempts) syncs of \(Self.messageCount) messages")

        let store = try MailStore(root: root).mailbox(account: "test", name: mailbox)
        let before = try store.epochs().first.map { try store.storedMessages(uidValidity: $0).count } ?? 0
        let resumed = try ProcessRun.run(binary, ["--root", root.path, "sync", "--json"])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(resumed.fetched == Self.messageCount - before)
        // Everything committed before a kill is catalogued and searchable, once.
        let hits =
            try JSONSerialization.jsonObject(
                with: Data(
                    ProcessRun.output(
                        binary,
                        [
                            "--root", root.path, "search", "--json",
                            "--limit", "0", "subject:question",
                        ]
                    ).utf8)) as? [[String: Any]]
        #expect((hits ?? []).compactMap { $0["uid"] as? Int }.sorted() == Array(1...Self.messageCount))

        let epoch = try #require(try store.readState()).uidValidity
        let stored = try store.storedMessages(uidValidity: epoch)
        #expect(stored.count == Self.messageCount)
        for (index, bytes) in expected.enumerated() {
            #expect(try store.readMessage(uidValidity: epoch, uid: UID(UInt32(index + 1))) == bytes)
        }
        #expect(try StoreVerifier(store: MailStore(root: root)).verify().filter(\.isDamage).isEmpty)
    }

    /// `.build/debug/mailmirror` (or MAILMIRROR_BIN).
    static func binary() -> String? {
        if let path = ProcessInfo.processInfo.environment["MAILMIRROR_BIN"] { return path }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let path = url.appendingPathComponent(".build/debug/mailmirror").path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}

/// A tiny deterministic random generator (tests must be repeatable).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
