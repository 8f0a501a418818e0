import Durable
import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// A `mailmirror sync` that crashes after logging in (SIGABRT through MAILMIRROR_CRASH_AT=…:abort) with
/// core dumps allowed by its parent (`ulimit -c unlimited`) leaves no core file, so no crash report can carry
/// the app password (or, for an OAuth 2.0 account, the refresh and access tokens). A control crash of a plain shell in the same setup does leave one, which shows the
/// setup would have caught a core.
@Suite(.testbed) struct CoreDumpTests {
    /// Cores are written as files in the crashing process's folder (the kernel's default `core` pattern);
    /// with a pipe to a crash collector the control cannot be checked here.
    static var coresAreFiles: Bool {
        let pattern = (try? String(contentsOfFile: "/proc/sys/kernel/core_pattern", encoding: .utf8)) ?? "|"
        return !pattern.hasPrefix("|") && !pattern.hasPrefix("/")
    }

    @Test(.enabled(if: coresAreFiles, "core dumps go to a crash collector on this machine"), arguments: [false, true])
    func aCrashAfterLoginLeavesNoCore(oauth2: Bool) throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary(), "build the executable first (swift build)")
        let work = ScratchFolder.root.appendingPathComponent("mm-core-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let control = work.appendingPathComponent("control")
        let crash = work.appendingPathComponent("crash")
        try FileManager.default.createDirectory(at: control, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: crash, withIntermediateDirectories: true)

        let shell = try ProcessRun.run(
            "/bin/sh", ["-c", "cd '\(control.path)' && ulimit -c unlimited && sh -c 'kill -ABRT $$'; true"])
        #expect(shell.status == 0)
        let controlCores = try Self.cores(in: control)
        #expect(!controlCores.isEmpty, "the control crash left no core: this setup cannot show a core dump")

        let mailbox = try bed.makeMailbox("core")
        for index in 1...4 { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
        let root = work.appendingPathComponent("root")
        var environment: [String: String?] = [CrashPoint.variable: "rename:3:abort"]
        if oauth2 {
            // Signs in through the fake Google: a refresh token read, an access token received.
            let oauth = try OAuth2Testbed.require()
            _ = try oauth.googleAccount(root: root, name: "test", mailbox: mailbox, clientID: "ok-client")
            environment.merge(oauth.environment) { $1 }
        } else {
            var configuration = Configuration()
            configuration.accounts = [try bed.account(mailbox: mailbox, root: work.appendingPathComponent("home"))]
            try configuration.save(to: MirrorPaths(root: root).configuration)
        }
        // rename 1 is the catalog marker written before login; renames 2… are messages, fetched after it.
        let run = try ProcessRun.run(
            "/bin/sh",
            ["-c", "cd '\(crash.path)' && ulimit -c unlimited && exec '\(binary)' --root '\(root.path)' sync --quiet"],
            environment: environment)
        #expect(
            run.killed && run.status == SIGABRT,
            "the sync was meant to abort: status \(run.status), killed \(run.killed), \(run.errors)")
        // Commits run on several workers, so the abort at rename 3 may come while the first message's
        // rename is still on its way: a message written to `tmp/` shows the fetch (so the login) as well.
        let inbox = try MailStore(root: root).mailbox(account: "test", name: mailbox)
        let fetched = try inbox.epochs().first.map { epoch in
            try inbox.storedMessages(uidValidity: epoch, withSizes: false).count
                + ((try? FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(epoch))) ?? []).count
        } ?? 0
        #expect(fetched >= 1, "the crash came before any message was fetched, so maybe before login")
        let cores = try Self.cores(in: crash)
        #expect(cores.isEmpty, "a crashed sync left a core dump: \(cores)")
        for core in cores {
            let bytes = try Data(contentsOf: crash.appendingPathComponent(core))
            #expect(bytes.range(of: Data(bed.password.utf8)) == nil, "the core \(core) holds the app password")
        }
    }

    static func cores(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("core") }
    }
}
