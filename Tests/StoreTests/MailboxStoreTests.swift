import Durable
import Foundation
import MailCore
import Testing

@testable import Store

@Suite struct MailboxStoreTests {
    @Test func commitWritesTheContractLayout() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        let inbox = try store.mailbox(account: "support", name: "INBOX")
        let message = sampleMessage(1)
        let outcome = try inbox.commit(uidValidity: uv1, uid: UID(7), flags: ["\\Seen", "\\Answered"], bytes: message)
        guard case .stored(let size) = outcome else {
            Issue.record("not stored")
            return
        }
        let expected = "\(directory.path)/accounts/support/INBOX/\(uv1.rawValue)/cur/7.eml.gz:2,RS"
        #expect(FileManager.default.fileExists(atPath: expected))
        #expect(size == (try FileManager.default.attributesOfItem(atPath: expected)[.size] as? Int))
        for sub in ["tmp", "new", "cur"] {
            #expect(
                FileManager.default.fileExists(
                    atPath: "\(directory.path)/accounts/support/INBOX/\(uv1.rawValue)/\(sub)"))
        }
        #expect(try run("/bin/zcat", [expected]).output == message)
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(7)) == message)
    }

    @Test func commitIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1)) != .alreadyStored)
        #expect(
            try inbox.commit(uidValidity: uv1, uid: UID(1), flags: ["\\Seen"], bytes: sampleMessage(99))
                == .alreadyStored)
        // A fresh object (a new process) sees it too.
        let again = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        #expect(try again.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(99)) == .alreadyStored)
        let files = try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1))
        #expect(files == ["1.eml.gz:2,"])
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(1)) == sampleMessage(1))
    }

    @Test func concurrentCommitsOfDifferentAndSameUIDs() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        let failures = NSLock()
        var errors: [Error] = []
        // 200 distinct UIDs, each committed by two threads at once.
        DispatchQueue.concurrentPerform(iterations: 400) { index in
            let uid = index % 200 + 1
            do {
                try inbox.commit(
                    uidValidity: uv1, uid: UID(UInt32(uid)), flags: uid % 2 == 0 ? ["\\Seen"] : [],
                    bytes: sampleMessage(uid), syncDirectory: false)
            } catch {
                failures.lock()
                errors.append(error)
                failures.unlock()
            }
        }
        try inbox.syncDirectory(uidValidity: uv1)
        #expect(errors.isEmpty)
        let stored = try inbox.storedMessages(uidValidity: uv1)
        #expect(stored.count == 200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)).count == 200)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
        for uid in [1, 2, 100, 200] {
            #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(UInt32(uid))) == sampleMessage(uid))
        }
    }

    @Test func aCrashLeavesOnlyATemporaryFileWhichSweepRemoves() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1))
        // What a kill -9 between "write tmp" and "rename" leaves: a partial file in tmp/ only.
        let partial = "\(inbox.tmpPath(uv1))/1700000000.4242_1.2.eml.gz"
        try Data(Gzip.compress(sampleMessage(2)).prefix(40)).write(to: URL(fileURLWithPath: partial))
        // A state replacement killed before its rename (the temporary file of a writer that no longer runs).
        let deadWriter = "\(inbox.path)/.state.tmp.\(Int32.max)"
        try Data("uidvalidity: 1".utf8).write(to: URL(fileURLWithPath: deadWriter))
        #expect(try inbox.storedMessages(uidValidity: uv1).keys.sorted() == [UID(1)])
        let removed = try inbox.sweepTemporaryFiles()
        #expect(removed == [deadWriter, partial])
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.tmpPath(uv1)).isEmpty)
        // The resumed sync stores UID 2 properly.
        #expect(try inbox.commit(uidValidity: uv1, uid: UID(2), flags: [], bytes: sampleMessage(2)) != .alreadyStored)
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(2)) == sampleMessage(2))
    }

    @Test func theStoreSweepsEveryMailboxAndTheCatalog() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        var leftovers: [String] = []
        for name in ["INBOX", "Sent"] {
            let mailbox = try store.mailbox(account: "a", name: name)
            try mailbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1))
            leftovers.append("\(mailbox.tmpPath(uv1))/1.2_3.4.eml.gz")
        }
        try FileManager.default.createDirectory(atPath: "\(directory.path)/catalog", withIntermediateDirectories: true)
        leftovers.append("\(directory.path)/catalog/.summaries.bin.tmp.\(Int32.max)")
        for path in leftovers { _ = FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3])) }
        #expect(try store.sweepTemporaryFiles().sorted() == leftovers.sorted())
        #expect(leftovers.allSatisfy { !FileManager.default.fileExists(atPath: $0) })
        #expect(try store.sweepTemporaryFiles().isEmpty)
    }

    @Test func flagsAreRenamesAndKeywordsGoToTheirFile() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        try inbox.commit(
            uidValidity: uv1, uid: UID(3), flags: ["\\Seen", "$Label1", "\\Recent"], bytes: sampleMessage(3))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)) == ["3.eml.gz:2,S"])
        #expect(
            try inbox.setFlags(
                uidValidity: uv1, uid: UID(3), flags: ["\\Flagged", "\\Seen", "\\Draft", "\\Deleted", "\\Answered"]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)) == ["3.eml.gz:2,DFRST"])
        #expect(try inbox.setFlags(uidValidity: uv1, uid: UID(99), flags: []) == false)
        var stored = try #require(try inbox.storedMessages(uidValidity: uv1)[UID(3)])
        #expect(stored.flags == ["\\Draft", "\\Flagged", "\\Answered", "\\Seen", "\\Deleted"])
        try inbox.setFlags(uidValidity: uv1, uid: UID(3), flags: ["\\Seen", "$Important", "NonJunk"])
        stored = try #require(try inbox.storedMessages(uidValidity: uv1)[UID(3)])
        #expect(stored.flags == ["\\Seen", "$Important", "NonJunk"])
        let keywordLog = try String(contentsOfFile: "\(inbox.epochPath(uv1))/keywords", encoding: .utf8)
        // The second call named no keywords, so it cleared them ("3" alone).
        #expect(keywordLog == "3 $Label1\n3\n3 $Important NonJunk\n")
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(3)) == sampleMessage(3))
    }

    @Test func expungedMessagesAreKeptAndMarked() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        for uid in 1...4 {
            try inbox.commit(uidValidity: uv1, uid: UID(UInt32(uid)), flags: ["\\Seen"], bytes: sampleMessage(uid))
        }
        #expect(try inbox.markExpunged(uidValidity: uv1, uids: [UID(2), UID(4), UID(50)]) == 2)
        #expect(try inbox.markExpunged(uidValidity: uv1, uids: [UID(2)]) == 0)
        let names = try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)).sorted()
        #expect(names == ["1.eml.gz:2,S", "2.eml.gz:2,Sx", "3.eml.gz:2,S", "4.eml.gz:2,Sx"])
        let stored = try inbox.storedMessages(uidValidity: uv1)
        #expect(stored.values.filter(\.expunged).map(\.uid).sorted() == [UID(2), UID(4)])
        // A flag change keeps the mark; the bytes stay readable.
        try inbox.setFlags(uidValidity: uv1, uid: UID(2), flags: [])
        #expect(try inbox.storedMessages(uidValidity: uv1)[UID(2)]?.maildirFlags.letters == "x")
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(2)) == sampleMessage(2))
    }

    @Test func uidValidityChangeStartsANewEpochAndKeepsTheOld() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1))
        try inbox.commit(uidValidity: uv2, uid: UID(1), flags: [], bytes: sampleMessage(2))
        #expect(try inbox.epochs() == [uv1, uv2])
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(1)) == sampleMessage(1))
        #expect(try inbox.readMessage(uidValidity: uv2, uid: UID(1)) == sampleMessage(2))
    }

    @Test func stateRoundTripsAndADamagedOneIsRecoveredFromTheFiles() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "[Gmail]/All Mail")
        #expect(try inbox.readState() == nil)
        for uid in [3, 5, 9] {
            try inbox.commit(uidValidity: uv1, uid: UID(UInt32(uid)), flags: [], bytes: sampleMessage(uid))
        }
        try inbox.markExpunged(uidValidity: uv1, uids: [UID(5)])
        let state = MailboxState(
            uidValidity: uv1, uidNext: UID(10), highestModSeq: ModSequence(77), messages: 2,
            lastSync: 1_795_631_069, extra: ["x-later": "kept"])
        try inbox.writeState(state)
        #expect(try inbox.readState() == state)
        #expect(try fileMode(inbox.statePath) == 0o600)
        let text = try String(contentsOfFile: inbox.statePath, encoding: .utf8)
        #expect(text.contains("uidnext: 10\n") && text.contains("x-later: kept\n"))

        try Data("uidvalidity: 17000\u{0}\u{0}garbage".utf8).write(to: URL(fileURLWithPath: inbox.statePath))
        #expect(throws: StoreError.self) { try inbox.readState() }
        do { _ = try inbox.readState() } catch let error as StoreError { #expect(error.code == .damagedState) }
        let recovered = try #require(try inbox.recoverState())
        #expect(
            recovered.uidValidity == uv1 && recovered.uidNext == UID(10) && recovered.messages == 2
                && recovered.highestModSeq == nil)
    }

    @Test func corruptFilesAreTypedErrorsAndCanBeReplaced() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: ["\\Seen"], bytes: sampleMessage(1))
        let path = "\(inbox.curPath(uv1))/1.eml.gz:2,S"
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        try Data(good.prefix(good.count / 2)).write(to: URL(fileURLWithPath: path))
        do {
            _ = try inbox.readMessage(uidValidity: uv1, uid: UID(1))
            Issue.record("read a truncated file")
        } catch let error as StoreError {
            #expect(error.code == .truncated && error.path == path)
        }
        #expect(
            try inbox.commit(
                uidValidity: uv1, uid: UID(1), flags: ["\\Flagged"], bytes: sampleMessage(1), replaceExisting: true)
                != .alreadyStored)
        #expect(try FileManager.default.contentsOfDirectory(atPath: inbox.curPath(uv1)) == ["1.eml.gz:2,F"])
        #expect(try inbox.readMessage(uidValidity: uv1, uid: UID(1)) == sampleMessage(1))
    }

    @Test func missingMessageIsNotFound() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        #expect(throws: StoreError.self) { try inbox.readMessage(uidValidity: uv1, uid: UID(1)) }
        #expect(try inbox.storedMessages(uidValidity: uv1).isEmpty)
        #expect(try inbox.epochs().isEmpty)
    }

    @Test func permissionsAre0600And0700() throws {
        let directory = try TemporaryDirectory()
        let rootURL = directory.url.appendingPathComponent("new-root")
        let store = try MailStore(root: rootURL)
        #expect(try fileMode(rootURL.path) == 0o700)
        let inbox = try store.mailbox(account: "support", name: "INBOX")
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: ["$Kw"], bytes: sampleMessage(1))
        try inbox.writeState(MailboxState(uidValidity: uv1, uidNext: UID(2), messages: 1))
        let lock = try store.lock()
        defer { lock.release() }
        try store.catalog.append([])
        var checked = 0
        let enumerator = try #require(FileManager.default.enumerator(atPath: rootURL.path))
        for case let relative as String in enumerator {
            let path = "\(rootURL.path)/\(relative)"
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            #expect(try fileMode(path) == (isDirectory.boolValue ? 0o700 : 0o600), "\(relative)")
            checked += 1
        }
        #expect(checked >= 9)
    }

    @Test(arguments: MailboxDirectoryNameTests.hostile)
    func hostileMailboxNamesNeverEscapeTheAccountFolder(name: String) throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url.appendingPathComponent("root"))
        let mailbox = try store.mailbox(account: "acct", name: name)
        try mailbox.commit(uidValidity: uv1, uid: UID(1), flags: [], bytes: sampleMessage(1))
        try mailbox.writeState(MailboxState(uidValidity: uv1, uidNext: UID(2), messages: 1))
        let accountFolder = try #require(Disk.realPath("\(directory.path)/root/accounts/acct"))
        let resolved = try #require(Disk.realPath(mailbox.path))
        #expect(Disk.parent(of: resolved) == accountFolder)
        #expect(try store.mailboxes(account: "acct") == [name])
        // Nothing was written anywhere but inside the root.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["root"])
        #expect(
            try store.mailbox(account: "acct", name: name).readMessage(uidValidity: uv1, uid: UID(1))
                == sampleMessage(1))
    }

    @Test func listsAccountsAndMailboxesByName() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url)
        for (account, mailbox) in [
            ("b", "INBOX"), ("a", "[Gmail]/Tous les messages"), ("a", "INBOX"), ("a", "Éléments envoyés"),
        ] {
            try store.mailbox(account: account, name: mailbox).writeState(
                MailboxState(uidValidity: uv1, uidNext: UID(1), messages: 0))
        }
        #expect(try store.accounts() == ["a", "b"])
        #expect(try store.mailboxes(account: "a") == ["INBOX", "[Gmail]/Tous les messages", "Éléments envoyés"])
        #expect(try store.mailboxes(account: "nobody").isEmpty)
        #expect(throws: StoreError.self) { try store.mailboxes(account: "../a") }
    }

    @Test func listingTenThousandMessagesIsFast() throws {
        let directory = try TemporaryDirectory()
        let inbox = try MailStore(root: directory.url).mailbox(account: "support", name: "INBOX")
        // Create the files directly (compressing 10,000 messages is not what is measured).
        try inbox.commit(uidValidity: uv1, uid: UID(1), flags: ["\\Seen"], bytes: sampleMessage(1))
        let payload = Data(Gzip.compress(sampleMessage(2)))
        for uid in 2...10_000 {
            _ = FileManager.default.createFile(
                atPath: "\(inbox.curPath(uv1))/\(uid).eml.gz:2,\(uid % 3 == 0 ? "RS" : "S")", contents: payload)
        }
        var best = Double.infinity
        var bestWithoutSizes = Double.infinity
        var bestCPU = Double.infinity
        var count = 0
        for _ in 0..<5 {
            var start = DispatchTime.now().uptimeNanoseconds
            let cpuStart = cpuMilliseconds()
            let listed = try inbox.storedMessages(uidValidity: uv1)
            bestCPU = min(bestCPU, cpuMilliseconds() - cpuStart)
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            count = listed.count
            #expect(
                listed[UID(9)]?.flags == ["\\Answered", "\\Seen"] && listed[UID(9)]?.compressedSize == payload.count)
            start = DispatchTime.now().uptimeNanoseconds
            let names = try inbox.storedMessages(uidValidity: uv1, withSizes: false)
            bestWithoutSizes = min(bestWithoutSizes, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            #expect(names.count == 10_000 && names[UID(9)]?.compressedSize == nil)
        }
        print(
            "storedMessages over 10,000 files: \(String(format: "%.1f", best)) ms with sizes, \(String(format: "%.1f", bestWithoutSizes)) ms without; \(String(format: "%.1f", bestCPU)) ms CPU with sizes (best of 5)"
        )
        #expect(count == 10_000)
        #if DEBUG
            #expect(best < 250)  // unoptimized build; the 50 ms target is for release builds
        #else
            #expect(best < 50)
        #endif
    }
}
