import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// Syncs through scripts/faultproxy.py, which cuts, stalls and slows the connection at random
/// points (inside the TLS handshake and inside literals too). Whatever happens, a final clean
/// sync leaves a mirror equal to the server: every message byte for byte, none twice, none corrupt.
@Suite(.testbed) struct NetworkFaultTests {
    /// Faults to inject: a bounded number on every run, more with MAILMIRROR_LONG_TESTS=1.
    static var faultTarget: Int { ProcessInfo.processInfo.environment["MAILMIRROR_LONG_TESTS"] == "1" ? 100 : 12 }

    @Test func randomFaultsNeverCorruptTheMirror() throws {
        let bed = try Testbed.require()
        let mailbox = try bed.makeMailbox("faults")
        let count = 120
        var expected: [[UInt8]] = []
        let source = ScratchFolder.root.appendingPathComponent("mm-fault-src-\(UUID().uuidString)")
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                at: source.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        for index in 1...count {
            let text =
                Testbed.sampleMessage(index)
                + String(repeating: "Fault line \(index) to make literals long.\n", count: 600)
            let crlf = Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            expected.append(crlf)
            try Data(crlf).write(
                to: source.appendingPathComponent("cur").appendingPathComponent(
                    String(format: "%010d.M%dP2.host:2,", 1_700_000_000 + index, index)))
        }
        _ = try ProcessRun.output(
            "\(bed.scriptsFolder)/testbed", ["deliver", bed.directory, source.path, "--mailbox", mailbox])

        let work = ScratchFolder.root.appendingPathComponent("mm-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let log = work.appendingPathComponent("faults.log")
        let portFile = work.appendingPathComponent("port")
        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        proxy.arguments = [
            "\(bed.scriptsFolder)/faultproxy.py", "--target", String(bed.imapsPort), "--seed", "7",
            "--modes", "pass=1,cut=4,stall=1,slow=1", "--stall", "4", "--cut-max", "3000000",
            "--log", log.path, "--port-file", portFile.path, "--max-duration", String(max(120, Self.faultTarget * 8)),
        ]
        proxy.standardOutput = FileHandle.nullDevice
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        defer {
            kill(proxy.processIdentifier, SIGKILL)
            proxy.waitUntilExit()
        }
        var port = 0
        for _ in 0..<100 where port == 0 {
            port =
                Int(
                    (try? String(contentsOf: portFile, encoding: .utf8))?.trimmingCharacters(
                        in: .whitespacesAndNewlines) ?? "") ?? 0
            if port == 0 { Thread.sleep(forTimeInterval: 0.05) }
        }
        #expect(port > 0)

        let root = work.appendingPathComponent("mirror")
        var account = try bed.account(mailbox: mailbox, root: work)
        account.port = port
        var configuration = Configuration()
        configuration.accounts = [account]
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try configuration.save(to: MirrorPaths(root: root).configuration)
        var options = SyncOptions()
        options.reconnectDelays = [0.05]
        let mirror = LocalMirror(root: root)
        var runs = 0
        while Self.injected(log) < Self.faultTarget && runs < Self.faultTarget * 4 {
            runs += 1
            let started = Date()
            _ = try mirror.sync(
                accounts: [], connector: IMAPConnector(timeout: 2), observer: SilentSyncObserver(), options: options)
            // A stall must end in a timeout, never a hang.
            #expect(Date().timeIntervalSince(started) < 60)
            let damage = try StoreVerifier(store: MailStore(root: root)).verify().filter {
                $0.kind == .corrupt || $0.kind == .truncated
            }
            #expect(damage.isEmpty)
            // Once complete, a sync moves too few bytes for new faults: start the mirror again from empty.
            if let box = try? MailStore(root: root).mailbox(account: "test", name: mailbox),
                let state = try? box.readState(),
                (try? box.storedMessages(uidValidity: state.uidValidity, withSizes: false).count) == count
            {
                for name in ["accounts", "catalog", "index", "index.state", "derived.state", "budget"] {
                    try? FileManager.default.removeItem(at: root.appendingPathComponent(name))
                }
            }
        }
        #expect(Self.injected(log) >= Self.faultTarget, "only \(Self.injected(log)) faults injected in \(runs) syncs")
        print("NetworkFaultTests: \(Self.injected(log)) faults injected over \(runs) syncs")

        // One clean sync, straight to Dovecot: the mirror is now exact.
        account.port = bed.imapsPort
        configuration.accounts = [account]
        try configuration.save(to: MirrorPaths(root: root).configuration)
        let final = try mirror.sync(accounts: [], connector: IMAPConnector(timeout: 10), observer: SilentSyncObserver())
        #expect(final[0].failures.isEmpty)
        let store = try MailStore(root: root).mailbox(account: "test", name: mailbox)
        let epoch = try #require(try store.readState()).uidValidity
        #expect(try store.storedMessages(uidValidity: epoch).count == count)
        for (index, bytes) in expected.enumerated() {
            #expect(try store.readMessage(uidValidity: epoch, uid: UID(UInt32(index + 1))) == bytes)
        }
        #expect(try StoreVerifier(store: MailStore(root: root)).verify().filter(\.isDamage).isEmpty)
    }

    /// Faults the proxy actually injected so far (from its JSON-lines log).
    static func injected(_ log: URL) -> Int {
        guard let text = try? String(contentsOf: log, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter {
            $0.contains("\"injected\": true") || $0.contains("\"injected\":true")
        }.count
    }
}
