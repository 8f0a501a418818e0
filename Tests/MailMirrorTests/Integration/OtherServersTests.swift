import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// Issue 7, "other real servers": the same mailbox delivered to the Dovecot test bed and to a private Cyrus
/// or Courier (scripts/testbed-cyrus, scripts/testbed-courier, started by `scripts/test --long`), mirrored by the
/// real `mailmirror` binary from each, then checked three ways: every message is stored exactly once; each
/// stored message is byte for byte what the server serves (fetched again here with Python's imaplib through
/// scripts/testbed_imap.py, not through mailmirror); and the mirrors of the two servers are equal byte for
/// byte, apart from what the server is known to rewrite (`servedBytes(of:server:)` says exactly what).
/// `mailmirror verify` finds nothing, and a second sync fetches nothing.
///
/// Runs when MAILMIRROR_TEST_CYRUS_ENV / MAILMIRROR_TEST_COURIER_ENV name the servers' testbed.env; with
/// MAILMIRROR_LONG_TESTS=1 a missing one is a failure, not a skip.
@Suite(.testbed) struct OtherServersTests {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }
    static var isLong: Bool { environment["MAILMIRROR_LONG_TESTS"] == "1" }
    static func wanted(_ variable: String) -> Bool { isLong || !(environment[variable] ?? "").isEmpty }

    @Test(.enabled(if: wanted("MAILMIRROR_TEST_CYRUS_ENV"), "no Cyrus: run scripts/test --long"))
    func cyrusMirrorsTheSameMailboxAsDovecot() throws {
        try mirrorAndCompare(envVariable: "MAILMIRROR_TEST_CYRUS_ENV", server: "cyrus")
    }

    @Test(.enabled(if: wanted("MAILMIRROR_TEST_COURIER_ENV"), "no Courier: run scripts/test --long"))
    func courierMirrorsTheSameMailboxAsDovecot() throws {
        try mirrorAndCompare(envVariable: "MAILMIRROR_TEST_COURIER_ENV", server: "courier")
    }

    func mirrorAndCompare(envVariable: String, server: String) throws {
        guard let envPath = Self.environment[envVariable], !envPath.isEmpty else {
            throw Testbed.TestbedMissing(
                message: "\(envVariable) is not set although MAILMIRROR_LONG_TESTS=1: "
                    + "scripts/test --long starts \(server) and sets it")
        }
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary(), "build the executable first (swift build --build-tests)")
        let other = try TestbedEnvironmentFile(path: envPath)
        #expect(other.server == server)
        let dovecot = try TestbedEnvironmentFile(path: "\(bed.directory)/testbed.env")
        let helper = "\(bed.scriptsFolder)/testbed_imap.py"

        let work = ScratchFolder.root.appendingPathComponent(
            "mm-others-\(server)-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let messages = try Self.corpus()
        let source = work.appendingPathComponent("source")
        try FileManager.default.createDirectory(
            at: source.appendingPathComponent("cur"), withIntermediateDirectories: true)
        for (index, bytes) in messages.enumerated() {
            let name = String(format: "%010d.M%dP1.host:2,", 1_700_000_000 + index, index)
            try Data(bytes).write(to: source.appendingPathComponent("cur").appendingPathComponent(name))
        }

        // The same files to both servers: Dovecot's Maildir as they are, the other server by IMAP APPEND.
        let shortName = "others-\(UUID().uuidString.prefix(8))"
        try ProcessRun.output(
            bed.scriptsFolder + "/testbed", ["deliver", bed.directory, source.path, "--mailbox", shortName])
        let otherMailbox = try ProcessRun.output(
            "/usr/bin/env", ["python3", helper, "--env", envPath, "mailbox", shortName]
        )
        .trimmingCharacters(in: .whitespacesAndNewlines)
        try ProcessRun.output(
            "/usr/bin/env", ["python3", helper, "--env", envPath, "append", "--mailbox", otherMailbox, source.path])

        let dovecotMirror = try mirror(
            dovecot, account: "dovecot", mailbox: shortName, binary: binary, helper: helper,
            work: work, count: messages.count)
        let otherMirror = try mirror(
            other, account: server, mailbox: otherMailbox, binary: binary, helper: helper,
            work: work, count: messages.count)

        // Dovecot serves what was delivered; the other server serves it with its known rewriting, no more.
        for (index, bytes) in messages.enumerated() {
            #expect(dovecotMirror[index] == bytes, "Dovecot message \(index + 1) differs from its source")
            #expect(
                otherMirror[index] == Self.servedBytes(of: bytes, server: server),
                "\(server) message \(index + 1) differs from its source beyond the known rewriting")
        }
        // Across servers: equal byte for byte except the messages the rewriting touches, and those are named.
        let differing = Set(messages.indices.filter { dovecotMirror[$0] != otherMirror[$0] })
        let rewritten = Set(
            messages.indices.filter { Self.servedBytes(of: messages[$0], server: server) != messages[$0] })
        #expect(differing == rewritten)
        for index in differing.sorted() {
            #expect(Self.servedBytes(of: dovecotMirror[index], server: server) == otherMirror[index])
        }
        // The corpus exercises each server's rewriting, so the rules above are checked, not assumed.
        #expect(!rewritten.isEmpty, "the corpus should make \(server) rewrite something")
        print(
            "OtherServersTests: \(messages.count) messages (\(messages.map(\.count).reduce(0, +)) bytes) equal on Dovecot "
                + "and \(server) except \(differing.count) rewritten by \(server): \(differing.sorted().map { $0 + 1 })"
        )
    }

    /// Mirrors `mailbox` with the real binary into a root of its own and returns the stored messages in UID order,
    /// after checking the mirror: each UID once, equal to what the server serves, verify clean, a second sync empty.
    func mirror(
        _ server: TestbedEnvironmentFile, account: String, mailbox: String, binary: String, helper: String,
        work: URL, count: Int
    ) throws -> [[UInt8]] {
        let root = work.appendingPathComponent("mirror-\(account)")
        var configuration = Configuration()
        configuration.accounts = [try server.account(name: account, mailbox: mailbox, root: root)]
        try configuration.save(to: MirrorPaths(root: root).configuration)

        let first = try Self.syncReport(binary: binary, root: root)
        #expect(first.error == nil, "\(account): \(first.error ?? "")")
        #expect(first.fetched == count, "\(account): the first sync fetched \(first.fetched) of \(count)")

        let store = try MailStore(root: root).mailbox(account: account, name: mailbox)
        let epoch = try #require(try store.readState()).uidValidity
        #expect(try store.epochs() == [epoch])
        let stored = try store.storedMessages(uidValidity: epoch)
        let files = try FileManager.default.contentsOfDirectory(atPath: store.curPath(epoch))
        #expect(stored.count == count && files.count == count, "\(account): \(files.count) files for \(count) messages")
        let uids = stored.keys.sorted()

        // What the server serves, fetched independently (imaplib, BODY.PEEK[] under EXAMINE).
        let served = work.appendingPathComponent("served-\(account)")
        try ProcessRun.output(
            "/usr/bin/env",
            ["python3", helper, "--env", server.path, "fetch", "--mailbox", mailbox, "--out", served.path])
        let servedFiles = try FileManager.default.contentsOfDirectory(atPath: served.path)
        #expect(servedFiles.count == count)
        var messages: [[UInt8]] = []
        for uid in uids {
            let bytes = try store.readMessage(uidValidity: epoch, uid: uid)
            let fromServer = try Data(contentsOf: served.appendingPathComponent("\(uid.rawValue).eml"))
            #expect(
                bytes == Array(fromServer),
                "\(account) UID \(uid.rawValue): the mirror differs from what the server serves")
            messages.append(bytes)
        }

        let verify = try ProcessRun.output(binary, ["--root", root.path, "verify", "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(verify.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == true, "\(account): verify said \(verify)")
        #expect((report["problems"] as? [Any])?.isEmpty == true, "\(account): verify said \(verify)")

        let second = try Self.syncReport(binary: binary, root: root)
        #expect(second.error == nil && second.fetched == 0, "\(account): the second sync fetched \(second.fetched)")
        return messages
    }

    /// The bytes `server` is known to serve for a message given to it as `bytes` (CRLF line ends), found by
    /// looking at what each one stores:
    /// - Dovecot (delivered into its Maildir as the file itself) serves the file unchanged.
    /// - Courier stores an APPENDed message with LF line ends in its Maildir and ends an unterminated last
    ///   line, so a message that does not end with CRLF is served with CRLF added; nothing else changes.
    /// - Cyrus, with its default `munge8bit: yes`, replaces every byte above 0x7F in the message's own header
    ///   (up to the first empty line; not in MIME part headers, not in the body) with "X"; nothing else changes
    ///   (an unterminated last line stays so).
    static func servedBytes(of bytes: [UInt8], server: String) -> [UInt8] {
        switch server {
        case "courier":
            return bytes.count >= 2 && bytes.suffix(2) == [0x0D, 0x0A] ? bytes : bytes + [0x0D, 0x0A]
        case "cyrus":
            var result = bytes
            var index = 0
            while index < result.count {
                if result[index] == 0x0D, index + 3 < result.count, result[index + 1] == 0x0A,
                    result[index + 2] == 0x0D,
                    result[index + 3] == 0x0A
                {
                    break
                }
                if result[index] >= 0x80 { result[index] = UInt8(ascii: "X") }
                index += 1
            }
            return result
        default:
            return bytes
        }
    }

    /// One mailbox of varied messages, CRLF line ends: plain and 8-bit samples, raw UTF-8 in headers, MIME with
    /// a binary attachment, a large message, fixtures from Tests/MIMETests, one without a final line end.
    static func corpus() throws -> [[UInt8]] {
        var texts = (1...4).map { Testbed.sampleMessage($0) }
        texts.append(
            """
            From: "Zoë Lefèvre" <zoe@example.fr>
            To: help@example.com
            Subject: Réclamation : facture déjà payée
            Message-ID: <raw8bit@example.fr>
            Date: Wed, 6 Mar 2024 09:15:00 +0100
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Bonjour, j'ai déjà réglé la facture n° 42 — merci de vérifier.

            """)
        var generator = SplitMix(seed: 0x07)
        let attachment = Data((0..<200_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) })
            .base64EncodedString(options: [.lineLength76Characters, .endLineWithLineFeed])
        texts.append(
            """
            From: Client <client@example.org>
            To: help@example.com
            Subject: Export en pièce jointe
            Message-ID: <attachment@example.org>
            Date: Thu, 7 Mar 2024 11:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="b1"

            --b1
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Voici l'export demandé.
            --b1
            Content-Type: application/octet-stream; name="export.bin"
            Content-Disposition: attachment; filename="export.bin"
            Content-Transfer-Encoding: base64

            \(attachment)
            --b1--

            """)
        let line = "Une ligne assez longue pour remplir le message, avec des accents : été, où, ça. "
        texts.append(
            """
            From: Big <big@example.org>
            To: help@example.com
            Subject: Large message
            Message-ID: <large@example.org>
            Date: Fri, 8 Mar 2024 12:00:00 +0000
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            \((0..<30_000).map { "\($0) \(line)" }.joined(separator: "\n"))

            """)
        texts.append(
            """
            From: Html <html@example.org>
            To: help@example.com
            Subject: =?UTF-8?B?UsOpcG9uc2UgSFRNTA==?=
            Message-ID: <alternative@example.org>
            Date: Sat, 9 Mar 2024 13:00:00 +0000
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            R=C3=A9ponse en texte, une ligne tr=C3=A8s longue coup=C3=A9e par un saut=
             doux.
            --alt
            Content-Type: text/html; charset=utf-8
            Content-Transfer-Encoding: 8bit

            <p>Réponse en <b>HTML</b></p>
            --alt--

            """)
        var messages = texts.map { Self.crlf(Array($0.utf8)) }
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MIMETests/Fixtures/enmime/mail")
        for name in ["mime-bad-8bit-filename.raw", "mime-signed.raw", "html-mime-inline.raw"] {
            messages.append(Self.crlf(Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))))
        }
        messages.append(Self.crlf(Array("From: a@example.org\nSubject: no final line end\n\nlast line".utf8)))
        return messages
    }

    /// Every line end as CRLF (what IMAP serves and what APPEND sends).
    static func crlf(_ bytes: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 40)
        for (index, byte) in bytes.enumerated() {
            if byte == 0x0A && (index == 0 || bytes[index - 1] != 0x0D) { result.append(0x0D) }
            result.append(byte)
        }
        return result
    }

    /// The one mailbox of `mailmirror --root R sync --json`.
    static func syncReport(binary: String, root: URL) throws -> (fetched: Int, error: String?) {
        let output = try ProcessRun.output(binary, ["--root", root.path, "sync", "--json"])
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "sync said \(output)")
        let account = try #require((json["accounts"] as? [[String: Any]])?.first, "sync said \(output)")
        let mailbox = try #require((account["mailboxes"] as? [[String: Any]])?.first, "sync said \(output)")
        let error = (mailbox["error"] as? String) ?? (account["error"] as? String)
        return (mailbox["fetched"] as? Int ?? -1, error)
    }
}
