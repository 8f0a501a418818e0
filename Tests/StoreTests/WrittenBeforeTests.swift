import Foundation
import MailCore
import Testing

@testable import Store

/// Files written by the code before flags were typed (`Fixtures/written-before-typed-flags`, see its
/// README) read the same and are written again byte for byte: Maildir info letters, the `keywords`
/// file, the state file and the catalog.
@Suite struct WrittenBeforeTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/written-before-typed-flags")
    static let epoch = UIDValidity(1_700_000_000)
    static let epochFolder = "store/accounts/support/INBOX/1700000000"

    /// The flags each message was given then, as IMAP names; what reading them back must give.
    static let expected: [UID: [Flag]] = [
        UID(1): [.seen],
        UID(2): [.flagged, .answered, .seen],
        UID(3): [.forwarded, .seen, "$Important", "NonJunk"],
        UID(4): [.flagged, "$Later"],
        UID(5): [.draft, .deleted, "Étiquette"],
    ]
    static let fileNames = ["1.eml.gz:2,S", "2.eml.gz:2,FRS", "3.eml.gz:2,PS", "4.eml.gz:2,F", "5.eml.gz:2,DTx"]

    /// A private copy of the fixture, so nothing a test does can change it.
    static func copy() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for name in ["store", "catalog"] {
            try FileManager.default.copyItem(
                at: fixture.appendingPathComponent(name), to: directory.url.appendingPathComponent(name))
        }
        return directory
    }

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    @Test func messagesAndKeywordsReadTheSame() throws {
        let directory = try Self.copy()
        let inbox = try MailStore(root: directory.url.appendingPathComponent("store")).mailbox(
            account: "support", name: "INBOX")
        let stored = try inbox.storedMessages(uidValidity: Self.epoch)
        #expect(stored.mapValues(\.flags) == Self.expected)
        #expect(stored.values.filter(\.expunged).map(\.uid) == [UID(5)])
        #expect(stored.values.map { ($0.path as NSString).lastPathComponent }.sorted() == Self.fileNames)
    }

    @Test func settingTheSameFlagsAgainChangesNoFile() throws {
        let directory = try Self.copy()
        let inbox = try MailStore(root: directory.url.appendingPathComponent("store")).mailbox(
            account: "support", name: "INBOX")
        let keywordsFile = directory.path + "/" + Self.epochFolder + "/keywords"
        let before = try Self.bytes(keywordsFile)
        // As a server would send them: another order, other case for system flags, \Recent.
        for (uid, flags) in Self.expected {
            let resent =
                flags.reversed().map { Flag($0.name.hasPrefix("\\") ? $0.name.uppercased() : $0.name) } + [.recent]
            #expect(try inbox.setFlags(uidValidity: Self.epoch, uid: uid, flags: resent))
        }
        let names = try FileManager.default.contentsOfDirectory(
            atPath: directory.path + "/" + Self.epochFolder + "/cur"
        ).sorted()
        #expect(names == Self.fileNames)
        #expect(try Self.bytes(keywordsFile) == before)
    }

    @Test func writingTheSameMessagesAgainGivesTheSameFiles() throws {
        let source = try Self.copy()
        let old = try MailStore(root: source.url.appendingPathComponent("store")).mailbox(
            account: "support", name: "INBOX")
        let target = try TemporaryDirectory()
        let fresh = try MailStore(root: target.url.appendingPathComponent("store")).mailbox(
            account: "support", name: "INBOX")
        // The order of the first writes: UID 4 got its flags later (through setFlags) and UID 5 was expunged.
        let firstFlags: [UID: [Flag]] = Self.expected.merging([UID(4): []]) { $1 }
        for uid in Self.expected.keys.sorted() {
            try fresh.commit(
                uidValidity: Self.epoch, uid: uid, flags: firstFlags[uid]!,
                bytes: try old.readMessage(uidValidity: Self.epoch, uid: uid))
        }
        try fresh.setFlags(uidValidity: Self.epoch, uid: UID(4), flags: Self.expected[UID(4)]!)
        try fresh.markExpunged(uidValidity: Self.epoch, uids: [UID(5)])
        try fresh.writeState(try #require(try old.readState()))

        for name in Self.fileNames.map({ "cur/" + $0 }) + ["keywords", "../state"] {
            let written = try Self.bytes(target.path + "/" + Self.epochFolder + "/" + name)
            #expect(
                written == (try Self.bytes(Self.fixture.path + "/" + Self.epochFolder + "/" + name)), "\(name) differs")
        }
    }

    @Test func theCatalogReadsTheSameAndIsRewrittenTheSame() throws {
        let directory = try Self.copy()
        let summaries = try CatalogFile(directory: directory.path + "/catalog").loadAll()
        // In the order they were given, which the catalog keeps.
        #expect(
            summaries.map(\.flags) == [
                [.seen], [.seen, .answered, .flagged], [.forwarded, .seen, "$Important", "NonJunk"], [],
                [.draft, .deleted, "Étiquette"], [.flagged, "$Later"],
            ])
        let target = try TemporaryDirectory()
        let rewritten = CatalogFile(directory: target.path + "/catalog")
        try rewritten.rewrite(summaries)
        #expect(try Self.bytes(rewritten.path) == (try Self.bytes(Self.fixture.path + "/catalog/summaries.bin")))
    }
}
