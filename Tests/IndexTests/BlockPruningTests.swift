import Foundation
import MailCore
import Testing
import TextAnalysis

@testable import Index

/// Skip entries (`SkipEntry`) and the block-max pruning of phrases and addresses
/// (`QueryEvaluator+BlockBounds`): a pruned page is exactly the first page of the exhaustive ranking.
@Suite struct BlockPruningTests {
    static let words = ["billing", "invoice", "password", "reset", "hello", "thanks", "support", "help"]
    static let senders = [
        EmailAddress(name: "Help Desk", address: "help@support.example.com"),
        EmailAddress(name: nil, address: "help@support.example.com"),
        EmailAddress(name: "Support", address: "support@help.example.com"),
        EmailAddress(name: "Anna Help", address: "anna+help@support.example.com"),
        EmailAddress(name: "Reset Password", address: "reset@example.org"),
    ]

    /// Several segments of messages from few words, senders and dates, so many documents tie on
    /// score and on date, and the common terms' lists run over several blocks.
    static func randomIndex(seed: UInt64) throws -> SearchIndex {
        var random = SplitMix64(state: seed)
        let directory = TestCorpus.temporaryDirectory("blockmax\(seed)")
        let writer = try IndexWriter(directory: directory, mergeFactor: 100)
        var uid: UInt32 = 0
        for _ in 0..<5 {
            for _ in 0..<700 {
                uid += 1
                func text(_ count: Int) -> String {
                    (0..<count).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
                }
                let subject = Int.random(in: 0..<3, using: &random) == 0 ? text(3) : "Question"
                let reply = text(Int.random(in: 0...5, using: &random))
                let body = reply + "\n> " + text(Int.random(in: 0...10, using: &random))
                let date = TestCorpus.march10 + Int64.random(in: 0..<40, using: &random) * TestCorpus.day
                writer.add(
                    IndexDocument(
                        summary: TestCorpus.summary(
                            uid: uid, subject: subject, from: senders.randomElement(using: &random)!,
                            to: [senders.randomElement(using: &random)!], date: date, reply: reply, thread: "t\(uid)"),
                        bodyText: body))
            }
            try writer.commit()
        }
        let before = try SearchIndex.open(directory: directory)
        for (n, hit) in try before.search("\"password reset\"", options: SearchOptions(limit: 0)).enumerated()
        where n % 4 == 0 {
            writer.remove(id: hit.id)
        }
        try writer.commit()
        writer.close()
        return try SearchIndex.open(directory: directory)
    }

    static let queries = [
        "\"password reset\"", "\"billing invoice\"", "\"help support\"", "subject:\"password reset\"",
        "from:help@support.example.com", "to:help@support.example.com", "from:reset@example.org",
        "from:support.example.com", "\"hello thanks\"",
    ]

    @Test(arguments: [1, 2] as [UInt64])
    func aBlockPrunedPageIsThePrefixOfTheExhaustiveRanking(seed: UInt64) throws {
        let index = try Self.randomIndex(seed: seed)
        #expect(index.segments.count >= 5)
        for query in Self.queries {
            let all = try index.search(query, options: SearchOptions(limit: 0, now: TestCorpus.march10))
            #expect(all.count > 30, "\(query)")
            for limit in [1, 3, 10, 25] {
                let page = try index.search(query, options: SearchOptions(limit: limit, now: TestCorpus.march10))
                #expect(page.map(\.id) == all.prefix(limit).map(\.id), "\(query) limit \(limit)")
                #expect(page.map(\.score) == all.prefix(limit).map(\.score), "\(query) limit \(limit)")
                #expect(page.map(\.snippet) == all.prefix(limit).map(\.snippet), "\(query) limit \(limit)")
            }
        }
    }

    /// The ranges and documents left out hold no document that would get ahead of the bar, and
    /// some are left out by blocks and some by documents (so the test above checks pruning that
    /// happens).
    @Test func theDocumentsLeftOutCannotBeatTheBar() throws {
        let index = try Self.randomIndex(seed: 3)
        let statistics = CorpusStatistics(segments: index.segments)
        var leftOut = 0
        var narrowed = 0
        for query in ["\"password reset\"", "from:help@support.example.com"] {
            let parsed = try QueryParser().parse(query)
            let all = try index.search(parsed, options: SearchOptions(limit: 0, now: TestCorpus.march10))
            let bar = QueryEvaluator.PageBar(score: all[9].score, date: all[9].date)
            for (s, segment) in index.segments.enumerated() {
                var evaluator = QueryEvaluator(
                    segment: segment, deletions: index.deletions[s], statistics: statistics,
                    options: SearchOptions(limit: 10), analyzer: Analyzer(), accumulator: ScoreAccumulator())
                let plan = try #require(evaluator.blockPlan(parsed))
                let exhaustive = try evaluator.evaluate(parsed)
                let blocks = try evaluator.allowedDocuments(plan, bar: bar)
                evaluator.allowed = blocks
                let byBlocks = try evaluator.evaluate(parsed)
                evaluator.allowed = try evaluator.narrowedDocuments(plan, blocks, bar: bar)
                let pruned = try evaluator.evaluate(parsed)
                narrowed += byBlocks.docs.count - pruned.docs.count
                for doc in pruned.docs { #expect(byBlocks.docs.contains(doc)) }
                var walk = try #require(evaluator.allowed).walk()
                for (k, doc) in exhaustive.docs.enumerated() {
                    let score = exhaustive.scores[k]
                    let date = segment.date(Int(doc))
                    if let i = pruned.docs.firstIndex(of: doc) {
                        #expect(pruned.scores[i] == score, "\(query) segment \(s) doc \(doc)")
                    } else {
                        leftOut += 1
                        #expect(score < bar.score || (score == bar.score && date < bar.date), "\(query) doc \(doc)")
                    }
                }
                // Every document kept lies in the allowed ranges.
                for doc in pruned.docs { #expect(walk.first(atOrAfter: Int(doc)) == Int(doc)) }
            }
        }
        #expect(leftOut > 0)
        #expect(narrowed > 0)
    }

    /// A cursor that jumps by skip entries stops on the documents, frequencies and positions a walk
    /// posting by posting finds.
    @Test func cursorsJumpToWhatALinearWalkFinds() throws {
        let index = try Self.randomIndex(seed: 5)
        var random = SplitMix64(state: 9)
        var checked = 0
        for segment in index.segments {
            for n in 0..<segment.termCount {
                let info = segment.info(n)
                guard info.skipCount > 0 else { continue }
                #expect(info.skipCount == (info.docFreq + SkipEntry.blockSize - 1) / SkipEntry.blockSize)
                var docs: [Int32] = []
                var frequencies: [UInt32] = []
                try segment.postings(info, docs: &docs, frequencies: &frequencies)
                var linear = PostingCursor(segment: segment, info: info)
                var positions: [[UInt32]] = []
                var list: [UInt32] = []
                while try linear.next() {
                    try linear.positions(into: &list)
                    positions.append(list)
                }
                var targets: [Int] = []
                var t = 0
                while t < segment.docCount {
                    targets.append(t)
                    t += Int.random(in: 1...300, using: &random)
                }
                var documents = DocumentCursor(segment: segment, info: info)
                var postings = PostingCursor(segment: segment, info: info)
                var read: Int64 = -1  // a document's positions are read once
                for target in targets {
                    let expected = docs.firstIndex { Int($0) >= target }
                    #expect(try documents.advance(to: target) == (expected != nil))
                    #expect(try postings.advance(to: Int64(target)) == (expected != nil))
                    guard let expected else { break }
                    #expect(documents.doc == Int(docs[expected]))
                    #expect(documents.frequency == frequencies[expected])
                    #expect(postings.doc == Int64(docs[expected]))
                    #expect(postings.frequency == Int(frequencies[expected]))
                    if target % 2 == 0 && postings.doc != read {
                        read = postings.doc
                        try postings.positions(into: &list)
                        #expect(list == positions[expected])
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    /// A skip entry's bounds hold for every posting of its block.
    @Test func skipEntriesBoundTheirBlocks() throws {
        let index = try Self.randomIndex(seed: 6)
        var checked = 0
        for segment in index.segments {
            for n in 0..<segment.termCount {
                let info = segment.info(n)
                guard info.skipCount > 0 else { continue }
                let field = Int(segment.key(n)[0])
                var docs: [Int32] = []
                var frequencies: [UInt32] = []
                try segment.postings(info, docs: &docs, frequencies: &frequencies)
                for k in 0..<info.skipCount {
                    let entry = segment.skip(info, k)
                    let block = (k * SkipEntry.blockSize)..<min(docs.count, (k + 1) * SkipEntry.blockSize)
                    #expect(entry.lastDoc == Int(docs[block.upperBound - 1]))
                    #expect(entry.maxFrequency == block.map { frequencies[$0] }.max())
                    #expect(entry.maxDate == block.map { segment.date(Int(docs[$0])) }.max())
                    if field < SegmentLayout.textFieldCount {
                        #expect(entry.minLength == block.map { segment.fieldLength(Int(docs[$0]), field) }.min())
                    }
                }
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}
