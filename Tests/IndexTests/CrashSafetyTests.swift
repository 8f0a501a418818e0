import Durable
import Foundation
import MailCore
import Testing

@testable import Index

/// A commit stopped at each of its durable steps leaves an index that opens and answers with
/// either the whole old state or the whole new one; the next writer finishes cleanly.
@Suite struct CrashSafetyTests {
    let options = SearchOptions(limit: 0, sort: .date, now: TestCorpus.march10)

    func uids(_ index: SearchIndex, _ query: String) throws -> [UInt32] {
        try index.search(query, options: options).map(\.uid.rawValue).sorted()
    }

    @Test(arguments: ["deletions", "segment", "merge", "manifest", "cleanup"])
    func commitStoppedAt(_ step: String) throws {
        let dir = TestCorpus.temporaryDirectory("crash" + step)
        let documents = TestCorpus.documents
        // Three segments of 2, 2 and 1 messages, so the next commit (four segments in one level, factor 4) writes deletion
        // files for older segments, a new segment, and a merge.
        do {
            let writer = try IndexWriter(directory: dir, mergeFactor: 4)
            for batch in [[0, 1], [2, 3], [5]] {
                for k in batch { writer.add(documents[k]) }
                try writer.commit()
            }
        }
        var replaced = documents[0]
        replaced.summary.subject = "zebra"
        do {
            let writer = try IndexWriter(directory: dir, mergeFactor: 4)
            writer.add(replaced)
            writer.add(documents[4])
            writer.remove(id: documents[2].summary.id)
            writer.faultInjection = { (reached: String) throws(IndexError) in
                if reached == step { throw IndexError.io(path: "injected", reason: "crash at \(step)") }
            }
            #expect(throws: IndexError.self) { try writer.commit() }
        }
        let afterCrash = try SearchIndex.open(directory: dir)
        let committed = step == "cleanup"
        #expect(afterCrash.documentCount == 5)
        #expect(try uids(afterCrash, "zebra") == (committed ? [1] : []))
        #expect(try uids(afterCrash, "etudes") == (committed ? [5] : []))
        #expect(try uids(afterCrash, "from:anna") == (committed ? [] : [3]))
        #expect(try uids(afterCrash, "subject:application") == (committed ? [2] : [1, 2]))
        #expect(try uids(afterCrash, "") == (committed ? [1, 2, 4, 5, 6] : [1, 2, 3, 4, 6]))

        // The next writer clears the leftovers and commits the same batch.
        let writer = try IndexWriter(directory: dir, mergeFactor: 4)
        writer.add(replaced)
        writer.add(documents[4])
        writer.remove(id: documents[2].summary.id)
        try writer.commit()
        writer.close()
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 5)
        #expect(try uids(index, "zebra") == [1])
        #expect(try uids(index, "") == [1, 2, 4, 5, 6])
        let files = (try Disk.sortedNames(in: dir.path))
        let manifest = try Manifest(bytes: Array(try Data(contentsOf: dir.appendingPathComponent("manifest"))))
        let expected = manifest.referencedFiles.union(["write.lock"])
        #expect(Set(files) == expected)
    }

    /// A merge killed half way through writing its segment: what kill -9 leaves is a temporary file cut
    /// anywhere, beside an untouched manifest. The index answers as before, and the next writer removes
    /// the leftover and merges again.
    @Test(arguments: [1, 5, 40])
    func mergeKilledHalfWay(afterChunks: Int) throws {
        let dir = TestCorpus.temporaryDirectory("mergekill\(afterChunks)")
        let all = SegmentMergerTests.documents(150)
        do {
            let writer = try IndexWriter(directory: dir, mergeFactor: 3)
            for range in [0..<60, 60..<110] {
                for document in all[range] { writer.add(document) }
                try writer.commit()
            }
            writer.remove(id: all[7].summary.id)
            try writer.commit()
        }
        let queries = ["billing", "\"password reset\"", "from:c3@example.com", "w7", "w61", "w140", ""]
        let before = try SearchIndex.open(directory: dir)
        let answers = try queries.map { try uids(before, $0) }
        #expect(answers[3] == [])
        #expect(answers[4] == [62])

        // A third segment makes three in the lowest level: the commit merges them, and dies in the middle.
        let leftover = dir.appendingPathComponent(".seg-merged.seg.tmp.99999999")
        do {
            let writer = try IndexWriter(directory: dir, mergeFactor: 3)
            writer.mergeChunkSize = 256
            for document in all[110..<150] { writer.add(document) }
            var chunks = 0
            writer.faultInjection = { (reached: String) throws(IndexError) in
                guard reached == "merge-chunk" else { return }
                chunks += 1
                guard chunks == afterChunks else { return }
                let names = (try? Disk.sortedNames(in: dir.path)) ?? []
                guard let partial = names.first(where: { $0.hasPrefix(".seg-") && $0.contains(".tmp.") }) else { return }
                // What the process held on disk at this instant, under the name of a writer that is gone.
                try? FileManager.default.copyItem(at: dir.appendingPathComponent(partial), to: leftover)
                throw IndexError.io(path: "injected", reason: "killed while merging")
            }
            #expect(throws: IndexError.self) { try writer.commit() }
            #expect(chunks == afterChunks)
        }
        let partialSize = try FileManager.default.attributesOfItem(atPath: leftover.path)[.size] as? Int ?? 0
        #expect(partialSize == afterChunks * 256)
        let afterCrash = try SearchIndex.open(directory: dir)
        #expect(afterCrash.documentCount == 109)
        #expect(try queries.map { try uids(afterCrash, $0) } == answers)

        let writer = try IndexWriter(directory: dir, mergeFactor: 3)
        #expect(!FileManager.default.fileExists(atPath: leftover.path))
        for document in all[110..<150] { writer.add(document) }
        try writer.commit()
        writer.close()
        let manifest = try Manifest(bytes: Array(try Data(contentsOf: dir.appendingPathComponent("manifest"))))
        #expect(manifest.entries.count == 1)
        let index = try SearchIndex.open(directory: dir)
        #expect(index.documentCount == 149)
        #expect(try uids(index, "w140") == [141])
        #expect(try uids(index, "w7") == [])
        #expect(try uids(index, "billing").count > answers[0].count)
        let files = Set(try Disk.sortedNames(in: dir.path))
        #expect(files == manifest.referencedFiles.union(["write.lock"]))
    }
}
