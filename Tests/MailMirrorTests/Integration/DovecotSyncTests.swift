import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The whole sync against the real Dovecot that ./scripts/test starts: certificates verified,
/// each test in a mailbox of its own.
@Suite(.testbed) struct DovecotSyncTests {
    let root = ScratchFolder.root.appendingPathComponent("mm-dovecot-\(UUID().uuidString)")

    /// Runs one sync of `account` into `root`, recording the IMAP commands sent.
    func sync(_ account: AccountConfiguration, sent: SentCommands = SentCommands()) throws -> MailboxSyncResult {
        var configuration = Configuration()
        configuration.accounts = [account]
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try configuration.save(to: MirrorPaths(root: root).configuration)
        let connector = IMAPConnector(timeout: 10) { event in if case .sent(let line) = event { sent.append(line) } }
        let results = try LocalMirror(root: root).sync(
            accounts: [], connector: connector, observer: SilentSyncObserver())
        #expect(results.count == 1)
        if let error = results.first?.error { throw Testbed.TestbedMissing(message: error) }
        return results[0].mailboxes[0]
    }

    func stored(_ mailbox: String) throws -> (store: MailboxStore, epoch: UIDValidity) {
        let store = try MailStore(root: root).mailbox(account: "test", name: mailbox)
        let epoch = try #require(try store.readState()).uidValidity
        return (store, epoch)
    }

    @Test func mirrorsByteForByteThenANoOpFetchesNothing() throws {
        let bed = try Testbed.require()
        let mailbox = try bed.makeMailbox("full")
        for index in 1...12 { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
        let account = try bed.account(mailbox: mailbox, root: root)

        let firstSent = SentCommands()
        let first = try sync(account, sent: firstSent)
        #expect(firstSent.lines.contains { $0.contains("BODY.PEEK[]") && $0.contains("UID FETCH") })
        #expect(firstSent.lines.contains { $0.contains("EXAMINE") })
        #expect(first.error == nil)
        #expect(first.fetched == 12)
        let (store, epoch) = try stored(mailbox)
        for index in 1...12 {
            let expected = Testbed.sampleMessage(index).replacingOccurrences(of: "\n", with: "\r\n")
            #expect(try store.readMessage(uidValidity: epoch, uid: UID(UInt32(index))) == Array(expected.utf8))
        }
        // BODY.PEEK: the server's \Seen flags are untouched.
        #expect(!(try bed.flags(of: 1, in: mailbox)).contains("Seen"))

        let sent = SentCommands()
        let again = try sync(account, sent: sent)
        #expect(again.fetched == 0)
        #expect(!sent.lines.contains { $0.contains("BODY.PEEK") })
        #expect(!sent.lines.contains { $0.contains(" SELECT ") || $0.contains(" STORE ") || $0.contains("EXPUNGE") })
    }

    @Test func newMailFlagChangesAndExpungesFollowTheServer() throws {
        let bed = try Testbed.require()
        let mailbox = try bed.makeMailbox("changes")
        for index in 1...5 { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
        let account = try bed.account(mailbox: mailbox, root: root)
        _ = try sync(account)

        try bed.deliver(Testbed.sampleMessage(6), to: mailbox)
        try bed.doveadm(["flags", "add", "-u", bed.user, "\\Flagged", "mailbox", mailbox, "uid", "2"])
        try bed.doveadm(["expunge", "-u", bed.user, "mailbox", mailbox, "uid", "3"])
        let sent = SentCommands()
        let result = try sync(account, sent: sent)
        #expect(result.fetched == 1)
        #expect(result.flagsChanged == 1)
        #expect(result.expunged == 1)
        #expect(
            sent.lines.filter { $0.contains("BODY.PEEK") }.allSatisfy { $0.contains(" 6 ") || $0.contains(" 6:6 ") })

        let (store, epoch) = try stored(mailbox)
        let messages = try store.storedMessages(uidValidity: epoch)
        #expect(messages.count == 6)
        #expect(messages[UID(2)]?.flags.contains("\\Flagged") == true)
        #expect(messages[UID(3)]?.expunged == true)
        #expect(try store.readMessage(uidValidity: epoch, uid: UID(3)).count > 0)
    }

    @Test func uidValidityChangeKeepsTheOldEpoch() throws {
        let bed = try Testbed.require()
        let mailbox = try bed.makeMailbox("epoch")
        for index in 1...3 { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
        let account = try bed.account(mailbox: mailbox, root: root)
        let first = try sync(account)
        let oldEpoch = try #require(first.uidValidity)
        try bed.doveadm([
            "mailbox", "update", "-u", bed.user, "--uid-validity", String(oldEpoch.rawValue &+ 7), mailbox,
        ])
        let second = try sync(account)
        #expect(second.uidValidity == UIDValidity(oldEpoch.rawValue &+ 7))
        #expect(second.fetched == 3)
        let store = try MailStore(root: root).mailbox(account: "test", name: mailbox)
        #expect(try store.epochs().count == 2)
        #expect(try store.storedMessages(uidValidity: oldEpoch).count == 3)
    }

    @Test func startTLSWorksAndCertificatesAreVerified() throws {
        let bed = try Testbed.require()
        let mailbox = try bed.makeMailbox("starttls")
        try bed.deliver(Testbed.sampleMessage(1), to: mailbox)
        let account = try bed.account(mailbox: mailbox, root: root, security: .starttls)
        #expect(try sync(account).fetched == 1)

        // A CA that did not sign the server's certificate: refused, never bypassed.
        let otherCA = root.appendingPathComponent("other-ca.pem")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Self.makeUnrelatedCA(at: otherCA)
        let untrusted = try bed.account(mailbox: mailbox, root: root.appendingPathComponent("b"), caFile: otherCA.path)
        let results = try LocalMirror(root: root.appendingPathComponent("b-root")).syncOnce(untrusted)
        #expect(results.error?.lowercased().contains("certificate") == true)
    }

    @Test func wrongPasswordIsToldApartAndNeverShown() throws {
        let bed = try Testbed.require()
        let mailbox = try bed.makeMailbox("auth")
        let account = try bed.account(mailbox: mailbox, root: root, password: "wrongwrongwrongx")
        let result = try LocalMirror(root: root).syncOnce(account)
        let error = try #require(result.error)
        #expect(error.contains("app password") || error.contains("password"))
        #expect(!error.contains("wrongwrongwrongx"))
        #expect(!error.contains(bed.password))
    }

    /// A freshly made self-signed CA unrelated to the test bed's certificate.
    static func makeUnrelatedCA(at url: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        process.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", url.path + ".key", "-out", url.path,
        ]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}

/// IMAP command lines seen by a trace, thread-safe.
final class SentCommands: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ line: String) {
        lock.lock()
        storage.append(line)
        lock.unlock()
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return storage
    }
}

extension LocalMirror {
    /// Syncs one account given directly (tests), returning its result.
    func syncOnce(_ account: AccountConfiguration) throws -> AccountSyncResult {
        var configuration = Configuration()
        configuration.accounts = [account]
        try FileManager.default.createDirectory(at: paths.root, withIntermediateDirectories: true)
        try configuration.save(to: paths.configuration)
        return try sync(accounts: [], connector: IMAPConnector(timeout: 10), observer: SilentSyncObserver())[0]
    }
}
