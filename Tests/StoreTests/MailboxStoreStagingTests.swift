import Durable
import Foundation
import MailCore
import Testing

@testable import Store

/// `stage` / `publish` / `abandon`: the halves of `commit` the sync uses to make a group of messages durable at once.
@Suite struct MailboxStoreStagingTests {
    @Test func aStagedMessageIsInTmpUntilPublishedThenInCurWhole() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        let staged = try [1, 2, 3].map { uid in
            try #require(
                try inbox.stage(
                    uidValidity: uv1, uid: UID(UInt32(uid)), flags: uid == 2 ? ["\\Seen", "$Work"] : [],
                    bytes: sampleMessage(uid)))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).count == 3)
        // Reserved while staged: neither a second stage nor a commit writes the UID again.
        #expect(try inbox.stage(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(9)) == nil)
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(9)) == .alreadyStored)

        var placed: [Int] = []
        try inbox.publish(staged) { placed.append($0) }
        #expect(placed == [0, 1, 2])
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)).sorted()
                == ["1.eml.gz:2,", "2.eml.gz:2,S", "3.eml.gz:2,"])
        for uid in 1...3 {
            #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(UInt32(uid))) == sampleMessage(uid))
        }
        #expect(try inbox.loadKeywordsFile(uv1)[UID(2)] == ["$Work"])
        #expect(try inbox.stage(uidValidity: uv1, uid: UID(3), flags: [], bytes: sampleMessage(9)) == nil)
    }

    @Test func anAbandonedMessageLeavesNothingAndItsUIDCanBeWrittenAgain() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        let staged = try #require(try inbox.stage(uidValidity: uv1, uid: UID(5), flags: [], bytes: sampleMessage(5)))
        inbox.abandon([staged])
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)).isEmpty)
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(5), flags: [], bytes: sampleMessage(5)) != .alreadyStored)
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(5)) == sampleMessage(5))
    }

    @Test func aFailedPublishAbandonsTheGroupAndNamesTheMessage() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        let staged = try [1, 2].map { uid in
            try #require(try inbox.stage(uidValidity: uv1, uid: UID(UInt32(uid)), flags: [], bytes: sampleMessage(uid)))
        }
        // `cur/` gone: the first rename fails.
        try FileManager.default.removeItem(atPath: inbox.curPath(uv1))
        var placed: [Int] = []
        #expect {
            try inbox.publish(staged) { placed.append($0) }
        } throws: { error in
            "\(error)".contains("UID 1") || ((error as? StoreError)?.message.contains("UID 1") ?? false)
        }
        #expect(placed.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
    }
}
