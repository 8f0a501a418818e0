import Foundation
import MailCore
import Testing
import TextAnalysis

@testable import Index

/// A relevance page cut short by MaxScore pruning (`QueryEvaluator+TopScores`) is exactly the first
/// page of the exhaustive ranking: same documents, same scores, ties in the same order.
@Suite struct RankingPruningTests {
    static let words = ["billing", "invoice", "refund", "vat", "account", "password", "reset", "hello", "thanks"]

    /// Several segments of random messages from few words, few subjects and few dates, so many
    /// documents tie on score and on date.
    static func randomIndex(seed: UInt64) throws -> SearchIndex {
        var random = SplitMix64(state: seed)
        let directory = TestCorpus.temporaryDirectory("pruning\(seed)")
        let writer = try IndexWriter(directory: directory, mergeFactor: 100)
        var uid: UInt32 = 0
        for _ in 0..<6 {
            for _ in 0..<400 {
                uid += 1
                func text(_ count: Int) -> String {
                    (0..<count).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
                }
                let subject = Int.random(in: 0..<4, using: &random) == 0 ? text(2) : "Question"
                let reply = text(Int.random(in: 0...6, using: &random))
                let body = reply + "\n> " + text(Int.random(in: 0...12, using: &random))
                let date = TestCorpus.march10 + Int64.random(in: 0..<5, using: &random) * TestCorpus.day
                writer.add(
                    IndexDocument(
                        summary: TestCorpus.summary(
                            uid: uid, subject: subject, from: TestCorpus.anna, date: date, reply: reply,
                            thread: "t\(uid)"),
                        bodyText: body))
            }
            try writer.commit()
        }
        // Some deleted documents, among the best and the others.
        let before = try SearchIndex.open(directory: directory)
        for (n, hit) in try before.search("billing invoice", options: SearchOptions(limit: 0)).enumerated()
        where n % 5 == 0 {
            writer.remove(id: hit.id)
        }
        try writer.commit()
        writer.close()
        return try SearchIndex.open(directory: directory)
    }

    static let queries = [
        "billing", "invoice", "billing invoice", "invoice billing refund", "subject:invoice", "body:refund vat",
        "subject:billing invoice", "vat reset",
    ]

    @Test(arguments: [1, 2, 3] as [UInt64])
    func aPrunedPageIsThePrefixOfTheExhaustiveRanking(seed: UInt64) throws {
        let index = try Self.randomIndex(seed: seed)
        #expect(index.segments.count >= 6)
        let now = TestCorpus.march10
        for query in Self.queries {
            let all = try index.search(query, options: SearchOptions(limit: 0, now: now))
            #expect(all.count > 20, "\(query)")
            for limit in [1, 3, 10, 25] {
                let page = try index.search(query, options: SearchOptions(limit: limit, now: now))
                #expect(page.map(\.id) == all.prefix(limit).map(\.id), "\(query) limit \(limit)")
                #expect(page.map(\.score) == all.prefix(limit).map(\.score), "\(query) limit \(limit)")
            }
        }
    }

    /// The pruned evaluation does leave documents out on such an index (so the test above checks it),
    /// and keeps every document scoring at or above its threshold, with the exhaustive score.
    @Test func pruningLeavesOutOnlyDocumentsBelowTheThreshold() throws {
        let index = try Self.randomIndex(seed: 4)
        let statistics = CorpusStatistics(segments: index.segments)
        var prunedSomewhere = false
        for query in ["billing invoice", "invoice", "subject:billing invoice"] {
            let parsed = try QueryParser().parse(query)
            let all = try index.search(parsed, options: SearchOptions(limit: 0, now: TestCorpus.march10))
            let threshold = all[9].score
            for (s, segment) in index.segments.enumerated() {
                let evaluator = QueryEvaluator(
                    segment: segment, deletions: index.deletions[s], statistics: statistics,
                    options: SearchOptions(limit: 10), analyzer: Analyzer(), accumulator: ScoreAccumulator())
                let words = try #require(evaluator.prunedWords(parsed))
                let exhaustive = try evaluator.evaluate(parsed)
                guard let pruned = try evaluator.evaluate(words, above: threshold) else { continue }
                prunedSomewhere = prunedSomewhere || pruned.docs.count < exhaustive.docs.count
                var expected = Matches()
                for (k, doc) in exhaustive.docs.enumerated() where exhaustive.scores[k] >= threshold {
                    expected.docs.append(doc)
                    expected.scores.append(exhaustive.scores[k])
                }
                let kept = pruned.filter { doc in expected.docs.contains(Int32(doc)) }
                #expect(kept.docs == expected.docs, "\(query) segment \(s)")
                #expect(kept.scores == expected.scores, "\(query) segment \(s)")
            }
        }
        #expect(prunedSomewhere)
    }
}
