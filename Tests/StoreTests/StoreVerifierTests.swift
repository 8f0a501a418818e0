import Foundation
import MailCore
import Testing

@testable import Store

@Suite struct StoreVerifierTests {
    /// A mailbox with UIDs 1...5 stored and a state that agrees.
    func healthyStore() throws -> (TemporaryDirectory, MailStore, MailboxStore) {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        let inbox = try store.mailbox(account: "support", name: "INBOX")
        for uid in 1...5 {
            try inbox.commit(
                uidValidity: uv1, uid: UID(UInt32(uid)), flags: ["\\Seen"], bytes: sampleMessage(uid, bodyLines: 200))
        }
        try inbox.writeState(MailboxState(uidValidity: uv1, uidNext: UID(6), messages: 5))
        return (directory, store, inbox)
    }

    @Test func aHealthyStoreHasNoProblems() throws {
        let (directory, store, _) = try healthyStore()
        defer { withExtendedLifetime(directory) {} }
        #expect(try StoreVerifier(store: store).verify().isEmpty)
    }

    @Test func findsATruncatedFileAndACorruptedByte() throws {
        let (directory, store, inbox) = try healthyStore()
        defer { withExtendedLifetime(directory) {} }
        let truncated = "\(inbox.curPath(uv1))/2.eml.gz:2,S"
        let corrupted = "\(inbox.curPath(uv1))/4.eml.gz:2,S"
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: truncated)))
        try Data(bytes.prefix(bytes.count - 5)).write(to: URL(fileURLWithPath: truncated))
        bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: corrupted)))
        bytes[bytes.count / 2] ^= 0x20
        try Data(bytes).write(to: URL(fileURLWithPath: corrupted))

        let problems = try StoreVerifier(store: store).verify()
        #expect(problems.map(\.kind) == [.truncated, .corrupt])
        #expect(problems.map(\.path) == [truncated, corrupted])
        #expect(problems.map(\.uid) == [UID(2), UID(4)])
        #expect(problems.allSatisfy { $0.isDamage && $0.message.contains($0.path) && $0.mailbox == "INBOX" })
        // Without inflating, names and state alone look fine.
        #expect(try StoreVerifier(store: store).verify(checkContents: false).isEmpty)
    }

    @Test func findsMissingFilesDamagedStateStrayTemporariesAndBadNames() throws {
        let (directory, store, inbox) = try healthyStore()
        defer { withExtendedLifetime(directory) {} }
        try FileManager.default.removeItem(atPath: "\(inbox.curPath(uv1))/3.eml.gz:2,S")
        _ = FileManager.default.createFile(atPath: "\(inbox.tmpPath(uv1))/123.4_5.6.eml.gz", contents: Data([0x1F]))
        _ = FileManager.default.createFile(atPath: "\(inbox.curPath(uv1))/notes.txt", contents: Data())
        var problems = try StoreVerifier(store: store).verify()
        #expect(Set(problems.map(\.kind)) == [.missing, .strayTemporaryFile, .badFileName])
        #expect(problems.first { $0.kind == .missing }?.message.contains("1 are missing") == true)
        #expect(problems.first { $0.kind == .strayTemporaryFile }?.isDamage == false)

        try Data("uidvalidity: ???\n".utf8).write(to: URL(fileURLWithPath: inbox.statePath))
        problems = try StoreVerifier(store: store).verify()
        #expect(problems.contains { $0.kind == .damagedState && $0.path == inbox.statePath })
    }

    @Test func aStateBehindTheFilesIsReportedAsHarmless() throws {
        let (directory, store, inbox) = try healthyStore()
        defer { withExtendedLifetime(directory) {} }
        try inbox.commit(uidValidity: uv1, uid: UID(6), flags: [], bytes: sampleMessage(6))
        let problems = try StoreVerifier(store: store).verify()
        #expect(problems.map(\.kind) == [.stateBehind])
        #expect(problems.allSatisfy { !$0.isDamage })
    }

    @Test func aMissingEpochIsReported() throws {
        let (directory, store, inbox) = try healthyStore()
        defer { withExtendedLifetime(directory) {} }
        try inbox.writeState(MailboxState(uidValidity: uv2, uidNext: UID(3), messages: 2))
        let problems = try StoreVerifier(store: store).verify()
        #expect(problems.map(\.kind) == [.missing])
        #expect(problems.first?.path == inbox.epochPath(uv2))
    }
}
