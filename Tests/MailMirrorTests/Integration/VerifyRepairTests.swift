import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// Damage on disk after a good mirror, through the real binary: a `.gz` with flipped bytes, one cut short and
/// a garbled state file. `verify` names each of them and fails; `verify --repair` moves the damaged messages
/// aside; the next `sync` downloads exactly those again and rewrites the state; `verify` is then clean.
@Suite(.testbed) struct VerifyRepairTests {
    @Test func verifyNamesTheDamageAndSyncRefetchesIt() throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary(), "build the executable first (swift build)")
        let mailbox = try bed.makeMailbox("repair")
        var expected: [[UInt8]] = []
        for index in 1...6 {
            let text =
                Testbed.sampleMessage(index)
                + String(repeating: "Line \(index) of a body long enough to damage.\n", count: 40)
            try bed.deliver(text, to: mailbox)
            expected.append(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8))
        }
        let root = ScratchFolder.root.appendingPathComponent("mm-repair-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var configuration = Configuration()
        configuration.accounts = [try bed.account(mailbox: mailbox, root: root)]
        try configuration.save(to: MirrorPaths(root: root).configuration)
        #expect(try ProcessRun.run(binary, ["--root", root.path, "sync", "--quiet"]).status == 0)

        let inbox = try MailStore(root: root).mailbox(account: "test", name: mailbox)
        let epoch = try #require(try inbox.readState()).uidValidity
        let stored = try inbox.storedMessages(uidValidity: epoch, withSizes: false)
        let corrupt = try #require(stored[UID(2)]).path
        let truncated = try #require(stored[UID(5)]).path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: corrupt))
        for offset in stride(from: bytes.count / 3, to: bytes.count / 3 + 16, by: 1) { bytes[offset] ^= 0x5A }
        try bytes.write(to: URL(fileURLWithPath: corrupt))
        try Data(try Data(contentsOf: URL(fileURLWithPath: truncated)).prefix(40)).write(
            to: URL(fileURLWithPath: truncated))
        try Data("uidvalidity: banana\n\u{0}\u{1}garbage".utf8).write(to: URL(fileURLWithPath: inbox.statePath))

        let verify = try ProcessRun.run(binary, ["--root", root.path, "verify", "--json"])
        #expect(verify.status == 1)
        let report = verify.json
        #expect(report["ok"] as? Bool == false)
        let problems = (report["problems"] as? [[String: Any]]) ?? []
        let named = Set(
            problems.compactMap { problem -> String? in
                guard problem["damage"] as? Bool == true, let kind = problem["kind"] as? String else { return nil }
                return "\(kind) \(problem["uid"] as? Int ?? 0) \(problem["path"] as? String ?? "")"
            })
        #expect(named.contains("corrupt 2 \(corrupt)"), "\(problems)")
        #expect(named.contains("truncated 5 \(truncated)"), "\(problems)")
        #expect(named.contains("damagedState 0 \(inbox.statePath)"), "\(problems)")
        #expect(named.count == 3, "\(problems)")

        let repair = try ProcessRun.run(binary, ["--root", root.path, "verify", "--repair"])
        #expect(repair.output.contains("moved aside"), "\(repair.output)")
        let sync = try ProcessRun.run(binary, ["--root", root.path, "sync", "--json"])
        #expect(sync.status == 0, "\(sync.errors)")
        #expect(sync.fetched == 2, "only the two damaged messages are downloaded again")
        for (index, message) in expected.enumerated() {
            #expect(try inbox.readMessage(uidValidity: epoch, uid: UID(UInt32(index + 1))) == message)
        }
        #expect(try inbox.readState()?.uidValidity == epoch)
        let clean = try ProcessRun.run(binary, ["--root", root.path, "verify"])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(clean.output.contains("All stored messages are whole."))
    }
}
