import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The sync engine against an in-memory server and store: what is fetched, and what is not.
struct SyncEngineTests {
    let server = FakeServer()
    let local = MemoryMailbox()
    let account = AccountConfiguration(
        name: "support", email: "help@example.com", host: "127.0.0.1", port: 993,
        security: .tls, password: .environment("UNUSED"))
    let budgetDirectory = ScratchFolder.root.appendingPathComponent(
        "mm-budget-\(UUID().uuidString)")

    init() {
        server.createMailbox("INBOX")
        server.createMailbox("Sent", roles: [.sent])
        server.createMailbox("Junk", roles: [.junk])
    }

    func engine(options: SyncOptions = SyncOptions()) -> SyncEngine {
        var options = options
        options.reconnectDelays = [0]
        let sent = MemoryMailbox()
        let local = self.local
        return SyncEngine(
            connector: server, openMailbox: { _, name in name == "INBOX" ? local : sent },
            budgetURL: { _ in budgetDirectory.appendingPathComponent("budget") },
            ingest: nil, observer: SilentSyncObserver(), options: options)
    }

    func inbox(_ result: AccountSyncResult) -> MailboxSyncResult {
        result.mailboxes.first { $0.mailbox == "INBOX" }!
    }

    @Test func mirrorsInboxAndSentButNotJunk() {
        server.add("INBOX", "one")
        server.add("Sent", "two")
        server.add("Junk", "spam")
        let result = engine().sync(account, password: Secret(pasted: "x"))
        #expect(result.mailboxes.map(\.mailbox) == ["INBOX", "Sent"])
        #expect(result.failures.isEmpty)
        #expect(local.epochs[UIDValidity(100)]?[UID(1)]?.bytes == Array("one".utf8))
    }

    @Test func secondSyncWithNothingNewDownloadsNothing() {
        server.add("INBOX", "one")
        server.add("INBOX", "two")
        _ = engine().sync(account, password: Secret(pasted: "x"))
        #expect(server.downloaded.count == 2)  // two in INBOX, none in Sent
        server.downloaded = []
        let again = engine().sync(account, password: Secret(pasted: "x"))
        #expect(server.downloaded.isEmpty)
        #expect(inbox(again).fetched == 0)
    }

    @Test func newMailFlagsAndExpunges() {
        let first = server.add("INBOX", "one")
        let second = server.add("INBOX", "two")
        _ = engine().sync(account, password: Secret(pasted: "x"))
        server.downloaded = []
        server.add("INBOX", "three")
        server.setFlags("INBOX", first, ["\\Seen"])
        server.expunge("INBOX", second)
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.fetched == 1)
        #expect(result.flagsChanged == 1)
        #expect(result.expunged == 1)
        #expect(server.downloaded == [UID(3)])
        let kept = local.epochs[UIDValidity(100)]!
        #expect(kept[second]?.local.expunged == true)
        #expect(kept[second]?.bytes == Array("two".utf8))
        #expect(kept[first]?.local.flags == ["\\Seen"])
    }

    @Test func flagsThatDifferOnlyInWhatTheMirrorDropsAreNoChange() {
        let same = server.add("INBOX", "one", flags: [.seen, "$Label1"])
        let changed = server.add("INBOX", "two")
        _ = engine().sync(account, password: Secret(pasted: "x"))
        // Order, case of a system flag, \Recent and a system flag the store has no place for.
        server.setFlags("INBOX", same, ["$Label1", "\\SEEN", "\\Recent", "\\Junk"])
        server.setFlags("INBOX", changed, [.flagged])
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.flagsChanged == 1)
        #expect(local.epochs[UIDValidity(100)]?[changed]?.local.flags == [.flagged])
    }

    @Test func uidValidityChangeStartsANewEpochAndKeepsTheOld() {
        server.add("INBOX", "old")
        _ = engine().sync(account, password: Secret(pasted: "x"))
        server.boxes["INBOX"] = FakeServer.Box(uidValidity: 200, roles: [])
        server.add("INBOX", "new")
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.uidValidity == UIDValidity(200))
        #expect(local.epochs[UIDValidity(100)]?[UID(1)]?.bytes == Array("old".utf8))
        #expect(local.epochs[UIDValidity(200)]?[UID(1)]?.bytes == Array("new".utf8))
    }

    /// The store is listed while EXAMINE runs, for the epoch STATUS named: when EXAMINE names another,
    /// that listing must not stand for the new epoch (UID 1 there is another message, not yet stored).
    @Test func uidValidityChangeBetweenStatusAndExamineListsTheNewEpoch() {
        server.add("INBOX", "old")
        _ = engine().sync(account, password: Secret(pasted: "x"))
        server.add("INBOX", "second")
        server.boxes["INBOX"]!.messages = [1: FakeServer.Message(bytes: Array("new".utf8), flags: [], modSeq: 9)]
        server.epochAtExamine = 200
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.uidValidity == UIDValidity(200))
        #expect(local.epochs[UIDValidity(100)]?[UID(1)]?.bytes == Array("old".utf8))
        #expect(local.epochs[UIDValidity(200)]?[UID(1)]?.bytes == Array("new".utf8))
    }

    @Test(arguments: [0, 1, 5, 9])
    func crashAtAnyCommitResumesWithoutRefetching(crashAfter: Int) {
        for index in 0..<10 { server.add("INBOX", "message \(index)") }
        local.failCommitAfter = crashAfter
        let failed = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(failed.error != nil)
        let committed = Set(local.epochs[UIDValidity(100)]?.keys.map { $0 } ?? [])
        local.failCommitAfter = nil
        server.downloaded = []
        let resumed = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(resumed.error == nil)
        #expect(local.epochs[UIDValidity(100)]?.count == 10)
        #expect(Set(server.downloaded).isDisjoint(with: committed))
        for (uid, message) in server.boxes["INBOX"]!.messages {
            #expect(local.epochs[UIDValidity(100)]?[UID(uid)]?.bytes == message.bytes)
        }
    }

    /// A group whose publishing fails part-way (its sync of the disk done, a rename refused): the messages
    /// it put in place are counted and recorded as stored, and the next sync fetches only the others.
    @Test(arguments: [0, 3, 9])
    func aGroupThatFailsPartWayCountsWhatItPutInPlace(placedBeforeFailing: Int) {
        for index in 0..<10 { server.add("INBOX", "message \(index)") }
        local.failPublishAfter = placedBeforeFailing
        let failed = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(failed.error != nil)
        #expect(failed.fetched == placedBeforeFailing)
        #expect(local.epochs[UIDValidity(100)]?.count ?? 0 == placedBeforeFailing)
        local.failPublishAfter = nil
        server.downloaded = []
        let resumed = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(resumed.error == nil)
        #expect(resumed.fetched == 10 - placedBeforeFailing)
        #expect(server.downloaded.count == 10 - placedBeforeFailing)
        for (uid, message) in server.boxes["INBOX"]!.messages {
            #expect(local.epochs[UIDValidity(100)]?[UID(uid)]?.bytes == message.bytes)
        }
    }

    @Test func droppedConnectionIsReopenedAndTheSyncFinishes() {
        for index in 0..<6 { server.add("INBOX", "message \(index)") }
        server.dropAfterMessages = 3
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.error == nil)
        #expect(result.fetched == 6)
        #expect(server.connections == 2)
        #expect(server.downloaded.count == 6)
    }

    @Test func refusedLoginFailsTheAccountWithItsMessage() {
        server.refuseLogin = MailMirrorError.postponed("Gmail is throttling this account")
        let result = engine().sync(account, password: Secret(pasted: "x"))
        #expect(result.error == "Gmail is throttling this account")
        #expect(result.errorIsTemporary)
        #expect(local.epochs.isEmpty)
    }

    @Test func dailyBudgetStopsEarlyAndSaysWhatIsLeft() {
        for index in 0..<5 { server.add("INBOX", String(repeating: "x", count: 400_000 + index)) }
        var limited = account
        limited.dailyBudgetMB = 1
        let sent = MemoryMailbox()
        let local = self.local
        let engine = SyncEngine(
            connector: server, openMailbox: { _, name in name == "INBOX" ? local : sent },
            budgetURL: { _ in budgetDirectory.appendingPathComponent("budget") },
            ingest: nil, observer: SilentSyncObserver())
        let result = engine.sync(limited, password: Secret(pasted: "x"))
        #expect(inbox(result).fetched == 2)
        #expect(inbox(result).remaining == 3)
        #expect(result.notices.first?.contains("3 messages") == true)
        #expect(local.savedState?.uidNext == nil)
    }

    @Test func uidValidityZeroIsRefused() {
        server.boxes["INBOX"] = FakeServer.Box(uidValidity: 0, roles: [])
        server.add("INBOX", "x")
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.error?.contains("UIDVALIDITY 0") == true)
        #expect(local.epochs.isEmpty)
    }

    /// The walks of sorted UID lists that replaced sets give what the sets gave, on unsorted server answers
    /// with repeats and listings with expunged marks.
    @Test(arguments: 1...20) func theMergeWalksAgreeWithSets(seed: UInt64) {
        var random = SplitMix(seed: seed)
        let storedCount = Int(random.next() % 60)
        let stored = StoredListing(
            (0..<storedCount).map { _ in (UID(UInt32(1 + random.next() % 80)), [], random.next() % 4 == 0) })
        let server = (0..<Int(random.next() % 60)).map { _ in UID(UInt32(1 + random.next() % 80)) }
        let wanted = server.filter { _ in random.next() % 3 != 0 }
        let serverSet = Set(server)
        var storedSet = Set<UID>()
        var goneBySet: [UID] = []
        for (uid, expunged) in stored {
            storedSet.insert(uid)
            if !expunged && !serverSet.contains(uid) { goneBySet.append(uid) }
        }
        #expect(SyncEngine.ascending(server) == serverSet.sorted())
        #expect(SyncEngine.storedOnly(stored, server: SyncEngine.ascending(server)) == goneBySet)
        #expect(
            SyncEngine.missing(SyncEngine.ascending(wanted), stored: stored)
                == Set(wanted).filter { !storedSet.contains($0) }.sorted())
    }

    /// A no-op sync of the in-memory store (no stamp) lists, and a count that no longer holds is a full pass.
    @Test func aNoOpWithoutAStampListsAndACountOffMakesAPass() throws {
        _ = server.add("INBOX", "one")
        _ = server.add("INBOX", "two")
        _ = engine().sync(account, password: Secret(pasted: "x"))
        #expect(local.savedState?.storedMessages == 2)
        #expect(local.savedState?.listingStamp == nil)
        // One copy lost behind the engine's back: the server is unchanged, the store is not.
        local.epochs[local.savedState!.uidValidity]!.removeValue(forKey: UID(1))
        let result = inbox(engine().sync(account, password: Secret(pasted: "x")))
        #expect(result.fetched == 1)
        #expect(local.savedState?.storedMessages == 2)
    }
}
