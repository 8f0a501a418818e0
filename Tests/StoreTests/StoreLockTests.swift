import Durable
import MailCore
import Testing

@testable import Store

@Suite struct StoreLockTests {
    @Test func aSecondWriterGetsATypedErrorNamingThePid() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        let held = try store.lock()
        do {
            _ = try store.lock()
            Issue.record("took the lock twice")
        } catch let error as StoreError {
            #expect(error.code == .locked(pid: Disk.processID))
            #expect(error.message.contains("another sync is running (pid \(Disk.processID))"))
            #expect(error.path == store.lockPath)
        }
        held.release()
        let again = try store.lock()
        again.release()
    }

    @Test func readersDoNotNeedTheLock() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        let lock = try store.lock()
        defer { lock.release() }
        let inbox = try store.mailbox(account: "a", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1))
        let reader = try MailStore(root: directory.url).mailbox(account: "a", name: "INBOX")
        #expect(try reader.readMessage(uidValidity: uv1, uid: UID(1)) == sampleMessage(1))
        // The reader sees what the writer commits and renames after it first looked.
        try inbox.commit(uidValidity: uv1, uid: UID(2), flags: [], bytes: sampleMessage(2))
        try inbox.setFlags(uidValidity: uv1, uid: UID(1), flags: ["\\Seen"])
        #expect(try reader.readMessage(uidValidity: uv1, uid: UID(2)) == sampleMessage(2))
        #expect(try reader.readMessage(uidValidity: uv1, uid: UID(1)) == sampleMessage(1))
    }
}
