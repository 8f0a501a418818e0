import Foundation
import MailCore
import Testing

@testable import Store

/// The streamed rewrite and read that `reindex` and `verify` use give what `rewrite` and `load` give.
@Suite struct CatalogRewriterTests {
    /// Enough records to cross the rewriter's 1 MB blocks and the reader's page releases.
    static let summaries = (1...3_000).map { number in
        var summary = CatalogFileTests.summary(number)
        summary.replyText = String(repeating: "ligne \(number) du message\n", count: 40 + number % 90)
        return summary
    }

    @Test func aStreamedRewriteWritesTheSameFileAsRewrite() throws {
        let directory = try TemporaryDirectory()
        let whole = CatalogFile(directory: directory.path + "/whole")
        try whole.rewrite(Self.summaries)
        let streamed = CatalogFile(directory: directory.path + "/streamed")
        try streamed.append([CatalogFileTests.summary(9_999)])
        try Data("stale".utf8).write(to: URL(fileURLWithPath: streamed.directory + "/threads"))
        let rewriter = try CatalogRewriter(catalog: streamed)
        for summary in Self.summaries { try rewriter.append(summary) }
        // Until the commit, the old catalog is what readers see.
        #expect(try streamed.loadAll() == [CatalogFileTests.summary(9_999)])
        try rewriter.commit()
        #expect(rewriter.count == Self.summaries.count)
        #expect(FileManager.default.contents(atPath: streamed.path) == FileManager.default.contents(atPath: whole.path))
        // The files pointing into the old catalog by offset are gone; no temporary file is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: streamed.directory) == ["summaries.bin"])
    }

    @Test func anAbandonedRewriteLeavesTheCatalogAndNoLitter() throws {
        let directory = try TemporaryDirectory()
        let catalog = CatalogFile(directory: directory.path)
        try catalog.append([CatalogFileTests.summary(1)])
        let before = FileManager.default.contents(atPath: catalog.path)
        do {
            let rewriter = try CatalogRewriter(catalog: catalog)
            for summary in Self.summaries { try rewriter.append(summary) }
            rewriter.abandon()
        }
        #expect(FileManager.default.contents(atPath: catalog.path) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: catalog.directory) == ["summaries.bin"])
    }

    @Test func streamRecordsReadsWhatLoadReads() throws {
        let directory = try TemporaryDirectory()
        let catalog = CatalogFile(directory: directory.path)
        try catalog.rewrite(Self.summaries)
        // A torn last record: both stop before it and count the same ignored bytes.
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: catalog.path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data([7, 0, 0, 0, 1, 2]))
        try handle.close()
        var streamed: [MessageSummary] = []
        let (records, ignored) = try catalog.streamRecords { streamed.append($0) }
        let loaded = try catalog.load()
        #expect(streamed == loaded.summaries)
        #expect(records == loaded.records)
        #expect(ignored == loaded.ignoredBytes && ignored == 6)
    }

    @Test func aRecordRoundTripsThroughItsEncoding() throws {
        for summary in Self.summaries.prefix(50) {
            let bytes = CatalogFile.encodedRecord(summary)
            #expect(try bytes.withUnsafeBytes { try CatalogFile.decodedRecord($0) } == summary)
        }
    }
}
