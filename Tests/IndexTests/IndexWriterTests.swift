import Durable
import Foundation
import MailCore
import Testing

@testable import Index

@Suite struct IndexWriterTests {
    let options = SearchOptions(limit: 0, sort: .date, now: TestCorpus.march10)

    func uids(_ index: SearchIndex, _ query: String) throws -> [UInt32] {
        try index.search(query, options: options).map(\.uid.rawValue).sorted()
    }

    @Test func reAddedIdReplacesTheOldDocument() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        var changed = TestCorpus.documents[2]
        changed.summary.subject = "Rechnung ohne Steuernummer"
        changed.bodyText = "Bitte neue Rechnung"
        changed.summary.replyText = changed.bodyText
        let writer = try IndexWriter(directory: dir)
        writer.add(changed)
        try writer.commit()
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 6)
        #expect(try uids(index, "rechnung") == [3])
        #expect(try uids(index, "accounting") == [4])
        #expect(try uids(index, "from:anna") == [3])
    }

    @Test func replaceWithinOneBatchKeepsTheLast() throws {
        let dir = TestCorpus.temporaryDirectory()
        let writer = try IndexWriter(directory: dir)
        var doc = TestCorpus.documents[0]
        writer.add(doc)
        doc.summary.subject = "zebra"
        writer.add(doc)
        try writer.commit()
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 1)
        #expect(try uids(index, "zebra") == [1])
        #expect(try uids(index, "subject:application") == [])
    }

    @Test func replaceAfterADuplicateBatch() throws {
        let dir = TestCorpus.temporaryDirectory()
        var doc = TestCorpus.documents[0]
        do {
            let writer = try IndexWriter(directory: dir)
            writer.add(TestCorpus.documents[1])
            writer.add(doc)
            doc.summary.subject = "zebra"
            writer.add(doc)
            try writer.commit()
            doc.summary.subject = "okapi"
            writer.add(doc)
            try writer.commit()
        }
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 2)
        #expect(try uids(index, "zebra") == [])
        #expect(try uids(index, "okapi") == [1])
    }

    @Test func removeById() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        let writer = try IndexWriter(directory: dir)
        writer.remove(id: TestCorpus.documents[4].summary.id)
        try writer.commit()
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 5)
        #expect(try uids(index, "etudes") == [])
    }

    @Test func smallCommitsMergeAndStayCorrect() throws {
        let dir = TestCorpus.temporaryDirectory()
        let writer = try IndexWriter(directory: dir, mergeFactor: 3)
        for document in TestCorpus.documents {
            writer.add(document)
            try writer.commit()
        }
        // Replace one message after merges, then remove another.
        var doc = TestCorpus.documents[5]
        doc.bodyText = "nouvelle version du texte"
        doc.summary.replyText = doc.bodyText
        writer.add(doc)
        try writer.commit()
        writer.remove(id: TestCorpus.documents[0].summary.id)
        try writer.commit()
        let segments = (try Disk.sortedNames(in: dir.path)).filter { $0.hasSuffix(".seg") }
        #expect(segments.count <= 3)
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 5)
        #expect(try uids(index, "\"mot de passe\"") == [2])
        #expect(try uids(index, "nouvelle version") == [6])
        #expect(try uids(index, "export") == [6])
        #expect(try uids(index, "50") == [])
        #expect(try uids(index, "from:anna") == [3])
        #expect(try uids(index, "has:attachment") == [3])
    }

    @Test func mergeSizeCapKeepsSegmentsAndCompactsDeletions() throws {
        let dir = TestCorpus.temporaryDirectory()
        let writer = try IndexWriter(directory: dir, mergeFactor: 2, maxMergeBytes: 1)
        for document in TestCorpus.documents {
            writer.add(document)
            try writer.commit()
        }
        #expect((try Disk.sortedNames(in: dir.path)).filter { $0.hasSuffix(".seg") }.count == 6)
        #expect(try uids(try SearchIndex.open(directory: dir), "thread:t2") == [3, 4])
        writer.close()

        // Replacing most messages of one segment rewrites it without the deleted copies.
        let compacting = try IndexWriter(directory: dir, rebuild: true)
        for document in TestCorpus.documents { compacting.add(document) }
        try compacting.commit()
        for document in TestCorpus.documents.prefix(4) { compacting.add(document) }
        try compacting.commit()
        let segments = (try Disk.sortedNames(in: dir.path)).filter { $0.hasSuffix(".seg") }
        #expect(segments.count == 2)
        #expect(!(try Disk.sortedNames(in: dir.path)).contains { $0.contains(".del-") })
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 6)
        #expect(try uids(index, "") == [1, 2, 3, 4, 5, 6])
    }

    @Test func halfWrittenCommitLeavesTheOldIndexUsable() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(Array(TestCorpus.documents.prefix(3)), in: dir)
        let manifest = dir.appendingPathComponent("manifest")
        let committed = try Data(contentsOf: manifest)

        // A second commit that reaches disk, then "crash before the manifest swap": the old
        // manifest is what a crash would have left, with the new files lying beside it.
        let writer = try IndexWriter(directory: dir)
        var replaced = TestCorpus.documents[0]
        replaced.summary.subject = "zebra"
        writer.add(replaced)
        writer.add(TestCorpus.documents[4])
        try writer.commit()
        writer.close()
        try committed.write(to: manifest)
        // And debris of a third commit cut short: a torn segment and a torn manifest.
        try Data("MMIXSEG1 torn".utf8).write(to: dir.appendingPathComponent("seg-000777.seg.tmp"))
        try Data("MMIXSEG1 torn".utf8).write(to: dir.appendingPathComponent("seg-000778.seg"))
        try Data("mailmirror-ind".utf8).write(to: dir.appendingPathComponent("manifest.tmp"))

        let old = try SearchIndex.open(directory: dir)
        #expect(old.documentCount == 3)
        #expect(try uids(old, "zebra") == [])
        #expect(try uids(old, "subject:application") == [1, 2])
        #expect(try uids(old, "etudes") == [])

        // The next writer clears the debris and commits normally.
        let next = try IndexWriter(directory: dir)
        next.add(replaced)
        try next.commit()
        let files = (try Disk.sortedNames(in: dir.path))
        #expect(
            !files.contains("seg-000778.seg") && !files.contains("manifest.tmp")
                && !files.contains("seg-000777.seg.tmp"))
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 3)
        #expect(try uids(index, "zebra") == [1])
    }

    @Test func damagedSegmentIsAnErrorNotACrash() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        let segment = try #require((try Disk.sortedNames(in: dir.path)).first { $0.hasSuffix(".seg") })
        let url = dir.appendingPathComponent(segment)
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
        #expect(throws: IndexError.self) { try SearchIndex.open(directory: dir) }
    }

    @Test func missingIndexAndSecondWriter() throws {
        let dir = TestCorpus.temporaryDirectory()
        #expect(throws: IndexError.missing(path: dir.path)) { try SearchIndex.open(directory: dir) }
        let writer = try IndexWriter(directory: dir)
        #expect(throws: IndexError.locked(path: dir.path + "/write.lock")) { try IndexWriter(directory: dir) }
        try writer.commit()
        #expect(try SearchIndex.open(directory: dir).documentCount == 0)
        writer.close()
        #expect(throws: Never.self) { try IndexWriter(directory: dir).close() }
    }

    @Test func rebuildWorksOnADamagedIndex() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        try Data("garbage".utf8).write(to: dir.appendingPathComponent("manifest"))
        #expect(throws: IndexError.self) { try IndexWriter(directory: dir) }
        #expect(throws: IndexError.self) { try SearchIndex.open(directory: dir) }
        let writer = try IndexWriter(directory: dir, rebuild: true)
        for document in TestCorpus.documents { writer.add(document) }
        try writer.commit()
        writer.close()
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 6)
        #expect(try uids(index, "etudes") == [5])
        #expect((try Disk.sortedNames(in: dir.path)).filter { $0.hasSuffix(".seg") }.count == 1)
    }

    /// An index of an older format (1: addresses at one position, answering address queries wrongly;
    /// 2: no skip entries; 3: no length column) is refused with a sentence naming `mailmirror reindex`,
    /// and a rebuild replaces it.
    @Test(arguments: ["2", "3"]) func olderFormatIsRefusedUntilRebuilt(version: String) throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        let url = dir.appendingPathComponent("manifest")
        let current = try String(contentsOf: url, encoding: .utf8)
        try #require(current.hasPrefix("mailmirror-index \(Manifest.version)\n"))
        try Data(
            current.replacingOccurrences(
                of: "mailmirror-index \(Manifest.version)", with: "mailmirror-index \(version)"
            ).utf8
        ).write(to: url)
        #expect(throws: IndexError.outdated(found: version)) { try SearchIndex.open(directory: dir) }
        #expect(throws: IndexError.outdated(found: version)) { try IndexWriter(directory: dir) }
        #expect(IndexError.outdated(found: version).description.contains("run `mailmirror reindex`"))
        let writer = try IndexWriter(directory: dir, rebuild: true)
        for document in TestCorpus.documents { writer.add(document) }
        try writer.commit()
        writer.close()
        #expect(try uids(try SearchIndex.open(directory: dir), "from:client.fr") == [1])
    }

    @Test func rebuildStartsFromEmpty() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        let writer = try IndexWriter(directory: dir, rebuild: true)
        writer.add(TestCorpus.documents[4])
        try writer.commit()
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 1)
        #expect((try Disk.sortedNames(in: dir.path)).filter { $0.hasSuffix(".seg") }.count == 1)
    }
}

@Suite struct ReplyFieldTests {
    /// The one-pass path (body opens with the reply) and the two-pass path score alike.
    @Test func replyPrefixAndSeparateReplyIndexTheSame() throws {
        let t = TestCorpus.march10
        let prefixed = IndexDocument(
            summary: TestCorpus.summary(
                uid: 1, subject: "a", from: TestCorpus.anna, date: t, reply: "refund please now", thread: "x"),
            bodyText: "refund please now\n> old refund text")
        let separate = IndexDocument(
            summary: TestCorpus.summary(
                uid: 2, subject: "a", from: TestCorpus.anna, date: t, reply: "refund please now", thread: "y"),
            bodyText: "> old refund text\nrefund please now")
        let index = try TestCorpus.build([prefixed, separate], in: TestCorpus.temporaryDirectory())
        let hits = try index.search("\"please now\"", options: SearchOptions(limit: 0, now: t))
        #expect(hits.count == 2)
        #expect(abs(hits[0].score - hits[1].score) < 1e-9)
        let old = try index.search("body:\"old refund\"", options: SearchOptions(limit: 0, now: t))
        #expect(old.count == 2)
    }
}

@Suite struct SegmentEquivalenceTests {
    static let queries = [
        "passe", "\"mot de passe\"", "etudes", "invoice vat", "from:anna", "to:client.fr", "cc:carol",
        "subject:invoice",
        "body:espaces", "has:attachment", "filename:pdf", "label:billing", "in:inbox", "is:reply", "is:inbound",
        "thread:t2",
        "after:2024-03-10", "etudes OR export", "-is:reply", "vat OR from:bruno.lefevre@client.fr", "",
    ]

    /// One segment, or six commits merged down to at most two segments: the same hits, in the
    /// same order, with the same scores.
    @Test func mergedSegmentsAnswerLikeOne() throws {
        let options = SearchOptions(limit: 0, now: TestCorpus.march10)
        let single = try TestCorpus.build(in: TestCorpus.temporaryDirectory("single"))
        let dir = TestCorpus.temporaryDirectory("merged")
        let writer = try IndexWriter(directory: dir, mergeFactor: 2)
        for document in TestCorpus.documents {
            writer.add(document)
            try writer.commit()
        }
        writer.close()
        #expect((try Disk.sortedNames(in: dir.path)).filter { $0.hasSuffix(".seg") }.count <= 2)
        let merged = try SearchIndex.open(directory: dir)
        for query in SegmentEquivalenceTests.queries {
            let a = try single.search(query, options: options)
            let b = try merged.search(query, options: options)
            #expect(a.map(\.id) == b.map(\.id), "\(query)")
            #expect(zip(a, b).allSatisfy { abs($0.score - $1.score) < 1e-9 }, "\(query)")
            #expect(a.map(\.snippet) == b.map(\.snippet), "\(query)")
        }
    }
}
