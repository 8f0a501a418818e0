import Foundation
import MailCore
import Testing

@testable import Store

/// kill -9 of a real writer process at random moments: a second copy of this test binary runs
/// `writerWorkload` (enabled only through the environment) and is killed while committing.
@Suite(.serialized) struct CrashTests {
    static let rootVariable = "MAILMIRROR_STORE_CRASH_ROOT"

    /// The message a UID gets in the workload: sizes vary so some writes take a while.
    static func message(_ uid: Int) -> [UInt8] {
        sampleMessage(uid, bodyLines: 20 + uid % 7 * 400)
            + (uid % 5 == 0 ? randomBytes(200_000, seed: UInt64(uid)) : [])
    }

    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment[rootVariable] != nil,
            "runs only as the child of killedWritersLeaveNoPartialFiles"))
    func writerWorkload() throws {
        let root = URL(fileURLWithPath: ProcessInfo.processInfo.environment[Self.rootVariable]!)
        let store = try MailStore(root: root)
        let lock = try store.lock()
        defer { lock.release() }
        try store.sweepTemporaryFiles()
        let inbox = try store.mailbox(account: "acct", name: "INBOX")
        let start = Date()
        var uid = (try inbox.storedMessages(uidValidity: uv1, withSizes: false).keys.max()?.rawValue).map(Int.init) ?? 0
        while Date().timeIntervalSince(start) < 20 {
            uid += 1
            try inbox.commit(
                uidValidity: uv1, uid: UID(UInt32(uid)), flags: uid % 2 == 0 ? ["\\Seen"] : [], bytes: Self.message(uid)
            )
            if uid % 3 == 0 { try inbox.setFlags(uidValidity: uv1, uid: UID(UInt32(uid - 1)), flags: ["\\Flagged"]) }
            if uid % 4 == 0 { try inbox.markExpunged(uidValidity: uv1, uids: [UID(UInt32(uid - 2))]) }
            if uid % 5 == 0 {
                try inbox.writeState(MailboxState(uidValidity: uv1, uidNext: UID(UInt32(uid + 1)), messages: 0))
                try store.catalog.append([CatalogFileTests.summary(uid)])
            }
        }
    }

    @Test func killedWritersLeaveNoPartialFiles() throws {
        let binary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let directory = try TemporaryDirectory()
        var kills = 0
        for round in 0..<5 {
            let child = Process()
            child.executableURL = URL(fileURLWithPath: binary)
            child.arguments = ["--testing-library", "swift-testing", "--filter", "writerWorkload"]
            child.environment = ProcessInfo.processInfo.environment.merging([Self.rootVariable: directory.path]) { $1 }
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Let it start and write for a while, a different while each round.
            usleep(UInt32(200_000 + round * 120_000))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal)
            kills += 1

            let store = try MailStore(root: directory.url)
            let inbox = try store.mailbox(account: "acct", name: "INBOX")
            let stored = try inbox.storedMessages(uidValidity: uv1)
            // Every file in cur/ is whole and holds exactly the bytes committed.
            for message in stored.values {
                #expect(
                    try inbox.readMessage(uidValidity: uv1, uid: message.uid) == Self.message(Int(message.uid.rawValue))
                )
            }
            let damage = try StoreVerifier(store: store).verify().filter(\.isDamage)
            #expect(damage.isEmpty, "\(damage)")
            // The catalog loads whatever the kill cut.
            _ = try store.catalog.load()
        }
        let store = try MailStore(root: directory.url)
        let inbox = try store.mailbox(account: "acct", name: "INBOX")
        let highest = try #require(try inbox.storedMessages(uidValidity: uv1).keys.max())
        print("crash test: \(kills) kills, \(highest) UIDs committed in all")
        #expect(highest.rawValue > 3)
        // A resumed run stores nothing twice and finds everything whole.
        let lock = try store.lock()
        defer { lock.release() }
        try store.sweepTemporaryFiles()
        for uid in 1...highest.rawValue {
            #expect(
                try inbox.commit(uidValidity: uv1, uid: UID(uid), flags: [], bytes: Self.message(Int(uid)))
                    == .alreadyStored)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
        #expect(try StoreVerifier(store: store).verify().filter(\.isDamage).isEmpty)
    }
}
