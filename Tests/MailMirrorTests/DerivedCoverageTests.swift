import Foundation
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The cheap check: while every folder `derived.state` records keeps its time, no folder of the store
/// is listed, and any folder that comes or goes above a `cur/` makes the stamp fail (then the store is
/// listed and compared in full, as before).
struct DerivedCoverageTests {
    /// A store with `accounts/test/INBOX/1000/cur/`, its folders dated in 2001 so that any change made
    /// by the test gets a later time whatever the file system's timestamp granularity.
    final class Mirror {
        let root: String
        let coverage: DerivedCoverage

        init() throws {
            root =
                ScratchFolder.root.appendingPathComponent("mm-coverage-\(UUID().uuidString)")
                .path
            try FileManager.default.createDirectory(
                atPath: root + "/accounts/test/INBOX/1000/cur", withIntermediateDirectories: true)
            coverage = DerivedCoverage(
                store: try MailStore(rootPath: root), paths: MirrorPaths(rootPath: root))
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func backdate() throws {
            let old = Date(timeIntervalSince1970: 1_000_000_000)
            for path in ["accounts", "accounts/test", "accounts/test/INBOX", "accounts/test/INBOX/1000"] {
                try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: root + "/" + path)
            }
        }

        func make(_ relative: String) throws {
            try FileManager.default.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
        }
    }

    @Test func theStampRecordsTheFoldersAboveCur() throws {
        let mirror = try Mirror()
        try mirror.backdate()
        try mirror.coverage.record()
        let stamp = try #require(mirror.coverage.readStamp())
        #expect(
            Set(stamp.folders.keys) == [
                "accounts", "accounts/test", "accounts/test/INBOX", "accounts/test/INBOX/1000",
            ])
        let backdated: Int64 = 1_000_000_000 * 1_000_000_000
        #expect(stamp.folders.values.allSatisfy { $0 == backdated }, "each folder's time, in nanoseconds")
        #expect(mirror.coverage.stampHolds())
        #expect(DerivedCoverage.foldersUnchanged(stamp, rootPrefix: mirror.root + "/"))
    }

    @Test(arguments: [
        "accounts/test/INBOX/2000/cur", "accounts/test/Sent/1000/cur", "accounts/other/INBOX/1000/cur",
        "accounts/test/INBOX/1000/cur/1.eml.gz:2,",
    ])
    func aNewFolderOrMessageMakesTheStampFail(_ relative: String) throws {
        let mirror = try Mirror()
        try mirror.backdate()
        try mirror.coverage.record()
        #expect(mirror.coverage.stampHolds())
        if relative.hasSuffix(",") {
            #expect(FileManager.default.createFile(atPath: mirror.root + "/" + relative, contents: Data()))
        } else {
            try mirror.make(relative)
        }
        #expect(!mirror.coverage.stampHolds(), "\(relative) is seen")
        try mirror.coverage.record()
        #expect(mirror.coverage.stampHolds(), "recorded again, it holds")
    }

    @Test func aRemovedCurOrACurMadeLaterMakesTheStampFail() throws {
        let mirror = try Mirror()
        try mirror.make("accounts/test/INBOX/2000")
        try mirror.backdate()
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000_000_000)],
            ofItemAtPath: mirror.root + "/accounts/test/INBOX/2000")
        try mirror.coverage.record()
        #expect(mirror.coverage.readStamp()?.epochs.count == 1, "an epoch without cur/ has no line")
        try mirror.make("accounts/test/INBOX/2000/cur")
        #expect(!mirror.coverage.stampHolds())
        try mirror.coverage.record()
        #expect(mirror.coverage.stampHolds())
        try FileManager.default.removeItem(atPath: mirror.root + "/accounts/test/INBOX/1000/cur")
        #expect(!mirror.coverage.stampHolds())
    }

    @Test func aStampWithoutFolderLinesIsStillReadButNotTakenAsCovering() throws {
        let mirror = try Mirror()
        try mirror.backdate()
        try mirror.coverage.record()
        var stamp = try #require(mirror.coverage.readStamp())
        stamp.folders = [:]
        #expect(!DerivedCoverage.foldersUnchanged(stamp, rootPrefix: mirror.root + "/"))
        try StateFile.write(stamp.encoded(), to: mirror.coverage.stampURL)
        #expect(mirror.coverage.readStamp() == stamp)
        #expect(!mirror.coverage.stampHolds(), "the listing finds folders the stamp does not record")
    }
}
