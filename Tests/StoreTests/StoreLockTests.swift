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

    /// The lock file still names the last sync after it exited; another holder (here a second open file of
    /// this process standing in for `flock`) must not be reported as that dead pid.
    @Test func aStalePidInTheLockFileIsNotNamed() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        let path = store.lockPath
        let fd = try Disk.open(path, flags: Disk.OpenFlags.readWriteCreate)
        defer { Disk.close(fd) }
        #expect(try Disk.tryLockExclusive(fd, path: path))
        // A pid above the kernel's maximum (4,194,304) never runs.
        try Disk.write(fd, Array("9999999\n".utf8), path: path)
        do {
            _ = try store.lock()
            Issue.record("took a lock another open file holds")
        } catch let error as StoreError {
            #expect(error.code == .locked(pid: nil))
            #expect(!error.message.contains("9999999"))
            #expect(error.message.contains("another process is using the mirror"))
        }
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
