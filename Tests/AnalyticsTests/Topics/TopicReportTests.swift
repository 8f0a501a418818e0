import Foundation
import MailCore
import Testing

@testable import Analytics

@Suite struct TopicReportTests {
    static let corpus = PlantedCorpus(threads: 500, seed: 5)

    @Test func topicsCSVHasTheAgreedColumnsAndSharesAddUp() throws {
        let files = ReportGenerator().generate(
            messages: Self.corpus.messages, options: ReportOptions(articles: GoldenReportTests.articles))
        let topics = CSVReader.rows(try #require(files.first { $0.name == "topics.csv" }).contents)
        #expect(
            Array(topics[0].prefix(9)) == [
                "topic_id", "label", "keywords", "messages", "threads", "share", "trend", "article", "article_score",
            ])
        let records = CSVReader.records(try #require(files.first { $0.name == "topics.csv" }).contents)
        #expect(records.count >= 15)
        let sizes = records.map { Int($0["messages"]!)! }
        #expect(sizes == sizes.sorted(by: >))
        let links = CSVReader.records(try #require(files.first { $0.name == "topic_messages.csv" }).contents)
        #expect(links.count == sizes.reduce(0, +))
        // Every row names a Message-ID of the corpus.
        let ids = Set(Self.corpus.messages.compactMap(\.messageId))
        #expect(links.allSatisfy { ids.contains($0["message_id"]!) })
    }

    @Test func topicMessagesFallBackToTheCatalogId() {
        var messages = Self.corpus.messages
        for i in messages.indices { messages[i].messageId = nil }
        let files = ReportGenerator().generate(messages: messages, options: ReportOptions(formats: [.csv]))
        let links = CSVReader.records(files.first { $0.name == "topic_messages.csv" }!.contents)
        let ids = Set(messages.map(\.id))
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { ids.contains($0["message_id"]!) })
    }

    @Test func articlesCoverTheirTopicAndTheRestIsTheToDoList() throws {
        let model = ReportModel(
            messages: Self.corpus.messages, options: ReportOptions(articles: GoldenReportTests.articles))
        let reset = try #require(
            model.topics.topics.first { $0.label.contains("password reset") || $0.label.contains("réinitialisation") })
        #expect(reset.covered)
        #expect(reset.bestArticle.map { GoldenReportTests.articles[$0].path } == "reset-password.md")
        let cancel = try #require(
            model.topics.topics.first { $0.label.contains("subscription") || $0.label.contains("résilier") })
        #expect(cancel.covered)
        let uncovered = model.topics.topics.filter { !$0.covered }
        #expect(uncovered.count >= 10)
        let report = MarkdownReport.render(model)
        let todo = try #require(report.range(of: "## Articles to write"))
        let section = report[todo.upperBound...]
        // Largest first, and a covered topic is not on the list.
        let first = try #require(uncovered.first)
        #expect(section.contains(MarkdownReport.escape(first.label)))
        #expect(!section.contains("### " + MarkdownReport.escape(reset.label) + " —"))
        #expect(uncovered.map(\.members.count) == uncovered.map(\.members.count).sorted(by: >))
    }

    @Test func trendsFlagNewAndGrowingTopics() throws {
        // The same mailbox, with an extra burst of one planted topic in the second half of the year.
        var messages = Self.corpus.messages
        let burst = PlantedCorpus(threads: 400, seed: 99).messages.filter {
            PlantedCorpus.slugTopic($0.subject) == "storage_full"
        }
        for var m in burst where m.date >= Int64(CalendarDay(year: 2024, month: 7, day: 1).dayNumber) * 86400 {
            m.key.account = "burst"
            m.id = m.key.id
            m.threadId = "burst-" + m.threadId
            m.messageId = "burst-" + (m.messageId ?? m.id)
            messages.append(m)
        }
        let options = ReportOptions(
            since: CalendarDay(year: 2024, month: 7, day: 1), until: CalendarDay(year: 2024, month: 12, day: 31))
        let model = ReportModel(messages: messages, options: options)
        let storage = try #require(
            model.topics.topics.first { $0.label.contains("stockage") || $0.label.contains("storage") })
        #expect(model.status(storage) == "growing")
        #expect((model.trend(storage) ?? 0) > 0.5)
        // Without a previous window there is no trend at all.
        let all = ReportModel(messages: messages, options: ReportOptions())
        #expect(all.topics.topics.allSatisfy { all.trend($0) == nil && all.status($0) == "" })
    }
}
