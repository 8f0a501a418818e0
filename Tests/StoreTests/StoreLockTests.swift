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
            #expect(error.code == .locked(pid: Syscalls.processID))
            #expect(error.message.contains("another sync is running (pid \(Syscalls.processID))"))
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
        let reader = try MailStore(root: directory.url)
        #expect(try reader.mailbox(account: "a", name: "INBOX").readMessage(uidValidity: uv1, uid: UID(1)) == sampleMessage(1))
    }
}
