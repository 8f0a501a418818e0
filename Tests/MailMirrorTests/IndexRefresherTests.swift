import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// `reindex` without a server: the store alone gives the catalog and the index.
@Suite struct IndexRefresherTests {
    static func message(_ index: Int, body: String) -> [UInt8] {
        Array(
            ("From: Anna <anna\(index % 3)@example.com>\r\nTo: help@example.com\r\nSubject: question \(index)\r\n"
                + "Message-ID: <m\(index)@example.com>\r\n"
                + (index > 0 ? "In-Reply-To: <m\(index - 1)@example.com>\r\n" : "")
                + "Date: Mon, 3 Mar 2025 10:\(10 + index % 50):00 +0100\r\n\r\n" + body).utf8)
    }

    /// A store of a few ordinary messages and one huge text body, in a fresh root.
    static func store() throws -> URL {
        let root = ScratchFolder.root.appendingPathComponent("mm-refresh-\(UUID().uuidString)")
        let mailbox = try MailStore(root: root).mailbox(account: "test", name: "INBOX")
        for index in 0..<40 {
            let body =
                index == 7
                ? String(repeating: "x\(index) line of a pasted log with unique-\(index)-words\r\n", count: 100_000)
                : "Bonjour, le mot de passe \(index) ne marche plus.\r\n\r\nLe lundi 3 mars, Anna a écrit :\r\n> avant\r\n"
            try mailbox.commit(
                uidValidity: UIDValidity(1), uid: UID(UInt32(index + 1)), flags: ["\\Seen"],
                bytes: message(index, body: body))
        }
        return root
    }

    static func segments(_ root: URL) throws -> [Data] {
        let index = root.appendingPathComponent("index")
        return try FileManager.default.contentsOfDirectory(atPath: index.path).filter { $0.hasSuffix(".seg") }.sorted()
            .map { try Data(contentsOf: index.appendingPathComponent($0)) }
    }

    /// Texts past the rebuild's budget are read and parsed again: the index is the same.
    @Test func aRebuildPastItsTextBudgetGivesTheSameIndex() throws {
        let kept = try Self.store()
        let reread = try Self.store()
        defer {
            try? FileManager.default.removeItem(at: kept)
            try? FileManager.default.removeItem(at: reread)
        }
        let first = IndexRefresher(store: try MailStore(root: kept), paths: MirrorPaths(root: kept), teams: [:])
        var second = IndexRefresher(store: try MailStore(root: reread), paths: MirrorPaths(root: reread), teams: [:])
        second.textBudget = 1_000
        #expect(try first.rebuild() == 40)
        #expect(try second.rebuild() == 40)
        let segments = try Self.segments(kept)
        #expect(!segments.isEmpty)
        #expect(segments == (try Self.segments(reread)))
        let catalog = try CatalogView(catalog: try MailStore(root: kept).catalog)
        #expect(catalog.records.count == 40)
        #expect(catalog.records.allSatisfy { $0.replyText.utf8.count <= 64 * 1024 })
    }

    /// Texts the catalogue decoded during the sync give the same index as reading them again, whether
    /// they were held in memory or in the scratch file.
    @Test func aRefreshWithTheSyncsTextsGivesTheSameIndex() throws {
        let reread = try Self.store()
        let known = try Self.store()
        defer {
            try? FileManager.default.removeItem(at: reread)
            try? FileManager.default.removeItem(at: known)
        }
        // 2 KB in memory: a few texts there, the rest in the file.
        let cache = IndexTextCache(directory: known, memoryBytes: 2_000)
        for root in [reread, known] {
            let store = try MailStore(root: root)
            let refresher = IndexRefresher(store: store, paths: MirrorPaths(root: root), teams: [:])
            try refresher.rebuild()
            // Forget the index: the next refresh indexes the whole catalog.
            try FileManager.default.removeItem(at: root.appendingPathComponent("index"))
            try FileManager.default.removeItem(at: refresher.stateURL)
            if root == known {
                for record in try CatalogView(catalog: store.catalog).records {
                    let bytes = try store.mailbox(account: "test", name: "INBOX").readMessage(
                        uidValidity: record.key.uidValidity, uid: record.key.uid)
                    cache.keep(
                        IndexRefresher.bodyText(bytes, summary: record, team: TeamMatcher(members: [])), for: record.id)
                }
                // The huge one (cut to 256 KB, above the cache's 64 KB) is read again.
                #expect(cache.count == 39)
            }
            #expect(try refresher.refresh(texts: root == known ? cache : IndexTextCache()) == 40)
        }
        // Every kept text was used (taken out), and nothing was left beside the store.
        #expect(cache.count == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: known.path).allSatisfy { !$0.hasPrefix(".index-texts") }
        )
        let segments = try Self.segments(reread)
        #expect(!segments.isEmpty)
        #expect(segments == (try Self.segments(known)))
    }

    @Test func theTextCacheIsBoundedInMemory() {
        let cache = IndexTextCache(memoryBytes: 10)
        cache.keep("12345678", for: "a")
        cache.keep("123", for: "b")
        cache.keep("12", for: "c")
        cache.keep(String(repeating: "x", count: IndexTextCache.maxTextBytes + 1), for: "d")
        #expect(cache.count == 2)
        #expect(!cache.contains("b") && !cache.contains("d"))
        #expect(cache.take("a") == "12345678")
        #expect(cache.take("a") == nil)
        #expect(cache.take("c") == "12")
        #expect(cache.count == 0)
    }

    @Test func theTextCacheKeysCatalogIdsByTheirBitsWithoutMixingOtherIds() {
        let cache = IndexTextCache()
        // The same 64 bits spelt shorter, and an id that is no hex at all, are other messages.
        cache.keep("full", for: "00000000000000ab")
        cache.keep("short", for: "ab")
        cache.keep("named", for: "not hex")
        let catalogId = MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(7)).id
        cache.keep("catalogued", for: catalogId)
        #expect(cache.count == 4)
        #expect(cache.take("ab") == "short")
        #expect(cache.take("00000000000000ab") == "full")
        #expect(cache.take("not hex") == "named")
        #expect(cache.take(catalogId) == "catalogued")
        #expect(cache.count == 0)
    }

    @Test func theTextCacheSpillsToAnUnlinkedFileWithinItsBound() throws {
        let directory = ScratchFolder.root.appendingPathComponent("mm-texts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cache = IndexTextCache(directory: directory, memoryBytes: 4, fileBytes: 20)
        cache.keep("abc", for: "memory")
        cache.keep("héllo wörld", for: "file")
        cache.keep("0123456789", for: "too much")
        cache.keep("", for: "empty")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
        #expect(cache.count == 3)
        #expect(!cache.contains("too much"))
        #expect(cache.take("file") == "héllo wörld")
        #expect(cache.take("memory") == "abc")
        #expect(cache.take("empty") == "")
        #expect(cache.take("file") == nil)
    }

    /// New messages get their thread ids by an append, not a rewrite of the whole catalog; the file is
    /// compacted once superseded records would pass a fifth of it.
    @Test func threadIdsOfNewMessagesAreAppendedAndTheCatalogCompactedLater() throws {
        let root = ScratchFolder.root.appendingPathComponent("mm-threads-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try MailStore(root: root)
        let mailbox = try store.mailbox(account: "test", name: "INBOX")
        var refresher = IndexRefresher(store: store, paths: MirrorPaths(root: root), teams: [:])
        refresher.minCompaction = 0
        let cataloguer = Cataloguer(catalog: store.catalog, team: TeamMatcher(members: []))
        var uid: UInt32 = 0
        func arrive(_ count: Int) throws {
            for _ in 0..<count {
                uid += 1
                let bytes = Self.message(Int(uid), body: "Bonjour \(uid)\r\n")
                try mailbox.commit(uidValidity: UIDValidity(1), uid: UID(uid), flags: [], bytes: bytes)
                let key = MessageKey(account: "test", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid))
                cataloguer.ingest(key: key, message: RemoteMessage(uid: UID(uid), flags: [], bytes: bytes))
            }
            try cataloguer.flush()
            try refresher.refresh()
        }
        func stored() throws -> Int { try store.catalog.load().records }

        try arrive(40)
        let compacted = try stored()
        #expect(compacted == 40, "the first refresh rewrites: nothing is superseded after it")
        try arrive(3)
        // 40 + 3 as catalogued + 3 with their thread ids: appended, not rewritten.
        let afterThree = try stored()
        #expect(afterThree == 46)
        let view = try CatalogView(catalog: store.catalog)
        #expect(view.records.count == 43)
        #expect(view.records.allSatisfy { !$0.threadId.isEmpty })
        #expect(Set(view.records.map(\.threadId)).count == 1, "every message replies to the one before: one thread")
        // 3 + 11 superseded of 57 + 11 records would pass a fifth: the refresh compacts the file.
        try arrive(11)
        #expect(try stored() == 54)
        #expect(try CatalogView(catalog: store.catalog).records.allSatisfy { !$0.threadId.isEmpty })
    }

    /// After the first refresh, new messages are threaded by lookup in `catalog/threads`: the thread ids
    /// stored equal a full rethread of the catalog, and a late parent that joins two threads re-indexes
    /// the members of both.
    @Test func aRefreshByLookupThreadsLikeTheWholeCatalog() throws {
        let root = ScratchFolder.root.appendingPathComponent("mm-lookup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let store = try MailStore(root: root)
        let mailbox = try store.mailbox(account: "test", name: "INBOX")
        let refresher = IndexRefresher(store: store, paths: MirrorPaths(root: root), teams: [:])
        let cataloguer = Cataloguer(catalog: store.catalog, team: TeamMatcher(members: []))
        var uid: UInt32 = 0
        func arrive(_ messages: [(id: String, parents: [String], subject: String)]) throws -> Int {
            for message in messages {
                uid += 1
                let bytes = Array(
                    ("From: anna@example.com\r\nTo: help@example.com\r\nSubject: \(message.subject)\r\n"
                        + "Message-ID: <\(message.id)@example.com>\r\n"
                        + (message.parents.isEmpty
                            ? ""
                            : "References: " + message.parents.map { "<\($0)@example.com>" }.joined(separator: " ")
                                + "\r\n")
                        + "Date: Mon, 3 Mar 2025 10:\(10 + uid):00 +0100\r\n\r\nBonjour \(uid)\r\n").utf8)
                try mailbox.commit(uidValidity: UIDValidity(1), uid: UID(uid), flags: [], bytes: bytes)
                let key = MessageKey(account: "test", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid))
                cataloguer.ingest(key: key, message: RemoteMessage(uid: UID(uid), flags: [], bytes: bytes))
            }
            try cataloguer.flush()
            return try refresher.refresh()
        }
        func storedEqualsFullRethread() throws {
            let view = try CatalogView(catalog: store.catalog)
            let stored = Dictionary(uniqueKeysWithValues: view.records.map { ($0.id, $0.threadId) })
            for message in view.messages {
                #expect(stored[message.id] == message.threadId, "\(message.messageId ?? "")")
            }
        }
        func thread(of messageId: String) throws -> String {
            try #require(
                try CatalogView(catalog: store.catalog).records.first { $0.messageId == "\(messageId)@example.com" }
            ).threadId
        }
        var filler: [(id: String, parents: [String], subject: String)] = []
        for index in 0..<30 {
            filler.append(("f\(index)", index % 3 == 0 ? [] : ["f\(index - index % 3)"], "question \(index / 3)"))
        }
        #expect(try arrive(filler) == 30)
        let tail = root.appendingPathComponent("catalog/threads.tail").path
        #expect(FileManager.default.fileExists(atPath: root.appendingPathComponent("catalog/threads").path))
        #expect(!FileManager.default.fileExists(atPath: tail))

        // Two threads whose parents are missing: x (a1, a2) and y (b1).
        #expect(try arrive([("a1", ["x"], "printer"), ("a2", ["x", "a1"], "printer"), ("b1", ["y"], "printer")]) == 3)
        #expect(FileManager.default.fileExists(atPath: tail), "threaded by lookup: the table's tail grew")
        try storedEqualsFullRethread()
        let before = (a: try thread(of: "a1"), b: try thread(of: "b1"))
        #expect(before.a != before.b)
        #expect(try thread(of: "a2") == before.a)

        // x arrives, a reply to y: one thread; x and both members of the other thread are re-indexed.
        #expect(try arrive([("x", ["y"], "printer")]) == 3)
        try storedEqualsFullRethread()
        #expect(try thread(of: "a1") == before.b)
        #expect(try thread(of: "a2") == before.b)
        #expect(try thread(of: "x") == before.b)
        #expect(try thread(of: "f1") == (try thread(of: "f0")))

        // Nothing new: nothing re-indexed.
        #expect(try refresher.refresh() == 0)
        // A damaged table is noticed and written again by the full path, with the same result.
        try Data("garbage".utf8).write(to: root.appendingPathComponent("catalog/threads"))
        #expect(try arrive([("c1", ["a2"], "printer")]) == 1)
        try storedEqualsFullRethread()
        #expect(try thread(of: "c1") == before.b)
        #expect(!FileManager.default.fileExists(atPath: tail))
    }
}
