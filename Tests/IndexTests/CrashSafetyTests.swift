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
        // Three segments of 2, 2 and 1 messages, so the next commit (limit 3) writes deletion
        // files for older segments, a new segment, and a merge.
        do {
            let writer = try IndexWriter(directory: dir, maxSegments: 3)
            for batch in [[0, 1], [2, 3], [5]] {
                for k in batch { writer.add(documents[k]) }
                try writer.commit()
            }
        }
        var replaced = documents[0]
        replaced.summary.subject = "zebra"
        do {
            let writer = try IndexWriter(directory: dir, maxSegments: 3)
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
        let writer = try IndexWriter(directory: dir, maxSegments: 3)
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
}
