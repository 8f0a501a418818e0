import Testing

@testable import Analytics

@Suite struct ReportOptionsTests {
    @Test func formatListsParse() {
        #expect(ReportFormat.parseList("md,csv") == [.markdown, .csv])
        #expect(ReportFormat.parseList(" CSV ") == [.csv])
        #expect(ReportFormat.parseList("markdown") == [.markdown])
        #expect(ReportFormat.parseList("pdf") == nil)
        #expect(ReportFormat.parseList("") == nil)
    }

    @Test func namesParse() {
        #expect(Granularity(rawValue: "week") == .week)
        #expect(ReportLanguage(rawValue: "fr") == .french)
        #expect(CalendarDay(parsing: "2024/03/04") == CalendarDay(year: 2024, month: 3, day: 4))
    }
}
