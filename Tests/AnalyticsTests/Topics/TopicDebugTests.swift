import Foundation
import Testing
@testable import Analytics

@Suite struct TopicDebugTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ANALYTICS_DEBUG"] == "1")) func cohesion() {
        let corpus = PlantedCorpus(threads: 400, seed: 3)
        var pipeline = TopicPipeline()
        pipeline.minimumDistinctiveness = 0
        let model = ReportModel(messages: corpus.messages, options: GoldenReportTests.options(.english), pipeline: pipeline)
        for t in model.topics.topics { print(t.id, NumberFormat.fixed(t.cohesion, 3), NumberFormat.fixed(t.distinctiveness, 3), t.members.count, t.label) }
        let big = PlantedCorpus(threads: 1500, seed: 7)
        let model2 = ReportModel(messages: big.messages, options: ReportOptions(), pipeline: pipeline)
        for t in model2.topics.topics { print("big", t.id, NumberFormat.fixed(t.cohesion, 3), NumberFormat.fixed(t.distinctiveness, 3), t.members.count, t.label) }
    }
}
