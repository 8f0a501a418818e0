import Analytics
import Durable
import Foundation
import Index
import MIME
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The index refresh by lookup in `catalog/threads` gives exactly what the full path gives, on
/// `scripts/gen-sample`'s mail (replies joined by subject included) and after every kind of damage to the
/// table; `verify` names a damaged table and `verify --repair` writes it again.
@Suite struct ThreadTableTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// `scripts/gen-sample --count N`'s messages, in file (date) order.
    static func sample(count: Int, seed: Int) throws -> [[UInt8]] {
        let out = ScratchFolder.root.appendingPathComponent("mm-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(python))
        process.arguments = [
            package.appendingPathComponent("scripts/gen-sample").path, "--count", "\(count)", "--seed", "\(seed)",
            "--out", out.path,
        ]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let cur = out.appendingPathComponent("cur")
        return try FileManager.default.contentsOfDirectory(atPath: cur.path).sorted().map {
            Array(try Data(contentsOf: cur.appendingPathComponent($0)))
        }
    }

    /// A mirror root fed message by message as a sync feeds it: stored, catalogued, then the index refreshed.
    final class Mirror {
        let root: URL
        let store: MailStore
        let refresher: IndexRefresher
        let cataloguer: Cataloguer
        var uid: UInt32 = 0

        init() throws {
            root = ScratchFolder.root.appendingPathComponent("mm-table-\(UUID().uuidString)")
            store = try MailStore(root: root)
            refresher = IndexRefresher(store: store, paths: MirrorPaths(root: root), teams: [:])
            cataloguer = Cataloguer(catalog: store.catalog, team: TeamMatcher(members: []))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        var table: String { root.appendingPathComponent("catalog/threads").path }
        var tail: String { root.appendingPathComponent("catalog/threads.tail").path }

        func store(_ messages: [[UInt8]]) throws {
            let mailbox = try store.mailbox(account: "test", name: "INBOX")
            for bytes in messages {
                uid += 1
                try mailbox.commit(uidValidity: UIDValidity(1), uid: UID(uid), flags: [], bytes: bytes)
                let key = MessageKey(account: "test", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid))
                cataloguer.ingest(key: key, message: RemoteMessage(uid: UID(uid), flags: [], bytes: bytes))
            }
            try cataloguer.flush()
        }

        /// Stores and refreshes; returns whether the refresh went by lookup (the table kept, its tail grown).
        @discardableResult
        func arrive(_ messages: [[UInt8]]) throws -> Bool {
            let before = try? FileManager.default.attributesOfItem(atPath: table)[.systemFileNumber] as? Int
            let tailBefore = (try? FileManager.default.attributesOfItem(atPath: tail)[.size] as? Int) ?? 0
            try store(messages)
            try refresher.refresh()
            let after = try? FileManager.default.attributesOfItem(atPath: table)[.systemFileNumber] as? Int
            let tailAfter = (try? FileManager.default.attributesOfItem(atPath: tail)[.size] as? Int) ?? 0
            return before != nil && before == after && tailAfter > tailBefore
        }

        /// Stored thread id of each message the index holds (the latest record of each id).
        func storedThreads() throws -> [String: String] {
            let view = try CatalogView(catalog: store.catalog)
            return Dictionary(uniqueKeysWithValues: view.records.map { ($0.id, $0.threadId) })
        }

        /// The catalog's stored ids equal a full rethread of the whole catalog.
        func expectStoredEqualsFullRethread(_ comment: Comment? = nil) throws {
            let view = try CatalogView(catalog: store.catalog)
            let stored = try storedThreads()
            let wrong = view.messages.filter { stored[$0.id] != $0.threadId }
            #expect(
                wrong.isEmpty,
                "\(wrong.count) of \(view.messages.count) messages keep a thread id a full rethread does not give \(comment.map { "(\($0))" } ?? "")"
            )
        }

        func search(_ query: String) throws -> [String] {
            try SearchIndex.open(directory: root.appendingPathComponent("index"))
                .search(query, options: SearchOptions(limit: 10_000, sort: .date, now: 1_800_000_000))
                .map { "\($0.id) \($0.threadId)" }
        }

        func report() throws -> [String] {
            let messages = try LocalMirror(root: root).catalogMessages()
            return ReportGenerator().generate(messages: messages, options: ReportOptions()).map {
                $0.name + "\n" + $0.contents
            }
        }
    }

    /// Compares `mirror` (refreshed by lookup) with a rebuild of the same store from scratch: thread ids,
    /// search results (with the thread ids the index holds) and the report.
    static func expectSameAsRebuild(_ mirror: Mirror, queries: [String]) throws {
        try mirror.expectStoredEqualsFullRethread()
        let rebuilt = try Mirror()
        try? FileManager.default.removeItem(at: rebuilt.root.appendingPathComponent("accounts"))
        try FileManager.default.copyItem(
            at: mirror.root.appendingPathComponent("accounts"), to: rebuilt.root.appendingPathComponent("accounts"))
        let store = try MailStore(root: rebuilt.root)
        try IndexRefresher(store: store, paths: MirrorPaths(root: rebuilt.root), teams: [:]).rebuild()
        let mine = try mirror.storedThreads()
        let theirs = try rebuilt.storedThreads()
        #expect(mine.count == theirs.count)
        #expect(mine.filter { theirs[$0.key] != $0.value }.isEmpty, "thread ids differ from a rebuild")
        for query in queries {
            let found = try mirror.search(query)
            #expect(!found.isEmpty, "\(query) finds something")
            #expect(found == (try rebuilt.search(query)), "search \(query)")
        }
        #expect(try mirror.report() == (try rebuilt.report()))
    }

    static let queries = ["password", "facture", "from:help.example.com", "merci", "invoice"]

    /// gen-sample's mail, a first batch then small ones, in date order and then shuffled (parents late, replies
    /// that join by subject arriving before the thread they join): every small batch goes by lookup, and
    /// the result is a full rethread's, a rebuild's search results and report.
    @Test(.enabled(if: python != nil, "python3 runs scripts/gen-sample"), arguments: [false, true])
    func generatedMailByLookupEqualsTheFullPath(shuffled: Bool) throws {
        var messages = try Self.sample(count: 700, seed: 7)
        if shuffled {
            var generator = SplitMix(seed: 12)
            for index in stride(from: messages.count - 1, to: 0, by: -1) {
                messages.swapAt(index, Int(generator.next() % UInt64(index + 1)))
            }
        }
        let mirror = try Mirror()
        try mirror.arrive(Array(messages[0..<540]))
        try mirror.expectStoredEqualsFullRethread("first batch")
        // Four batches of new mail, each threaded by lookup.
        var start = 540
        var byLookup = 0
        while start < messages.count {
            let end = min(start + 40, messages.count)
            if try mirror.arrive(Array(messages[start..<end])) { byLookup += 1 }
            try mirror.expectStoredEqualsFullRethread("messages \(start)..<\(end)")
            start = end
        }
        #expect(byLookup == 4, "every batch after the first went by lookup")
        // The subject rule did place replies in this sample (else this test would not cover it).
        let view = try CatalogView(catalog: mirror.store.catalog)
        let joined = view.messages.filter { message in
            ThreadTable.mayJoinBySubject(message)
                && view.messages.contains { $0.threadId == message.threadId && $0.id != message.id }
        }
        #expect(!joined.isEmpty, "some replies without references joined a thread by subject")
        try Self.expectSameAsRebuild(mirror, queries: Self.queries)
    }

    enum Damage: String, CaseIterable { case truncated, garbledMiddle, garbledTail, deleted, stale, foreign }

    /// Each damage to the table, then new mail: the same thread ids, search results and report as a rebuild.
    /// A damage the refresh saw is repaired by it (the table written again); `verify` names one it did not
    /// see, and `verify --repair` writes the table again.
    @Test(.enabled(if: python != nil, "python3 runs scripts/gen-sample"), arguments: Damage.allCases)
    func aDamagedTableGivesTheSameAnswersAsARebuild(damage: Damage) throws {
        let messages = try Self.sample(count: 500, seed: 3)
        let mirror = try Mirror()
        try mirror.arrive(Array(messages[0..<300]))
        let early = try Data(contentsOf: URL(fileURLWithPath: mirror.table))
        #expect(try mirror.arrive(Array(messages[300..<350])))
        #expect(try mirror.arrive(Array(messages[350..<400])))
        let url = URL(fileURLWithPath: mirror.table)
        var bytes = try Data(contentsOf: url)
        switch damage {
        case .truncated:
            bytes = bytes.prefix(bytes.count / 2)
        case .garbledMiddle:
            // One entry in the middle of the sorted entries, its key's low bytes flipped.
            let middle = 80 + (bytes.count - 80) / 2 / 16 * 16
            for index in middle..<(middle + 4) { bytes[index] ^= 0x5A }
        case .garbledTail:
            var tail = try Data(contentsOf: URL(fileURLWithPath: mirror.tail))
            for index in 40..<44 { tail[index] ^= 0x5A }
            try tail.write(to: URL(fileURLWithPath: mirror.tail))
        case .deleted:
            try FileManager.default.removeItem(at: url)
        case .stale:
            // Written in place (the same inode) without the tail: it covers less of the catalog than it holds.
            bytes = early
            try FileManager.default.removeItem(at: URL(fileURLWithPath: mirror.tail))
        case .foreign:
            // A table another mirror's catalog wrote.
            let other = try Mirror()
            try other.arrive(Array(messages[0..<50]))
            bytes = try Data(contentsOf: URL(fileURLWithPath: other.table))
        }
        if damage != .deleted && damage != .garbledTail {
            let handle = try FileHandle(forWritingTo: url)
            try handle.truncate(atOffset: 0)
            handle.write(bytes)
            try handle.close()
        }
        let mirrorAPI = LocalMirror(root: mirror.root)
        let named = try mirrorAPI.verify(repair: false).problems.filter { $0.kind == .threadTableDamaged }
        let isDamage = [.truncated, .garbledMiddle, .garbledTail].contains(damage)
        #expect(named.count == (isDamage ? 1 : 0), "verify names a damaged table, and only that")
        if damage == .garbledMiddle {
            // A garbled block the refresh never reads is not used either: verify --repair writes the table again.
            let repaired = try mirrorAPI.verify(repair: true)
            #expect(repaired.rebuilt.contains(mirror.store.catalog.path))
            #expect(
                ThreadTable.damage(directory: mirror.store.catalog.directory, catalogPath: mirror.store.catalog.path)
                    == nil)
        }
        try mirror.arrive(Array(messages[400..<460]))
        try mirror.expectStoredEqualsFullRethread("after \(damage)")
        try mirror.arrive(Array(messages[460..<500]))
        #expect(
            ThreadTable.damage(directory: mirror.store.catalog.directory, catalogPath: mirror.store.catalog.path)
                == nil,
            "the table is whole again")
        #expect(
            ThreadTable.open(directory: mirror.store.catalog.directory, catalogPath: mirror.store.catalog.path) != nil)
        try Self.expectSameAsRebuild(mirror, queries: ["password", "merci", "from:help.example.com"])
    }

    /// Every lookup reads only blocks whose CRC holds: a garbled entry throws rather than answer.
    /// Sorted runs spilled to disk and merged give the very file one sort in memory gives (the generation and
    /// the header's CRC aside, new each time), which is the file written before runs existed.
    @Test(.enabled(if: python != nil, "python3 runs scripts/gen-sample"))
    func spilledRunsWriteTheSameTable() throws {
        let mirror = try Mirror()
        try mirror.store(try Self.sample(count: 300, seed: 11))
        let catalog = mirror.store.catalog
        try ThreadTable.write(catalog: catalog)
        let whole = try Disk.readFile(mirror.table)
        try ThreadTable.write(catalog: catalog, runEntries: 37)
        let spilled = try Disk.readFile(mirror.table)
        #expect(whole.count > 80 + 300 * 5 * 16)
        #expect(whole.count == spilled.count)
        var (a, b) = (whole, spilled)
        for range in [8..<16, 72..<76] {
            a.replaceSubrange(range, with: repeatElement(0, count: range.count))
            b.replaceSubrange(range, with: repeatElement(0, count: range.count))
        }
        #expect(a == b)
        // The header counts the distinct ids as the catalog holds them, and no scratch file is left beside it.
        let distinct = whole.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 32, as: UInt64.self) }
        #expect(Int(distinct) == Set(try catalog.loadAll().map(\.id)).count)
        let names = try FileManager.default.contentsOfDirectory(atPath: catalog.directory)
        #expect(!names.contains { $0.hasPrefix(".threads-sort") })
        #expect(ThreadTable.open(directory: catalog.directory, catalogPath: catalog.path) != nil)
    }

    /// The search that starts where a key falls in proportion finds what a plain partition finds, on keys
    /// spread evenly, bunched at one end, repeated, or outside the bounds they are said to lie in.
    @Test(arguments: [0, 1, 2, 3] as [UInt64])
    func theProportionalSearchFindsWhatAPartitionFinds(seed: UInt64) {
        var random = IndexRefresherTests.Seeded(state: seed)
        for round in 0..<200 {
            let count = random.next(300)
            let keys: [UInt64] = (0..<count).map { _ in
                switch seed {
                case 0: return UInt64(random.next(Int.max)) &* 2 &+ UInt64(random.next(2))
                case 1: return UInt64(random.next(1_000))  // bunched near 0, many repeats
                case 2: return UInt64.max - UInt64(random.next(50))  // bunched at the top
                default: return UInt64(random.next(8)) << 61
                }
            }.sorted()
            let (lowest, highest): (UInt64, UInt64) =
                round % 3 == 0 ? (0, .max) : (keys.first ?? 0, max(keys.last ?? 0, (keys.first ?? 0) + 1))
            let probes = keys + [0, 1, .max, .max - 1] + (0..<20).map { _ in UInt64(random.next(Int.max)) * 2 }
            for key in probes {
                let from = random.next(count + 1)
                let to = from + random.next(count - from + 1)
                let expected = (from..<to).first { keys[$0] >= key } ?? to
                let found = ThreadTable.firstIndex(
                    notBelow: key, in: from..<to, from: lowest, to: highest, keyAt: { keys[$0] })
                #expect(found == expected, "seed \(seed) round \(round) key \(key) in \(from)..<\(to)")
                if found != expected { return }
            }
        }
    }

    @Test func aLookupInAGarbledBlockThrows() throws {
        let mirror = try Mirror()
        var messages: [[UInt8]] = []
        for index in 0..<300 {
            messages.append(
                Array(
                    ("From: a\(index)@example.com\r\nTo: help@example.com\r\nSubject: question \(index % 7)\r\n"
                        + "Message-ID: <q\(index)@example.com>\r\nDate: Mon, 3 Mar 2025 10:00:\(index % 60) +0100\r\n\r\nHello\r\n")
                        .utf8))
        }
        try mirror.arrive(messages)
        let directory = mirror.store.catalog.directory
        let catalog = mirror.store.catalog.path
        let table = try #require(ThreadTable.open(directory: directory, catalogPath: catalog))
        let key = ThreadTable.Key.message("q123@example.com")
        #expect(try table.lookup(key).count == 1)
        // Find the entry and garble its offset (the key stays findable: only a checksum can tell).
        var bytes = try Data(contentsOf: URL(fileURLWithPath: mirror.table))
        let found = try #require(
            stride(from: 80, to: bytes.count - 16, by: 16).first { at in
                bytes.subdata(in: at..<(at + 8)).withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
                    == key
            })
        bytes[found + 8] ^= 0x01
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: mirror.table))
        handle.write(bytes)
        try handle.close()
        let garbled = try #require(ThreadTable.open(directory: directory, catalogPath: catalog))
        #expect(throws: ThreadTable.Damaged.self) { try garbled.lookup(key) }
        #expect(ThreadTable.damage(directory: directory, catalogPath: catalog) != nil)
    }
}
