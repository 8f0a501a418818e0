import Foundation
import MailCore
import Testing

@testable import Analytics

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite struct DeterminismTests {
    static let corpus = PlantedCorpus(threads: 300, seed: 21)
    static let options = ReportOptions(
        since: CalendarDay(year: 2024, month: 5, day: 1), until: CalendarDay(year: 2024, month: 10, day: 31),
        granularity: .week, articles: GoldenReportTests.articles)

    @Test func twoRunsGiveTheSameBytes() {
        let first = ReportGenerator().generate(messages: Self.corpus.messages, options: Self.options)
        let second = ReportGenerator().generate(messages: Self.corpus.messages, options: Self.options)
        #expect(first == second)
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func inputOrderDoesNotMatter(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let shuffled = rng.shuffled(Self.corpus.messages)
        #expect(
            ReportGenerator().generate(messages: shuffled, options: Self.options)
                == ReportGenerator().generate(messages: Self.corpus.messages, options: Self.options))
    }

    @Test func svgChartsAreWellFormedXML() throws {
        let files = ReportGenerator().generate(messages: Self.corpus.messages, options: Self.options)
        let charts = files.filter { $0.name.hasSuffix(".svg") }
        #expect(charts.map(\.name) == ["heatmap.svg", "topics.svg", "volume.svg"])
        for chart in charts {
            let parser = XMLParser(data: Data(chart.contents.utf8))
            #expect(parser.parse(), "\(chart.name) is not well-formed XML")
            #expect(chart.contents.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        }
        let report = try #require(files.first { $0.name == "report.md" })
        for chart in charts { #expect(report.contents.contains("](\(chart.name))")) }
    }

    @Test func frenchReportIsInFrench() throws {
        var options = Self.options
        options.language = .french
        let files = ReportGenerator().generate(messages: Self.corpus.messages, options: options)
        let report = try #require(files.first { $0.name == "report.md" }).contents
        #expect(report.hasPrefix("# Rapport du centre d'aide"))
        #expect(report.contains("## Synthèse"))
        #expect(report.contains("Questions récurrentes"))
        #expect(report.contains("Articles à écrire"))
        #expect(report.contains("Taux de réponse"))
        #expect(report.contains(" %"))
        #expect(!report.contains("Customer messages"))
        // CSV stays machine-readable: English headers and "." decimals in both languages.
        let english = ReportGenerator().generate(messages: Self.corpus.messages, options: Self.options)
        #expect(files.first { $0.name == "volume.csv" } == english.first { $0.name == "volume.csv" })
    }
}
