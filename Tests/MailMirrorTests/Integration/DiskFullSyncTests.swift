import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The real `mailmirror sync` into a root on a 1 MiB tmpfs that fills up half way through the mailbox:
/// a clear error naming the full disk, nothing partial in `cur/`, and once the tmpfs is grown the next
/// sync completes the mirror without downloading again what was stored.
@Suite(.serialized, .testbed) struct DiskFullSyncTests {
    static var canMount: Bool { getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/bin/mount") }
    static let messageCount = 16

    @Test(.enabled(if: canMount, "needs root to mount a tmpfs"))
    func aDiskThatFillsMidSyncFailsClearlyAndTheNextSyncCompletes() throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary(), "build the executable first (swift build)")
        let mailbox = try bed.makeMailbox("diskfull")
        var expected: [[UInt8]] = []
        var generator = SplitMix(seed: 0xD15C)
        for index in 1...Self.messageCount {
            // About 130 KiB of base64 over random bytes: gzip cannot shrink it much, so 16 of them overflow 1 MiB.
            let noise = (0..<96_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let text =
                Testbed.sampleMessage(index).replacingOccurrences(of: "Content-Transfer-Encoding: 8bit\n", with: "")
                .replacingOccurrences(
                    of: "Content-Type: text/plain; charset=utf-8\n",
                    with: "Content-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n"
                )
                .components(separatedBy: "\n\n").first! + "\n\n"
                + Data(noise).base64EncodedString(options: .lineLength76Characters) + "\n"
            try bed.deliver(text, to: mailbox)
            expected.append(
                Array(
                    text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r\n").utf8)
            )
        }

        let directory = ScratchFolder.root.appendingPathComponent(
            "mm-diskfull-\(UUID().uuidString)")
        let mountPoint = directory.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try #require(
            try ProcessRun.run("/bin/mount", ["-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", mountPoint.path])
                .status == 0)
        defer { _ = try? ProcessRun.run("/bin/umount", [mountPoint.path]) }

        // The configuration and password live outside the small disk; only the mirror is on it.
        let root = mountPoint.appendingPathComponent("root")
        let home = directory.appendingPathComponent("home")
        let account = try bed.account(mailbox: mailbox, root: home)
        var configuration = Configuration()
        configuration.accounts = [account]
        try configuration.save(to: MirrorPaths(root: root).configuration)

        let full = try ProcessRun.run(binary, ["--root", root.path, "sync"])
        print("DiskFullSyncTests: the sync on a full disk exited \(full.status): \(full.errors)")
        #expect(full.status != 0)
        #expect(full.errors.contains("disk is full"), "\(full.errors)")
        #expect(!full.errors.contains("Fatal error"), "\(full.errors)")
        let store = try MailStore(root: root)
        let inbox = try store.mailbox(account: "test", name: mailbox)
        let epoch = try #require(try inbox.epochs().first)
        let storedBefore = try inbox.storedMessages(uidValidity: epoch, withSizes: false)
        #expect(storedBefore.count < Self.messageCount, "everything fitted: the disk never filled")
        #expect(!storedBefore.isEmpty, "nothing fitted at all")
        for uid in storedBefore.keys {
            #expect(
                try inbox.readMessage(uidValidity: epoch, uid: uid) == expected[Int(uid.rawValue) - 1], "UID \(uid)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(epoch)).isEmpty)
        #expect(try StoreVerifier(store: store).verify().filter(\.isDamage).isEmpty)

        // Space is freed: the next sync fetches exactly the rest.
        #expect(try ProcessRun.run("/bin/mount", ["-o", "remount,size=16m", mountPoint.path]).status == 0)
        let resumed = try ProcessRun.run(binary, ["--root", root.path, "sync", "--json"])
        #expect(resumed.status == 0, "\(resumed.errors)")
        #expect(resumed.fetched == Self.messageCount - storedBefore.count)
        let stored = try inbox.storedMessages(uidValidity: epoch, withSizes: false)
        #expect(stored.count == Self.messageCount)
        for (index, bytes) in expected.enumerated() {
            #expect(try inbox.readMessage(uidValidity: epoch, uid: UID(UInt32(index + 1))) == bytes)
        }
        let verify = try ProcessRun.run(binary, ["--root", root.path, "verify", "--json"])
        #expect(verify.status == 0, "\(verify.output)")
        let search = try ProcessRun.run(
            binary, ["--root", root.path, "search", "--json", "--limit", "0", "subject:question"])
        let hits = (try JSONSerialization.jsonObject(with: Data(search.output.utf8)) as? [[String: Any]]) ?? []
        #expect(hits.count == Self.messageCount)
    }
}
