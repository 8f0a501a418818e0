import Foundation
import MailCore
import Testing

@testable import Analytics

/// The report over what `gen_corpus.py` itself wrote (run here, read crudely): volumes against
/// its manifest, and topic quality with signatures and disclaimers left in the text.
@Suite(.enabled(if: GeneratedCorpus.available, GeneratedCorpus.skipReason)) struct GeneratedCorpusTests {
    static let corpus = Result {
        try GeneratedCorpus(count: Int(ProcessInfo.processInfo.environment["ANALYTICS_GEN_COUNT"] ?? "2000")!, seed: 42)
    }

    @Test func volumesMatchTheManifest() throws {
        let corpus = try Self.corpus.get()
        #expect(corpus.messages.count == corpus.manifestCount)
        let files = ReportGenerator().generate(messages: corpus.messages, options: ReportOptions(formats: [.csv]))
        let rows = CSVReader.records(try #require(files.first { $0.name == "volume.csv" }).contents)
        let sum = { (column: String) in rows.reduce(0) { $0 + Int($1[column]!)! } }
        #expect(sum("customer_messages") + sum("team_messages") == corpus.manifestCount)
        #expect(sum("team_messages") == corpus.manifestSupport)
        #expect(sum("new_threads") == corpus.manifestThreads)
    }

    @Test func plantedTopicsAreFoundInTheGeneratorsOwnText() throws {
        let corpus = try Self.corpus.get()
        let model = ReportModel(messages: corpus.messages, options: ReportOptions())
        // Every customer message's planted topic was read back from its subject.
        #expect(corpus.topicOf.count == corpus.manifestCount - corpus.manifestSupport)
        var planted: [Int: Set<String>] = [:]
        for (id, topic) in corpus.topicOf { planted[topic, default: []].insert(id) }
        let reported = model.topics.topics.map { Set($0.members.map { model.data.messages[$0].id }) }
        var recalls: [Double] = []
        var precisions: [Double] = []
        var lines: [String] = []
        for topic in planted.keys.sorted() {
            let members = planted[topic]!
            var best = -1
            var overlap = 0
            for (r, set) in reported.enumerated() where set.intersection(members).count > overlap {
                overlap = set.intersection(members).count
                best = r
            }
            recalls.append(Double(overlap) / Double(members.count))
            precisions.append(best < 0 ? 0 : Double(overlap) / Double(reported[best].count))
            lines.append(
                "\(PlantedTopicTables.topics[topic].key) n=\(members.count) recall=\(NumberFormat.fixed(recalls.last!, 2)) precision=\(NumberFormat.fixed(precisions.last!, 2)) [\(best < 0 ? "-" : model.topics.topics[best].label)]"
            )
        }
        let recall = recalls.reduce(0, +) / Double(recalls.count)
        let precision = precisions.reduce(0, +) / Double(precisions.count)
        print(
            "gen_corpus.py (\(corpus.manifestCount) messages): \(model.topics.topics.count) topics, \(model.topics.customerMessages) customer messages, mean recall \(NumberFormat.fixed(recall, 3)), mean precision \(NumberFormat.fixed(precision, 3))"
        )
        print(lines.joined(separator: "\n"))
        #expect(recall > 0.8)
        #expect(precision > 0.8)
    }
}
