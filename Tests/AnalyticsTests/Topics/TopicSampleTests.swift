import Foundation
import MailCore
import Testing

@testable import Analytics

/// Topics learned on an evenly spaced sample of conversations, the rest assigned to them afterwards: what
/// keeps a report over a million messages in bounded memory. Mailboxes below the limit are not sampled
/// (the golden reports and the quality tests run that path).
@Suite struct TopicSampleTests {
    @Test func evenlySpacedIndicesAreDistinctAscendingAndOnlyAboveTheLimit() {
        #expect(TopicPipeline.evenlySpaced(10, limit: 10) == nil)
        #expect(TopicPipeline.evenlySpaced(3, limit: 10) == nil)
        let sample = TopicPipeline.evenlySpaced(1_000, limit: 7)!
        #expect(sample.count == 7)
        #expect(sample.first == 0)
        #expect(zip(sample, sample.dropFirst()).allSatisfy { $0 < $1 })
        #expect(sample.last == 6 * 1_000 / 7)
    }

    @Test func aSampledWindowStillFindsThePlantedTopicsAndGivesEveryThreadOne() throws {
        let corpus = PlantedCorpus(threads: 900, seed: 7)
        var pipeline = TopicPipeline()
        pipeline.learningLimit = 300
        let model = ReportModel(messages: corpus.messages, options: ReportOptions(), pipeline: pipeline)
        let topics = model.topics
        #expect(topics.clustering.hasSuffix("learned on 300"), "\(topics.clustering)")
        let quality = TopicQuality(corpus: corpus, summary: topics, messages: model.data.summaries)
        print(quality.table)
        print(
            "sampled: mean recall \(quality.meanRecall), precision \(quality.meanPrecision), unassigned \(topics.unassigned)/\(topics.customerMessages)"
        )
        #expect(quality.meanRecall > 0.8)
        #expect(quality.meanPrecision > 0.8)
        // Far more threads than were learned on are in topics: the rest joined them.
        #expect(topics.topics.reduce(0) { $0 + $1.threadCount } > 450)
        // Numbered by size after the rest joined.
        #expect(topics.topics.map(\.id) == Array(1...topics.topics.count))
        #expect(zip(topics.topics, topics.topics.dropFirst()).allSatisfy { $0.members.count >= $1.members.count })

        // The same input gives the same topics.
        let again = ReportModel(messages: corpus.messages, options: ReportOptions(), pipeline: pipeline)
        #expect(again.topics == topics)
    }
}
