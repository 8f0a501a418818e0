import Foundation
import IMAP
import MailCore
import Testing

@testable import IMAPClient

/// Against the real Dovecot that the project's test command starts (MAILMIRROR_TEST_* variables).
/// Skipped by a plain `swift test`; under scripts/test a missing server fails them (see `.testbed`).
@Suite(.serialized, .testbed) struct DovecotTests {
    @Test func implicitTLSWithVerifiedCA() throws {
        let env = try TestServerEnvironment.require()
        let recorder = TraceRecorder()
        let session = try IMAPSession(endpoint: env.endpoint(.tls), trace: recorder.record)
        #expect(session.capabilities.contains(.imap4rev1))
        try session.login(user: env.user, password: env.password)
        #expect(session.capabilities.contains(.condStore))  // Dovecot lists it only after login
        #expect(try session.id()?.first?.value == "Dovecot")
        session.logout()
        #expect(!recorder.lines.joined(separator: "\n").contains(env.password))
        #expect(recorder.lines.contains { $0.contains("AUTHENTICATE PLAIN <credentials hidden>") })
    }

    @Test func startTLS() throws {
        let env = try TestServerEnvironment.require()
        let session = try IMAPSession.open(endpoint: env.endpoint(.starttls), user: env.user, password: env.password)
        #expect(try session.listMailboxes().contains { $0.rawName == .inbox })
        session.logout()
    }

    @Test(arguments: [IMAPEndpoint.Security.tls, .starttls])
    func wrongCAIsACertificateProblem(security: IMAPEndpoint.Security) throws {
        let env = try TestServerEnvironment.require()
        let unrelated = try #require(TestCertificate.unrelated)
        do {
            _ = try IMAPSession(endpoint: env.endpoint(security, caFile: unrelated.cert))
            Issue.record("connected although the CA does not match")
        } catch {
            guard case .connection(.certificateProblem) = error else {
                Issue.record("expected a certificate problem, got \(error)")
                return
            }
            #expect(error.description.contains("certificate problem"))
            #expect(!error.isTemporary)
        }
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() throws {
        let env = try TestServerEnvironment.require()
        let session = try IMAPSession(endpoint: env.endpoint())
        let wrong = env.password + "-wrong"
        do {
            try session.login(user: env.user, password: wrong)
            Issue.record("login with a wrong password succeeded")
        } catch {
            guard case .authentication(.invalidCredentials, _) = error else {
                Issue.record("got \(error)")
                return
            }
            #expect(!error.description.contains(wrong))
        }
    }

    @Test func listStatusExamineAndUIDs() throws {
        let env = try TestServerEnvironment.require()
        let session = try IMAPSession(endpoint: env.endpoint())
        try session.login(user: env.user, password: env.password)
        let inbox = try #require(try session.listMailboxes().first { $0.rawName == .inbox })
        #expect(inbox.name == "INBOX" && inbox.isSelectable)
        let status = try session.status(.inbox)
        #expect(status.highestModSeq != nil)
        let selected = try session.examine(.inbox)
        #expect(selected.readOnly)
        #expect(
            selected.uidValidity == status.uidValidity && selected.uidNext == status.uidNext
                && selected.exists == status.messages)
        let uids = try session.allUIDs()
        #expect(uids.count == Int(status.messages))
        #expect(uids.allSatisfy { $0 < status.uidNext })
        let flags = try session.fetchFlags()
        #expect(flags.map(\.uid) == uids)
        #expect(flags.allSatisfy { $0.modSeq != nil })
        if let top = selected.highestModSeq {
            #expect(try session.fetchFlags(changedSince: top).isEmpty)
        }
        session.logout()
    }

    /// Every body byte for byte as an independent client (Python's imaplib) reads it, and the
    /// server's flags (\Seen above all) unchanged by our fetch.
    @Test func fetchedBodiesAreExactAndSeenIsUntouched() throws {
        let env = try TestServerEnvironment.require()
        try Self.seedInbox(user: env.user)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Fixtures/peek_bodies.py"
        ).path
        let peek = try run(
            "python3", [script, env.host, String(env.imapsPort), env.caFile, env.user],
            environment: ["MAILMIRROR_PEEK_PASSWORD": env.password])
        try #require(peek.status == 0, "peek_bodies.py failed")
        let reference = try #require(try JSONSerialization.jsonObject(with: peek.output) as? [String: [String: String]])
        try #require(!reference.isEmpty, "the test mailbox is empty")

        let session = try IMAPSession(endpoint: env.endpoint())
        try session.login(user: env.user, password: env.password)
        _ = try session.examine(.inbox)
        let before = try session.fetchFlags()
        var fetched: [UID: FetchedMessage] = [:]
        var peakBodyBytes = 0
        try session.fetchMessages(uids: try session.allUIDs(), batchSize: 3, inFlight: 2) { message in
            #expect(fetched[message.uid] == nil)
            fetched[message.uid] = message
            peakBodyBytes = max(peakBodyBytes, message.body.count)
        }
        #expect(fetched.count == reference.count)
        for (uidText, expected) in reference {
            let message = try #require(fetched[UID(UInt32(uidText)!)])
            #expect(message.body == Array(Data(base64Encoded: expected["body"]!)!), "UID \(uidText) differs")
            #expect(message.size == Int64(message.body.count))
            #expect(message.internalDate != nil && message.modSeq != nil)
        }
        let after = try session.fetchFlags()
        #expect(after.map(\.uid) == before.map(\.uid))
        #expect(after.map(\.flags) == before.map(\.flags), "fetching changed flags on the server")
        let unseenBefore = before.filter { !$0.flags.contains(.seen) }.map(\.uid)
        #expect(after.filter { !$0.flags.contains(.seen) }.map(\.uid) == unseenBefore)
        session.logout()
    }

    /// The test bed starts empty: put a few unread messages (8-bit text, an attachment) in INBOX.
    static func seedInbox(user: String) throws {
        let conf = try #require(
            ProcessInfo.processInfo.environment["MAILMIRROR_TEST_DOVECOT_CONF"],
            "MAILMIRROR_TEST_DOVECOT_CONF is not set; run ./scripts/test")
        for index in 1...3 {
            let message =
                "From: Anna <anna@example.org>\r\nTo: help@example.com\r\nSubject: Seed \(index) \u{e9}t\u{e9}\r\n"
                + "Message-ID: <seed\(index)-\(UInt32.random(in: 0...UInt32.max))@example.org>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                + "Bonjour \u{e0} tous \(index)\r\n--b\r\nContent-Type: application/octet-stream; name=a.bin\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n" + String(repeating: "QUJDREVGR0g=\r\n", count: 50 * index)
                + "--b--\r\n"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/doveadm")
            process.arguments = ["-c", conf, "save", "-u", user, "-m", "INBOX"]
            let input = Pipe()
            process.standardInput = input
            try process.run()
            input.fileHandleForWriting.write(Data(message.utf8))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }
}
