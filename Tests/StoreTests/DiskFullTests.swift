import Foundation
import MailCore
import Testing

@testable import Store

/// Mounts a 256 KiB tmpfs (root only) to see what a full disk does to a commit.
@Suite(.serialized) struct DiskFullTests {
    /// Root with a working `mount`. Under the test command (`MAILMIRROR_REQUIRE_TESTBED=1`, as CI
    /// runs it as root) the tests always run, so a mount that fails there fails them; elsewhere a
    /// probe mount decides, and the skip says why.
    static let canMount: Bool = {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        if ProcessInfo.processInfo.environment["MAILMIRROR_REQUIRE_TESTBED"] == "1" { return true }
        guard let directory = try? TemporaryDirectory() else { return false }
        guard (try? run("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", directory.path]))?.status == 0 else {
            return false
        }
        _ = try? run("/bin/umount", [directory.path])
        return true
    }()

    @Test(.enabled(if: canMount, "needs root and a working mount to make a small tmpfs"))
    func aFullDiskGivesAClearErrorAndNoPartialFile() throws {
        let directory = try TemporaryDirectory()
        let mountPoint = directory.path + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(
            try run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint]).status == 0, "mount failed")
        defer { _ = try? run("/bin/umount", [mountPoint]) }

        let inbox = try MailStore(root: URL(fileURLWithPath: mountPoint + "/root")).mailbox(
            account: "support", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1))
        // Random bytes do not compress: 400 KiB cannot fit in 256 KiB.
        do {
            try inbox.commit(uidValidity: uv1, uid: UID(2), flags: ["\\Seen"], bytes: randomBytes(400_000, seed: 3))
            Issue.record("a 400 KiB message fitted in a 256 KiB disk")
        } catch let error as StoreError {
            print("disk full: \(error.message)")
            #expect(error.code == .diskFull)
            #expect(error.path == "\(inbox.curPath(uv1))/2.eml.gz:2,S")
            #expect(error.message.contains("disk is full"))
            #expect(error.message.contains("UID 2"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)) == ["1.eml.gz:2,"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
        // Once space allows, the same UID commits and reads back.
        #expect(
            try inbox.commit(uidValidity: uv1, uid: UID(2), flags: ["\\Seen"], bytes: sampleMessage(2))
                != .alreadyStored)
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(2)) == sampleMessage(2))
        #expect(try StoreVerifier(store: MailStore(root: URL(fileURLWithPath: mountPoint + "/root"))).verify().isEmpty)
    }

    @Test(.enabled(if: canMount, "needs root and a working mount to make a small tmpfs"))
    func aFullDiskKeepsTheOldStateFile() throws {
        let directory = try TemporaryDirectory()
        let mountPoint = directory.path + "/small"
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        try #require(
            try run("/bin/mount", ["-t", "tmpfs", "-o", "size=256k", "tmpfs", mountPoint]).status == 0, "mount failed")
        defer { _ = try? run("/bin/umount", [mountPoint]) }
        let inbox = try MailStore(root: URL(fileURLWithPath: mountPoint + "/root")).mailbox(
            account: "support", name: "INBOX")
        let state = MailboxState(uidValidity: uv1, uidNext: UID(2), messages: 1)
        try inbox.writeState(state)
        // Fill the disk, then try to write a bigger state.
        _ = FileManager.default.createFile(
            atPath: mountPoint + "/filler", contents: Data(randomBytes(512 * 1024, seed: 1)))
        var bigger = state
        bigger.extra = ["padding": String(repeating: "p", count: 300_000)]
        #expect(throws: StoreError.self) { try inbox.writeState(bigger) }
        #expect(try inbox.readState() == state)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.path).filter { $0.contains(".tmp") }.isEmpty)
    }
}
