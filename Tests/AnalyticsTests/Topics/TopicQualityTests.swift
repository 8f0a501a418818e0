import Foundation
import MailCore
import Testing

@testable import Analytics

/// Per planted topic: recall = share of its customer messages that the best-matching reported
/// topic holds; precision = share of that reported topic made of the planted one.
struct TopicQuality {
    var perTopic: [(key: String, size: Int, recall: Double, precision: Double, label: String)] = []
    var meanRecall: Double { perTopic.map(\.recall).reduce(0, +) / Double(max(1, perTopic.count)) }
    var meanPrecision: Double { perTopic.map(\.precision).reduce(0, +) / Double(max(1, perTopic.count)) }

    init(corpus: PlantedCorpus, summary: TopicSummary, messages: [MessageSummary]) {
        var planted: [Int: Set<String>] = [:]
        for (id, topic) in corpus.topicOf { planted[topic, default: []].insert(id) }
        let reported = summary.topics.map { Set($0.members.map { messages[$0].id }) }
        for topic in planted.keys.sorted() {
            let members = planted[topic]!
            var best = -1
            var bestOverlap = 0
            for (r, set) in reported.enumerated() {
                let overlap = set.intersection(members).count
                if overlap > bestOverlap {
                    bestOverlap = overlap
                    best = r
                }
            }
            let precision = best < 0 ? 0 : Double(bestOverlap) / Double(reported[best].count)
            perTopic.append(
                (
                    PlantedTopicTables.topics[topic].key, members.count, Double(bestOverlap) / Double(members.count),
                    precision,
                    best < 0 ? "-" : summary.topics[best].label
                ))
        }
    }

    var table: String {
        perTopic.map {
            "\($0.key) n=\($0.size) recall=\(NumberFormat.fixed($0.recall, 2)) precision=\(NumberFormat.fixed($0.precision, 2)) [\($0.label)]"
        }
        .joined(separator: "\n")
    }
}

@Suite struct TopicQualityTests {
    @Test func plantedTopicsAreRecoveredInBothLanguages() throws {
        let corpus = PlantedCorpus(
            threads: Int(ProcessInfo.processInfo.environment["ANALYTICS_QUALITY_THREADS"] ?? "1500")!, seed: 7)
        let clock0 = ContinuousClock.now
        let model = ReportModel(messages: corpus.messages, options: ReportOptions())
        let elapsed = ContinuousClock.now - clock0
        let quality = TopicQuality(corpus: corpus, summary: model.topics, messages: model.data.summaries)
        print(
            "topics: \(model.topics.topics.count) reported, k=\(model.topics.chosenClusters), silhouette=\(model.topics.silhouette), unassigned=\(model.topics.unassigned)/\(model.topics.customerMessages), \(elapsed)"
        )
        print(quality.table)
        print(
            "mean recall \(NumberFormat.fixed(quality.meanRecall, 3)), mean precision \(NumberFormat.fixed(quality.meanPrecision, 3))"
        )
        #expect(quality.meanRecall > 0.8)
        #expect(quality.meanPrecision > 0.8)
    }
}

/// Ablation (slow, so only with `ANALYTICS_ABLATION=1`): what the team-answer evidence adds.
@Suite struct TopicQualityAblationTests {
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["ANALYTICS_ABLATION"] == "1",
            "an ablation study: set ANALYTICS_ABLATION=1 to run it"))
    func teamAnswersJoinWordingsWithoutLosingPurity() {
        let corpus = PlantedCorpus(threads: 1500, seed: 7)
        func quality(teamAnswers: Bool) -> TopicQuality {
            var pipeline = TopicPipeline()
            pipeline.useTeamAnswers = teamAnswers
            let model = ReportModel(messages: corpus.messages, options: ReportOptions(), pipeline: pipeline)
            let q = TopicQuality(corpus: corpus, summary: model.topics, messages: model.data.summaries)
            print(
                "teamAnswers=\(teamAnswers): \(model.topics.topics.count) topics, mean recall \(NumberFormat.fixed(q.meanRecall, 3)), mean precision \(NumberFormat.fixed(q.meanPrecision, 3))"
            )
            return q
        }
        let without = quality(teamAnswers: false)
        let with = quality(teamAnswers: true)
        #expect(with.meanRecall >= without.meanRecall)
        #expect(with.meanPrecision >= without.meanPrecision - 0.02)
    }
}
