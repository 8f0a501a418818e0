import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The catalog and the index are derived from the store: damage to them must never give a wrong
/// answer quietly. Through the real binary, on a mirror of 8 messages: each kind of damage (cut,
/// garbled, deleted, an old copy put back) to `catalog/summaries.bin` and to `index/` is named by
/// `verify`, stops `search` and `report` with a sentence naming `mailmirror reindex` (never "nothing is
/// mirrored yet", never a report over part of the mail), shows in `status`, and is healed by the
/// next `sync`, after which search finds every message once, the report counts all 8 and `verify` is clean.
@Suite(.serialized, .testbed)
struct DerivedDataHealTests {
    enum Damage: String, CaseIterable, CustomTestStringConvertible {
        case catalogTruncated, catalogGarbled, catalogDeleted, catalogStale
        case indexTruncated, indexGarbled, indexDeleted, indexStale
        /// An index written by an older mailmirror (format 3, the one before the length column):
        /// refused, rebuilt by sync.
        case indexOutdated

        var testDescription: String { rawValue }

        /// The `verify --json` kind that must name it.
        var kind: String {
            switch self {
            case .catalogTruncated, .catalogGarbled: return "catalogDamaged"
            case .catalogDeleted: return "catalogMissing"
            case .catalogStale: return "catalogStale"
            case .indexTruncated, .indexGarbled, .indexOutdated: return "indexDamaged"
            case .indexDeleted: return "indexMissing"
            case .indexStale: return "indexStale"
            }
        }
    }

    static let total = 8
    static let early = 6

    /// A mirror of `total` messages, plus copies of its catalog and index when it held only `early`.
    final class Mirror: Sendable {
        let root: URL
        let oldCatalog: URL
        let oldIndex: URL
        let oldIndexState: URL
        let binary: String

        init() throws {
            let bed = try Testbed.require()
            binary = try #require(KillResumeTests.binary(), "build the executable first (swift build)")
            let mailbox = try bed.makeMailbox("heal")
            root = ScratchFolder.root.appendingPathComponent("mm-heal-\(UUID().uuidString)")
            let mirror = root.appendingPathComponent("mirror")
            oldCatalog = root.appendingPathComponent("old-summaries.bin")
            oldIndex = root.appendingPathComponent("old-index")
            oldIndexState = root.appendingPathComponent("old-index.state")
            var configuration = Configuration()
            configuration.accounts = [try bed.account(mailbox: mailbox, root: root)]
            try configuration.save(to: MirrorPaths(root: mirror).configuration)
            for index in 1...DerivedDataHealTests.early { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
            #expect(try ProcessRun.run(binary, ["--root", mirror.path, "sync", "--quiet"]).status == 0)
            try FileManager.default.copyItem(at: mirror.appendingPathComponent("catalog/summaries.bin"), to: oldCatalog)
            try FileManager.default.copyItem(at: mirror.appendingPathComponent("index"), to: oldIndex)
            try FileManager.default.copyItem(at: mirror.appendingPathComponent("index.state"), to: oldIndexState)
            for index in DerivedDataHealTests.early + 1...DerivedDataHealTests.total {
                try bed.deliver(Testbed.sampleMessage(index), to: mailbox)
            }
            #expect(try ProcessRun.run(binary, ["--root", mirror.path, "sync", "--quiet"]).status == 0)
        }

        /// A copy of the whole mirror (removed with the rest when the test ends).
        func copy() throws -> URL {
            let copy = root.appendingPathComponent("copy-\(UUID().uuidString.prefix(8))")
            try ProcessRun.output("/bin/cp", ["-a", root.appendingPathComponent("mirror").path, copy.path])
            return copy
        }

        func run(_ root: URL, _ arguments: [String]) throws -> ProcessRun {
            try ProcessRun.run(binary, ["--root", root.path] + arguments, environment: ["TZ": "UTC", "NO_COLOR": "1"])
        }

        deinit { try? FileManager.default.removeItem(at: root) }
    }

    static func damage(_ damage: Damage, in root: URL, mirror: Mirror) throws {
        let catalog = root.appendingPathComponent("catalog/summaries.bin")
        let index = root.appendingPathComponent("index")
        let fileManager = FileManager.default
        switch damage {
        case .catalogTruncated:
            try Data(try Data(contentsOf: catalog).prefix(1_000)).write(to: catalog)
        case .catalogGarbled:
            var bytes = try Data(contentsOf: catalog)
            for offset in bytes.count / 3..<bytes.count / 3 + 32 { bytes[offset] ^= 0x5A }
            try bytes.write(to: catalog)
        case .catalogDeleted:
            try fileManager.removeItem(at: catalog)
        case .catalogStale:
            try fileManager.removeItem(at: catalog)
            try fileManager.copyItem(at: mirror.oldCatalog, to: catalog)
        case .indexTruncated, .indexGarbled:
            let segments = try fileManager.contentsOfDirectory(atPath: index.path).filter { $0.hasSuffix(".seg") }
            let largest = try #require(
                try segments.max {
                    try Self.size(index.appendingPathComponent($0)) < Self.size(index.appendingPathComponent($1))
                })
            let file = index.appendingPathComponent(largest)
            var bytes = try Data(contentsOf: file)
            if damage == .indexTruncated {
                bytes = bytes.prefix(bytes.count / 2)
            } else {
                for offset in 16..<48 { bytes[offset] ^= 0x5A }  // the section offsets of the header
            }
            try bytes.write(to: file)
        case .indexOutdated:
            let manifest = index.appendingPathComponent("manifest")
            let text = try String(contentsOf: manifest, encoding: .utf8)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            try #require(lines.first?.hasPrefix("mailmirror-index ") == true)
            try #require(lines.first == "mailmirror-index 4")
            try Data((["mailmirror-index 3"] + lines.dropFirst()).joined(separator: "\n").utf8).write(to: manifest)
        case .indexDeleted:
            try fileManager.removeItem(at: index)
        case .indexStale:
            try fileManager.removeItem(at: index)
            try fileManager.copyItem(at: mirror.oldIndex, to: index)
        }
    }

    static func size(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }

    /// UIDs `search subject:question` finds (every sample message matches it).
    static func searchedUIDs(_ mirror: Mirror, _ root: URL) throws -> (run: ProcessRun, uids: [Int]) {
        let run = try mirror.run(root, ["search", "--json", "--limit", "0", "subject:question"])
        let hits = (try? JSONSerialization.jsonObject(with: Data(run.output.utf8))) as? [[String: Any]] ?? []
        return (run, hits.compactMap { $0["uid"] as? Int }.sorted())
    }

    /// Customer messages the report counts (sum of `customer_messages` in volume.csv), nil when none was written.
    static func reportedCustomerMessages(_ mirror: Mirror, _ root: URL) throws -> (run: ProcessRun, count: Int?) {
        let out = root.appendingPathComponent("report-\(UUID().uuidString.prefix(6))")
        let run = try mirror.run(root, ["report", "--out", out.path, "--format", "csv"])
        guard let text = try? String(contentsOf: out.appendingPathComponent("volume.csv"), encoding: .utf8) else {
            return (run, nil)
        }
        let lines = text.split(whereSeparator: \.isNewline).map {
            $0.split(separator: ",", omittingEmptySubsequences: false)
        }
        let column = try #require(lines.first?.firstIndex(of: "customer_messages"))
        return (run, lines.dropFirst().compactMap { Int($0[column]) }.reduce(0, +))
    }

    @Test(arguments: Damage.allCases)
    func damageIsNamedRefusedAndHealedBySync(_ damage: Damage) throws {
        let mirror = try Mirror()
        let root = try mirror.copy()
        let before = try Self.searchedUIDs(mirror, root)
        #expect(before.uids == Array(1...Self.total), "the undamaged copy: \(before.run.errors)")
        try Self.damage(damage, in: root, mirror: mirror)

        // verify names it and fails.
        let verify = try mirror.run(root, ["verify", "--json"])
        #expect(verify.status == 1, "\(damage): \(verify.output)")
        #expect(verify.json["ok"] as? Bool == false)
        let problems = verify.json["problems"] as? [[String: Any]] ?? []
        #expect(
            problems.contains { $0["kind"] as? String == damage.kind && $0["damage"] as? Bool == true },
            "\(damage) should be named \(damage.kind): \(problems)")
        #expect(
            !problems.contains {
                ["corrupt", "truncated", "missing", "damagedState"].contains($0["kind"] as? String ?? "")
            },
            "the store itself is whole: \(problems)")

        // search and report stop with one sentence naming reindex, never answering from part of the mirror.
        let search = try Self.searchedUIDs(mirror, root)
        #expect(search.run.status == 1, "\(damage): search exited \(search.run.status), found \(search.uids)")
        #expect(search.run.errors.contains("mailmirror reindex"), "\(damage): \(search.run.errors)")
        #expect(!search.run.errors.contains("nothing is mirrored yet"), "\(damage): \(search.run.errors)")
        if damage == .indexOutdated {
            #expect(search.run.errors.contains("older version of mailmirror"), "\(search.run.errors)")
            #expect(search.run.errors.contains("The next sync rebuilds it"), "\(search.run.errors)")
        }
        let report = try Self.reportedCustomerMessages(mirror, root)
        #expect(report.run.status == 1, "\(damage): report exited \(report.run.status), counted \(report.count ?? -1)")
        #expect(report.count == nil, "\(damage): a report over part of the mirror was written")
        #expect(report.run.errors.contains("mailmirror reindex"), "\(damage): \(report.run.errors)")

        for command in [["show", "<m7@example.org>"], ["thread", "<m7@example.org>"]] {
            let run = try mirror.run(root, command)
            #expect(
                run.status == 1 && run.errors.contains("mailmirror reindex"), "\(damage), \(command[0]): \(run.errors)")
        }

        // status shows the store's counts and says the derived data does not cover them.
        let status = try mirror.run(root, ["status", "--json"])
        #expect(status.status == 1, "\(damage): \(status.output)")
        let derived = status.json["derived"] as? [[String: Any]] ?? []
        #expect(derived.contains { $0["kind"] as? String == damage.kind }, "\(damage): \(status.output)")
        let counts = (status.json["mailboxes"] as? [[String: Any]] ?? []).compactMap { $0["messages"] as? Int }
        #expect(counts == [Self.total])

        // The next sync rebuilds both, and says so in its JSON and once on stderr; everything answers
        // over all 8 messages again.
        let sync = try mirror.run(root, ["sync", "--json"])
        #expect(sync.status == 0, "\(damage): \(sync.errors)")
        #expect(
            sync.errors.components(separatedBy: "rebuilt them from the store").count == 2, "\(damage): \(sync.errors)")
        let notices = (sync.json["accounts"] as? [[String: Any]] ?? []).flatMap { $0["notices"] as? [String] ?? [] }
        #expect(
            notices.contains { $0.contains("did not cover the store") && $0.contains("rebuilt them from the store") },
            "\(damage): \(sync.output)")
        let after = try Self.searchedUIDs(mirror, root)
        #expect(
            after.run.status == 0 && after.uids == Array(1...Self.total), "\(damage): \(after.run.errors) \(after.uids)"
        )
        let healedReport = try Self.reportedCustomerMessages(mirror, root)
        #expect(
            healedReport.run.status == 0 && healedReport.count == Self.total,
            "\(damage): \(healedReport.run.errors) \(healedReport.run.output) \(healedReport.count ?? -1)")
        let shown = try mirror.run(root, ["show", "--json", "<m7@example.org>"])
        #expect(shown.status == 0 && shown.json["uid"] as? Int == 7, "\(damage): \(shown.errors)")
        let clean = try mirror.run(root, ["verify", "--json"])
        #expect(clean.status == 0 && clean.json["ok"] as? Bool == true, "\(damage): \(clean.output)")
        #expect(try mirror.run(root, ["status", "--json"]).status == 0)
    }

    /// `verify --repair` rebuilds the catalog and the index and lists them in `repaired`.
    @Test(arguments: [Damage.catalogTruncated, .indexDeleted])
    func verifyRepairRebuildsWhatIsDerived(_ damage: Damage) throws {
        let mirror = try Mirror()
        let root = try mirror.copy()
        try Self.damage(damage, in: root, mirror: mirror)
        let repair = try mirror.run(root, ["verify", "--repair", "--json"])
        let repaired = repair.json["repaired"] as? [String] ?? []
        let realRoot = URL(fileURLWithPath: root.path).resolvingSymlinksInPath().path
        #expect(
            repaired.contains { $0.hasSuffix("/catalog/summaries.bin") }
                && repaired.contains { $0.hasSuffix("/index") },
            "\(damage): \(repair.output) (root \(realRoot))")
        #expect(try Self.searchedUIDs(mirror, root).uids == Array(1...Self.total))
        #expect(try Self.reportedCustomerMessages(mirror, root).count == Self.total)
        let clean = try mirror.run(root, ["verify"])
        #expect(clean.status == 0, "\(clean.output)")
        #expect(
            clean.output.contains("The catalog and the search index cover every stored message."), "\(clean.output)")
    }

    /// `sync --quiet` prints nothing but what the user must see: a rebuild of the derived data is one.
    @Test func aQuietSyncStillSaysItRebuilt() throws {
        let mirror = try Mirror()
        let root = try mirror.copy()
        try Self.damage(.catalogTruncated, in: root, mirror: mirror)
        let sync = try mirror.run(root, ["sync", "--quiet"])
        #expect(sync.status == 0, "\(sync.errors)")
        #expect(sync.output.isEmpty, "\(sync.output)")
        #expect(
            sync.errors.contains("did not cover the store") && sync.errors.contains("rebuilt them from the store"),
            "\(sync.errors)")
        #expect(try Self.searchedUIDs(mirror, root).uids == Array(1...Self.total))
    }

    /// What a killed sync leaves (stored messages the catalog never heard of, the marker still there)
    /// is healed on the spot by the next reader: search finds every message and says what it catalogued.
    @Test func aReaderHealsWhatAKilledSyncLeft() throws {
        let mirror = try Mirror()
        let root = try mirror.copy()
        try Self.damage(.catalogStale, in: root, mirror: mirror)
        try Self.damage(.indexStale, in: root, mirror: mirror)
        try FileManager.default.removeItem(at: root.appendingPathComponent("index.state"))
        try FileManager.default.copyItem(at: mirror.oldIndexState, to: root.appendingPathComponent("index.state"))
        try Data("A sync is writing the catalog.\n".utf8).write(
            to: root.appendingPathComponent("catalog/sync-in-progress"))
        let verify = try mirror.run(root, ["verify", "--json"])
        let problems = verify.json["problems"] as? [[String: Any]] ?? []
        #expect(
            problems.contains { $0["kind"] as? String == "catalogStale" && $0["damage"] as? Bool == false },
            "\(verify.output)")
        let search = try Self.searchedUIDs(mirror, root)
        #expect(search.run.status == 0 && search.uids == Array(1...Self.total), "\(search.run.errors)")
        #expect(
            search.run.errors.contains("catalogued \(Self.total - Self.early) messages an interrupted sync"),
            "\(search.run.errors)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("catalog/sync-in-progress").path))
        #expect(try Self.reportedCustomerMessages(mirror, root).count == Self.total)
        #expect(try mirror.run(root, ["verify"]).status == 0)
    }

    /// A mirror made before `derived.state` existed (or whose stamp was lost) is checked in full once, not refused.
    @Test func aMissingStampCostsOneFullCheck() throws {
        let mirror = try Mirror()
        let root = try mirror.copy()
        let stamp = root.appendingPathComponent("derived.state")
        #expect(FileManager.default.fileExists(atPath: stamp.path), "sync writes derived.state")
        try FileManager.default.removeItem(at: stamp)
        let search = try Self.searchedUIDs(mirror, root)
        #expect(search.run.status == 0 && search.uids == Array(1...Self.total), "\(search.run.errors)")
        #expect(FileManager.default.fileExists(atPath: stamp.path), "the full check records the stamp again")
    }

    /// While a sync holds the lock, new files in `cur/` are expected: readers answer from what is
    /// indexed and say so. Once no sync runs, the same files the catalog lacks are refused.
    @Test func aRunningSyncIsSaidNotRefused() throws {
        let mirror = try Mirror()
        let root = try mirror.copy()
        let store = try MailStore(root: root)
        let inbox = try store.mailbox(account: "test", name: try #require(try store.mailboxes(account: "test").first))
        let epoch = try #require(try inbox.epochs().first)
        let first = try #require(try inbox.storedMessages(uidValidity: epoch, withSizes: false)[UID(1)])
        let lock = try store.lock()
        try FileManager.default.copyItem(atPath: first.path, toPath: inbox.curPath(epoch) + "/99.eml.gz:2,")
        let during = try Self.searchedUIDs(mirror, root)
        #expect(during.run.status == 0 && during.uids == Array(1...Self.total), "\(during.run.errors)")
        #expect(during.run.errors.contains("a sync is running"), "\(during.run.errors)")
        lock.release()
        let after = try Self.searchedUIDs(mirror, root)
        #expect(after.run.status == 1, "\(after.uids)")
        #expect(after.run.errors.contains("1 of the 9 stored messages are not in the catalog"), "\(after.run.errors)")
        #expect(after.run.errors.contains("mailmirror reindex"), "\(after.run.errors)")
    }
}
