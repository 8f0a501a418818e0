import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The id arithmetic behind `verify`'s comparison of the store, the catalog and the index: numbers that
/// are the ids search prints, the latest catalog record of each id, one indexed copy of a message held
/// in two mailboxes, and sorted differences.
struct CoverageIDsTests {
    static func key(_ mailbox: String, _ uid: UInt32) -> MessageKey {
        MessageKey(account: "acct", mailbox: mailbox, uidValidity: UIDValidity(7), uid: UID(uid))
    }

    static func summary(_ key: MessageKey, messageId: String?, subject: String = "s") -> MessageSummary {
        MessageSummary(
            key: key, messageId: messageId, date: 1_700_000_000, from: nil, subject: subject, isReply: false,
            direction: .customer, size: 10, replyText: "")
    }

    @Test func anIdNumberIsTheIdSearchPrints() {
        let key = Self.key("INBOX", 42)
        #expect(StableHash.hex(CoverageIDs.number(key)) == key.id)
    }

    @Test func theCatalogKeepsTheLatestRecordPerIdAndIndexesOneCopyOfAMessage() throws {
        let directory = ScratchFolder.root.appendingPathComponent("coverage-ids-\(UUID())").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let catalog = CatalogFile(directory: directory)
        let inbox1 = Self.key("INBOX", 1)
        let inbox2 = Self.key("INBOX", 2)
        let copy = Self.key("All Mail", 9)  // the same message as INBOX 2, catalogued after it
        let noId = Self.key("INBOX", 3)
        _ = try catalog.append([
            Self.summary(inbox1, messageId: "a@x"), Self.summary(inbox2, messageId: "b@x"),
            Self.summary(copy, messageId: "b@x"), Self.summary(noId, messageId: nil),
            Self.summary(inbox1, messageId: "a@x", subject: "again"),  // re-catalogued: still one message
        ])
        var epochs = CoverageIDs.Epochs()
        let (ids, records, ignored) = try CoverageIDs.Catalog.read(catalog, epochs: &epochs)
        #expect(records == 5)
        #expect(ignored == 0)
        #expect(ids.messages.map(\.id) == [inbox1, inbox2, copy, noId].map(CoverageIDs.number).sorted())
        #expect(ids.indexed == [inbox1, inbox2, noId].map(CoverageIDs.number).sorted())
        #expect(epochs.count == 2)
    }

    @Test func differencesOfSortedIds() {
        let messages = [3, 5, 8, 13].map { CoverageIDs.Message(id: UInt64($0), epoch: 0, uid: UInt32($0)) }
        #expect(CoverageIDs.missing(messages, from: [1, 5, 13, 20]).map(\.uid) == [3, 8])
        #expect(CoverageIDs.missing(messages, from: [UInt64]()).count == 4)
        #expect(CoverageIDs.missingCount([1, 2, 3, 9], from: [2, 9, 10]) == 2)
        #expect(CoverageIDs.missingCount([], from: [2]) == 0)
    }

    @Test func groupsArePerEpochInNameOrderWithUIDsAscending() {
        var epochs = CoverageIDs.Epochs()
        let sent = epochs.number(.init(account: "acct", mailbox: "Sent", uidValidity: UIDValidity(1)))
        let inbox = epochs.number(.init(account: "acct", mailbox: "INBOX", uidValidity: UIDValidity(1)))
        let groups = epochs.grouped([
            .init(id: 1, epoch: sent, uid: 9), .init(id: 2, epoch: inbox, uid: 4), .init(id: 3, epoch: sent, uid: 2),
        ])
        #expect(groups.map { epochs[$0.epoch].mailbox } == ["INBOX", "Sent"])
        #expect(groups[1].uids == [UID(2), UID(9)])
    }
}
