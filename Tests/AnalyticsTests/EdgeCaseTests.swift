import MailCore
import Testing

@testable import Analytics

@Suite struct EdgeCaseTests {
    @Test func oddInputsStillGiveAReport() {
        let cases: [[MessageSummary]] = [
            [HandFixture.message(1, thread: "", from: "x@acme.com", date: 0, reply: false, text: "")],
            [HandFixture.message(1, thread: "t", from: "bob@help.example", date: 86400, reply: false)],
            (1...12).map {
                HandFixture.message(
                    UInt32($0), thread: "t\($0)", from: "c\($0)@acme.com", date: Int64($0) * 3600, reply: false,
                    text: "😀 📦 日本語のテキスト \u{0} \u{200B} ----- ::// http:// @@ l' d’ \($0)")
            },
        ]
        for messages in cases {
            let files = ReportGenerator().generate(messages: messages, options: ReportOptions(granularity: .day))
            #expect(files.count == 13)
            #expect(files.allSatisfy { !$0.contents.isEmpty })
        }
    }

    @Test func untilBeforeTheFirstMessageGivesAnEmptyWindow() {
        let options = ReportOptions(until: CalendarDay(year: 2000, month: 1, day: 1))
        let files = ReportGenerator().generate(messages: HandFixture.messages, options: options)
        let kpis = CSVReader.records(files.first { $0.name == "kpis.csv" }!.contents)
        #expect(kpis.first { $0["kpi"] == "customer_messages" }?["value"] == "0")
    }
}
