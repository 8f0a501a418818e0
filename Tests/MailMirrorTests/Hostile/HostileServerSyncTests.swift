import Foundation
import MailCore
import Store
import Testing

@testable import MailMirror

extension HostileSyncTests {
    /// Whole syncs (LocalMirror → IMAPConnector → real TLS → the store in a temp root) against a
    /// server that lies, floods, cuts and sends garbage (Fixtures/hostile/hostile_imap.py).
    /// After each: clear errors, nothing outside the root, the good mailbox still mirrored.
    /// Serialized (see `HostileSyncTests`) so the peak-memory checks measure one sync at a time.
    @Suite struct ServerFaults {
        static let goodMessages = 2

        /// The good mailbox was mirrored whole, whatever happened to the bad one.
        func expectGoodMirrored(
            _ mirror: HostileMirror, _ result: AccountSyncResult,
            sourceLocation: SourceLocation = #_sourceLocation
        ) throws {
            let good = result.mailboxes.first { $0.mailbox == "Good" }
            #expect(good?.error == nil, "Good failed: \(good?.error ?? "not synced")", sourceLocation: sourceLocation)
            let stored = try mirror.messages("Good")
            #expect(stored.keys.sorted() == [1, 2], sourceLocation: sourceLocation)
            #expect(stored[1]?.contains("message 1 of Good") == true, sourceLocation: sourceLocation)
        }

        func badError(_ result: AccountSyncResult, sourceLocation: SourceLocation = #_sourceLocation)
            -> MailboxSyncResult?
        {
            let bad = result.mailboxes.first { $0.mailbox == "Bad" }
            #expect(bad != nil, "Bad was not attempted", sourceLocation: sourceLocation)
            #expect(bad?.error != nil, "Bad did not fail", sourceLocation: sourceLocation)
            expectSentence(bad?.error, sourceLocation: sourceLocation)
            return bad
        }

        @Test func literalAnnouncingAbsurdSizeFailsFastWithBoundedMemory() throws {
            let server = try HostileServer("absurd-literal")
            let mirror = try HostileMirror()
            let before = peakResidentBytes()
            let started = Date()
            let result = try mirror.sync(mirror.account(server))
            let bad = badError(result)
            #expect(
                bad?.error?.contains("literal") == true || bad?.error?.contains("large") == true, "\(bad?.error ?? "")")
            #expect(bad?.errorIsTemporary == false)
            #expect(Date().timeIntervalSince(started) < 15)
            #expect(
                peakResidentBytes() - before < 100 << 20,
                "peak memory grew by \((peakResidentBytes() - before) >> 20) MB")
            #expect(try mirror.messages("Bad").isEmpty)
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }

        @Test func endlessLineIsCutAtTheLineLimit() throws {
            let server = try HostileServer("endless-line")
            let mirror = try HostileMirror()
            let before = peakResidentBytes()
            let result = try mirror.sync(mirror.account(server))
            let bad = badError(result)
            #expect(bad?.error?.contains("line") == true, "\(bad?.error ?? "")")
            // The line limit is 8 MB; the framer's buffer plus one copy stays well under 100 MB.
            #expect(
                peakResidentBytes() - before < 100 << 20,
                "peak memory grew by \((peakResidentBytes() - before) >> 20) MB")
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }

        @Test func responseCutShortOnEveryConnectionStillLetsTheNextMailboxSync() throws {
            let server = try HostileServer("cut-short")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server))
            let bad = badError(result)
            #expect(bad?.errorIsTemporary == true)
            #expect(try mirror.messages("Bad").isEmpty)
            #expect(server.connections >= 3, "reconnected \(server.connections - 1) times")
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
            // Nothing half-written was left in tmp/ or cur/.
            let badStore = try mirror.mailbox("Bad")
            for epoch in try badStore.epochs() {
                #expect(try badStore.storedMessages(uidValidity: epoch).isEmpty)
                #expect(((try? FileManager.default.contentsOfDirectory(atPath: badStore.tmpPath(epoch))) ?? []).isEmpty)
            }
        }

        @Test func garbageInsteadOfAResponse() throws {
            let server = try HostileServer("garbage")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server))
            _ = badError(result)
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }

        @Test func uidValidityZeroIsRefused() throws {
            let server = try HostileServer("uidvalidity-zero")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server))
            let bad = badError(result)
            #expect(bad?.error?.contains("UIDVALIDITY 0") == true)
            #expect(!FileManager.default.fileExists(atPath: mirror.root.path + "/accounts/test/Bad/0"))
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }

        @Test func uidValidityOfExamineWinsOverStatus() throws {
            // STATUS says 7, EXAMINE says 8: the UIDs fetched belong to what EXAMINE opened.
            let server = try HostileServer("uidvalidity-mismatch")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server))
            let bad = result.mailboxes.first { $0.mailbox == "Bad" }
            #expect(bad?.error == nil)
            #expect(bad?.uidValidity == UIDValidity(8))
            let store = try mirror.mailbox("Bad")
            #expect(try store.readState()?.uidValidity == UIDValidity(8))
            #expect(try store.epochs() == [UIDValidity(8)])
            #expect(try store.storedMessages(uidValidity: UIDValidity(8)).count == 5)
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
            // The next run (STATUS still disagreeing) downloads nothing again.
            let again = try mirror.sync(mirror.account(server))
            #expect(again.mailboxes.first { $0.mailbox == "Bad" }?.fetched == 0)
            #expect(again.mailboxes.allSatisfy { $0.error == nil })
        }

        @Test func uidsOutOfRangeAreAProtocolError() throws {
            let server = try HostileServer("uid-out-of-range")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server))
            _ = badError(result)
            #expect(try mirror.messages("Bad").keys.allSatisfy { $0 >= 1 })
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }

        @Test func repeatedAndUnrequestedUIDsKeepTheFirstCopyOnly() throws {
            let server = try HostileServer("uid-repeat")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server))
            let bad = result.mailboxes.first { $0.mailbox == "Bad" }
            #expect(bad?.error == nil)
            #expect(bad?.fetched == 5)
            let stored = try mirror.messages("Bad")
            #expect(stored.keys.sorted() == [1, 2, 3, 4, 5])  // never 77, which nobody asked for
            #expect(stored.values.allSatisfy { !$0.contains("SECOND COPY") })
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }

        @Test func aRewrittenMessageNeverReplacesTheStoredCopy() throws {
            let mirror = try HostileMirror()
            do {
                let first = try HostileServer("normal")
                let result = try mirror.sync(mirror.account(first))
                #expect(result.mailboxes.allSatisfy { $0.error == nil })
            }
            let original = try mirror.messages("Bad")
            #expect(original.count == 5)
            // Same UIDVALIDITY, UID 1 now other bytes (also pushed unasked during the fetch), UID 6 new.
            let second = try HostileServer("rewrite")
            let result = try mirror.sync(mirror.account(second))
            let bad = result.mailboxes.first { $0.mailbox == "Bad" }
            #expect(bad?.error == nil)
            #expect(bad?.fetched == 1)
            let stored = try mirror.messages("Bad")
            #expect(stored.keys.sorted() == [1, 2, 3, 4, 5, 6])
            #expect(stored[1] == original[1])
            #expect(
                second.log.filter { $0.contains("BODY.PEEK[]") }.allSatisfy {
                    $0.contains(" 6 ") || $0.contains(" 6:6 ")
                })
            try mirror.expectConfined()
        }

        @Test func uidNextGoingBackwardsIsReportedAndNothingIsLost() throws {
            let mirror = try HostileMirror()
            do {
                let first = try HostileServer("normal")
                _ = try mirror.sync(mirror.account(first))
            }
            let original = try mirror.messages("Bad")
            #expect(original.count == 5)
            // Same UIDVALIDITY, but UIDNEXT 3 although we hold UIDs up to 5: the server reuses UIDs.
            let second = try HostileServer("uid-backwards")
            let result = try mirror.sync(mirror.account(second))
            let bad = badError(result)
            #expect(bad?.error?.contains("UIDNEXT") == true, "\(bad?.error ?? "")")
            #expect(try mirror.messages("Bad") == original)
            let store = try mirror.mailbox("Bad")
            let epoch = try #require(try store.readState()?.uidValidity)
            #expect(try store.storedMessages(uidValidity: epoch).values.allSatisfy { !$0.expunged })
            try expectGoodMirrored(mirror, result)
            try mirror.expectConfined()
        }
    }
}
