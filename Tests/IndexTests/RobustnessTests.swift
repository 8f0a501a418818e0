import Durable
import Foundation
import Testing
import TextAnalysis

@testable import Index

/// Hostile input never traps: random queries, random text, damaged index files.
@Suite struct RobustnessTests {
    static let pieces = [
        "\"", "(", ")", "-", " ", " OR ", "OR", "from:", "to:", "subject:", "after:", "before:", "2024-03-10",
        "2024/3/1",
        "older_than:", "7d", "has:", "attachment", "is:", "reply", "label:", "in:", "thread:", "rfc822msgid:", "<a@b>",
        "mot", "passe", "é", "l'", "’", "@", ".", "anna@example.com", "filename:", "x", "1", ":", "\u{301}", "東京", "--",
    ]

    @Test func randomQueriesParseOrFailCleanly() throws {
        let index = try TestCorpus.build(in: TestCorpus.temporaryDirectory())
        var random = SplitMix64(state: 42)
        var parsed = 0
        for _ in 0..<3000 {
            var query = ""
            for _ in 0..<(1 + random.below(8)) {
                query += RobustnessTests.pieces[random.below(RobustnessTests.pieces.count)]
            }
            do {
                _ = try index.search(query, options: SearchOptions(limit: 5, now: TestCorpus.march10))
                parsed += 1
            } catch let error as QueryError {
                #expect(error.column >= 1 && error.column <= query.count + 1, "\(query)")
            }
        }
        #expect(parsed > 300)
    }

    @Test func randomTextAnalyses() {
        var random = SplitMix64(state: 7)
        let analyzer = Analyzer()
        var total = 0
        for _ in 0..<500 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<random.below(200) {
                let pick = random.below(10)
                let value: UInt32 =
                    pick < 5
                    ? UInt32(0x20 + random.below(0x60))
                    : pick < 8 ? UInt32(0xA0 + random.below(0x200)) : UInt32(random.below(0x3_0000))
                if let scalar = Unicode.Scalar(value) { scalars.append(scalar) }
            }
            let text = String(scalars)
            let tokens = analyzer.tokens(text)
            let count = text.utf8.count
            #expect(tokens.allSatisfy { $0.utf8Range.lowerBound >= 0 && $0.utf8Range.upperBound <= count })
            #expect(analyzer.terms(text).count == tokens.count)
            total += tokens.count
        }
        #expect(total > 1000)
    }

    @Test func damagedSegmentsThrowOrAnswer() throws {
        let dir = TestCorpus.temporaryDirectory()
        _ = try TestCorpus.build(in: dir)
        let name = try #require((try Disk.sortedNames(in: dir.path)).first { $0.hasSuffix(".seg") })
        let url = dir.appendingPathComponent(name)
        let original = try Data(contentsOf: url)
        var random = SplitMix64(state: 99)
        var opened = 0
        for round in 0..<300 {
            var bytes = [UInt8](original)
            for _ in 0..<(1 + random.below(8)) {
                // Mostly past the header (which is checked whole), sometimes inside it.
                let at =
                    round % 10 == 0
                    ? random.below(SegmentLayout.headerSize)
                    : SegmentLayout.headerSize + random.below(bytes.count - SegmentLayout.headerSize)
                bytes[at] = UInt8(truncatingIfNeeded: random.next())
            }
            try Data(bytes).write(to: url)
            guard let index = try? SearchIndex.open(directory: dir) else { continue }
            opened += 1
            for query in [
                "passe", "\"mot de passe\"", "from:anna", "after:2024-03-01 vat", "", "-is:reply", "has:attachment",
            ] {
                _ = try? index.search(query, options: SearchOptions(limit: 0, now: TestCorpus.march10))
            }
            // A writer must also cope (it reads ids for replacement and merges): try one on a copy.
            if round % 20 == 0 {
                let scratch = TestCorpus.temporaryDirectory("scratch\(round)")
                try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
                for file in (try Disk.sortedNames(in: dir.path)) where file != "write.lock" {
                    try FileManager.default.copyItem(
                        at: dir.appendingPathComponent(file), to: scratch.appendingPathComponent(file))
                }
                if let writer = try? IndexWriter(directory: scratch, mergeFactor: 2) {
                    writer.add(TestCorpus.documents[0])
                    writer.remove(id: TestCorpus.documents[3].summary.id)
                    try? writer.commit()
                    writer.add(TestCorpus.documents[1])
                    try? writer.commit()  // a third segment: merges the damaged one
                    writer.close()
                }
                try? FileManager.default.removeItem(at: scratch)
            }
        }
        #expect(opened > 100)
    }
}
