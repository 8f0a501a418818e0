import Durable
import Foundation
import MailCore
import Testing

@testable import Store

@Suite struct StoredListingTests {
    /// The compact listing the sync reads says what the full scan says: UIDs, flags with keywords, the
    /// expunged mark, and nothing for names that are not message files.
    @Test func listingMatchesTheFullScan() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        try inbox.commit(
            uidValidity: uv1, uid: UID(12), flags: ["\\Seen", "\\Flagged", "$Label1"], bytes: sampleMessage(12))
        try inbox.commit(uidValidity: uv1, uid: UID(3), flags: [], bytes: sampleMessage(3))
        try inbox.commit(uidValidity: uv1, uid: UID(7), flags: ["\\Answered", "\\Draft"], bytes: sampleMessage(7))
        try inbox.markExpunged(uidValidity: uv1, uids: [UID(7)])
        // Not message files: never listed.
        for name in ["notes.txt", "012.eml.gz:2,S", "9.eml.gz:2,SR"] {
            FileManager.default.createFile(atPath: "\(inbox.curPath(uv1))/\(name)", contents: Data())
        }

        let listing = try inbox.listing(uidValidity: uv1)
        let scan = try inbox.storedMessages(uidValidity: uv1, withSizes: false)
        var listed: [UID] = []
        for (uid, expunged) in listing {
            listed.append(uid)
            #expect(expunged == scan[uid]?.expunged)
            #expect(listing.flags(of: uid) == scan[uid]?.flags)
        }
        #expect(listed == [UID(3), UID(7), UID(12)])
        #expect(listed == scan.keys.sorted())
        #expect(listing.flags(of: UID(12)) == ["\\Flagged", "\\Seen", "$Label1"])
        #expect(listing.count == 3 && listing.unexpungedCount == 2 && listing.highestUID == UID(12))
        #expect(listing.contains(UID(3)) && !listing.contains(UID(4)) && listing.flags(of: UID(9)) == nil)
        #expect(try inbox.listing(uidValidity: UIDValidity(4242)).isEmpty)

        // What `status` shows, without a listing kept: the same counts and bytes as the full scan.
        let usage = try inbox.usage(uidValidity: uv1)
        let sized = try inbox.storedMessages(uidValidity: uv1)
        #expect(usage.messages == 3 && usage.expunged == 1)
        #expect(usage.bytes == Int64(sized.values.reduce(0) { $0 + ($1.compressedSize ?? 0) }) && usage.bytes > 0)
        #expect(try inbox.usage(uidValidity: UIDValidity(4242)) == (0, 0, 0))
    }

    /// The letters survive the round trip through bits (what the commit index keeps), whatever they are.
    @Test(arguments: ["", "S", "RS", "DFPRST", "Sx", "DFPRSTx", "Sabz", "AZaz"])
    func lettersRoundTripThroughBits(_ letters: String) {
        let flags = MaildirFlags(letters: letters)
        #expect(MaildirFlags(letterBits: flags.letterBits) == flags)
        #expect((flags.letterBits & MaildirFlags.expungedBit != 0) == flags.isExpunged)
    }

    /// A commit after a flag change and an expunge mark finds the renamed files (the index keeps the
    /// letters, not the names).
    @Test func renamedFilesAreFoundThroughTheIndex() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(5), flags: [], bytes: sampleMessage(5))
        #expect(try inbox.setFlags(uidValidity: uv1, uid: UID(5), flags: ["\\Seen"]))
        #expect(try inbox.markExpunged(uidValidity: uv1, uids: [UID(5)]) == 1)
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(5)) == sampleMessage(5))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)) == ["5.eml.gz:2,Sx"])
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(5), flags: [], bytes: sampleMessage(9)) == .alreadyStored)
    }

    /// The stamp the sync's no-op check trusts: any write, rename or removal in `cur/` moves it, and a
    /// folder changed within `settledAfterNanoseconds` gives none (a change in the same tick would not move it).
    @Test func theListingStampMovesWithEveryChangeAndIsWithheldWhileRecent() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        #expect(try inbox.listingStamp(uidValidity: uv1) == nil)
        try inbox.commit(uidValidity: uv1, uid: UID(3), flags: [], bytes: sampleMessage(3))
        let first = try #require(try inbox.listingStamp(uidValidity: uv1))
        #expect(try inbox.settledListingStamp(uidValidity: uv1) == nil)
        #expect(try inbox.settledListingStamp(uidValidity: uv1, now: Date().addingTimeInterval(10)) == first)
        var previous = first
        for change in 0..<3 {
            Thread.sleep(forTimeInterval: 0.02)  // past the file system's tick
            switch change {
            case 0: try inbox.setFlags(uidValidity: uv1, uid: UID(3), flags: ["\\Seen"])
            case 1: try inbox.markExpunged(uidValidity: uv1, uids: [UID(3)])
            default: _ = try inbox.quarantine(uidValidity: uv1, uid: UID(3))
            }
            let stamp = try #require(try inbox.listingStamp(uidValidity: uv1))
            #expect(stamp != previous, "change \(change)")
            previous = stamp
        }
    }

    /// The listing a sync reads stands for `cur/` in the store: commits and flag changes find names in it (and
    /// in what they wrote since) as they did in a listing of their own.
    @Test func theSyncsListingFindsWhatAListingOfItsOwnFinds() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        let writer = try store.mailbox(account: "support", name: "INBOX")
        try writer.commit(uidValidity: uv1, uid: UID(3), flags: ["\\Seen"], bytes: sampleMessage(3))
        try writer.commit(uidValidity: uv1, uid: UID(9), flags: [], bytes: sampleMessage(9))
        // A fresh store over the same files, as the next run opens it.
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        _ = try inbox.listing(uidValidity: uv1)
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(3), flags: [], bytes: sampleMessage(4)) == .alreadyStored)
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(5), flags: [], bytes: sampleMessage(5)) != .alreadyStored)
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(5), flags: [], bytes: sampleMessage(6)) == .alreadyStored)
        #expect(try inbox.setFlags(uidValidity: uv1, uid: UID(3), flags: ["\\Flagged"]))
        #expect(try inbox.setFlags(uidValidity: uv1, uid: UID(5), flags: ["\\Seen"]))
        #expect(try inbox.markExpunged(uidValidity: uv1, uids: [UID(9), UID(3)]) == 2)
        #expect(try !inbox.setFlags(uidValidity: uv1, uid: UID(7), flags: ["\\Seen"]))
        let after = try inbox.listing(uidValidity: uv1)
        #expect(after.flags(of: UID(3)) == ["\\Flagged"] && after.flags(of: UID(5)) == ["\\Seen"])
        #expect(after.count == 3 && after.unexpungedCount == 1)
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(3)) == sampleMessage(3))
    }
}
