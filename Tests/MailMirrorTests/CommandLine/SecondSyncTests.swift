import Foundation
import Store
import TestSupport
import Testing

@testable import MailMirror

/// A sync started while another holds the mirror's lock (cron or the timer overlapping a long
/// first sync) does nothing and says so in one line, with exit 75 so the timer retries it later.
struct SecondSyncTests {
    @Test func aSecondSyncExitsAtOnceWithTheTemporaryCode() throws {
        let binary = try #require(KillResumeTests.binary(), "build mailmirror first (swift build)")
        let root = ScratchFolder.root.appendingPathComponent("mm-second-sync-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        var configuration = Configuration()
        // Port 9 on loopback: nothing listens, and the lock is taken before any connection anyway.
        configuration.accounts = [
            AccountConfiguration(
                name: "test", email: "help@example.com", host: "127.0.0.1", port: 9,
                security: .tls, password: .environment("MM_UNUSED"))
        ]
        try configuration.save(to: MirrorPaths(root: root).configuration)
        let lock = try MailStore(root: root).lock()
        defer { lock.release() }

        let run = try ProcessRun.run(binary, ["--root", root.path, "sync"])
        #expect(run.status == 75)
        #expect(run.output.isEmpty)
        let lines = run.errors.split(separator: "\n")
        #expect(lines.count == 1, "\(run.errors)")
        #expect(run.errors.contains("another sync is running (pid \(getpid()))"))
    }
}
