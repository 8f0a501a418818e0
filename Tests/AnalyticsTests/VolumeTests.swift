import Foundation
import MailCore
import Testing

@testable import Analytics

@Suite struct VolumeTests {
    func file(
        _ name: String, _ options: ReportOptions = HandFixture.options,
        messages: [MessageSummary] = HandFixture.messages
    ) -> String {
        ReportGenerator().generate(messages: messages, options: options).first { $0.name == name }!.contents
    }

    @Test func volumeColumnsComeFirstInTheAgreedOrder() {
        let header = CSVReader.rows(file("volume.csv"))[0]
        #expect(
            Array(header.prefix(7)) == [
                "period", "customer_messages", "customer_replies", "team_replies", "new_threads",
                "threads_replied", "first_response_median_minutes",
            ])
    }

    @Test func weeklyVolumesMatchTheHandCount() {
        let rows = CSVReader.records(file("volume.csv"))
        #expect(rows.map { $0["period"]! } == ["2024-W10", "2024-W11"])
        let w10 = rows[0]
        let w11 = rows[1]
        #expect(w10["customer_messages"] == "3")
        #expect(w10["customer_replies"] == "2")
        #expect(w10["team_replies"] == "2")
        #expect(w10["team_messages"] == "3")
        #expect(w10["new_threads"] == "2")
        #expect(w10["threads_replied"] == "2")
        #expect(w10["first_response_median_minutes"] == "75.0")
        #expect(w10["first_response_p90_minutes"] == "111.0")
        #expect(w10["unique_customers"] == "2")
        #expect(w10["reply_rate"] == "1.0000")
        #expect(w10["waiting_threads"] == "1")
        #expect(w11["customer_messages"] == "2")
        #expect(w11["customer_replies"] == "0")
        #expect(w11["team_replies"] == "2")
        #expect(w11["new_threads"] == "2")
        #expect(w11["threads_replied"] == "1")
        #expect(w11["first_response_median_minutes"] == "1440.0")
        #expect(w11["reply_rate"] == "0.5000")
        #expect(w11["replies_per_thread"] == "2.00")
        #expect(w11["waiting_threads"] == "1")
    }

    @Test func kpisCompareWithThePreviousWindowOfTheSameLength() {
        let kpis = Dictionary(uniqueKeysWithValues: CSVReader.records(file("kpis.csv")).map { ($0["kpi"]!, $0) })
        #expect(kpis["customer_messages"]?["value"] == "5")
        #expect(kpis["customer_messages"]?["previous"] == "1")
        #expect(kpis["customer_messages"]?["change"] == "4")
        #expect(kpis["customer_messages"]?["change_percent"] == "400.0")
        #expect(kpis["team_replies"]?["value"] == "4")
        #expect(kpis["new_threads"]?["value"] == "4")
        #expect(kpis["unique_customers"]?["value"] == "4")
        #expect(kpis["reply_rate"]?["value"] == "0.7500")
        #expect(kpis["reply_rate"]?["previous"] == "1.0000")
        #expect(kpis["first_response_median_minutes"]?["value"] == "120.0")
        #expect(kpis["first_response_median_minutes"]?["previous"] == "60.0")
        #expect(kpis["first_response_p90_minutes"]?["value"] == "1176.0")
        #expect(kpis["replies_per_thread"]?["value"] == "1.33")
        // Thread A ends on Alice's reply, thread C was never answered.
        #expect(kpis["waiting_threads"]?["value"] == "2")
    }

    @Test func breakdownsByMailboxLabelMemberAndDomain() {
        let members = CSVReader.records(file("by_team_member.csv"))
        #expect(members.map { $0["address"]! } == ["bob@help.example", "dan@help.example"])
        #expect(members[0]["team_replies"] == "3")
        #expect(members[0]["first_responses"] == "2")
        #expect(members[0]["name"] == "Bob")
        let domains = CSVReader.records(file("by_customer_domain.csv"))
        #expect(domains.first?["domain"] == "acme.com")
        #expect(domains.first?["customer_messages"] == "3")
        #expect(domains.first?["unique_customers"] == "2")
        let labels = CSVReader.records(file("by_label.csv"))
        #expect(labels.map { $0["label"]! } == ["Billing"])
        #expect(labels[0]["customer_messages"] == "2")
        let mailboxes = CSVReader.records(file("by_mailbox.csv"))
        #expect(Set(mailboxes.map { $0["mailbox"]! }) == ["demo/INBOX", "demo/Sent"])
    }

    @Test func heatmapCountsLocalWeekdayAndHour() {
        let rows = CSVReader.records(file("heatmap.csv"))
        #expect(rows.count == 7 * 24)
        let mondayNine = rows.first { $0["weekday"] == "1" && $0["hour"] == "9" }!
        #expect(mondayNine["customer_messages"] == "1")
        #expect(mondayNine["team_messages"] == "1")
    }

    /// 2024-03-11 23:30 UTC is 00:30 on Tuesday 12 March in Paris: the day moves, so does the hour.
    @Test func timeZoneMovesMessagesAcrossDays() {
        var paris = HandFixture.options
        paris.timeZone = ReportOptions.timeZone(fromTZ: "Europe/Paris")
        paris.granularity = .day
        let utcRows = CSVReader.records(
            file(
                "volume.csv",
                {
                    var o = paris
                    o.timeZone = ReportOptions.timeZone(fromTZ: nil)
                    return o
                }()))
        let parisRows = CSVReader.records(file("volume.csv", paris))
        #expect(utcRows.first { $0["period"] == "2024-03-11" }?["customer_messages"] == "1")
        #expect(parisRows.first { $0["period"] == "2024-03-11" }?["customer_messages"] == "0")
        #expect(parisRows.first { $0["period"] == "2024-03-12" }?["customer_messages"] == "2")
        let heat = CSVReader.records(file("heatmap.csv", paris))
        #expect(heat.first { $0["weekday"] == "2" && $0["hour"] == "0" }?["customer_messages"] == "1")
    }

    @Test func timeZoneFromTZ() {
        // Foundation on Linux names UTC "GMT"; the report prints it as UTC.
        #expect(
            ReportOptions.timeZone(fromTZ: nil).secondsFromGMT(for: Date(timeIntervalSince1970: 1_720_000_000)) == 0)
        #expect(ReportOptions.timeZone(fromTZ: "").secondsFromGMT(for: Date(timeIntervalSince1970: 1_720_000_000)) == 0)
        #expect(ReportOptions(timeZone: ReportOptions.timeZone(fromTZ: nil)).timeZoneName == "UTC")
        #expect(ReportOptions.timeZone(fromTZ: "Europe/Paris").identifier == "Europe/Paris")
        #expect(ReportOptions.timeZone(fromTZ: ":America/New_York").identifier == "America/New_York")
        #expect(
            ReportOptions.timeZone(fromTZ: "Not/AZone").secondsFromGMT(for: Date(timeIntervalSince1970: 1_720_000_000))
                == 0)
        #expect(ReportOptions(timeZone: ReportOptions.timeZone(fromTZ: "Europe/Paris")).timeZoneName == "Europe/Paris")
    }

    @Test func monthlyAndDailyPeriodKeys() {
        var options = HandFixture.options
        options.granularity = .month
        #expect(CSVReader.records(file("volume.csv", options)).map { $0["period"]! } == ["2024-03"])
        options.granularity = .day
        let days = CSVReader.records(file("volume.csv", options)).map { $0["period"]! }
        #expect(days.count == 14)
        #expect(days.first == "2024-03-04")
        #expect(days.last == "2024-03-17")
    }

    @Test func aMessageIdSeenTwiceCountsOnce() {
        var messages = HandFixture.messages
        var copy = messages[2]
        copy.key.mailbox = "Archive"
        copy.id = copy.key.id
        messages.append(copy)
        #expect(file("volume.csv", messages: messages) == file("volume.csv"))
    }

    @Test func emptyInputStillWritesEveryFile() {
        let files = ReportGenerator().generate(messages: [], options: ReportOptions())
        #expect(
            files.map(\.name) == [
                "by_customer_domain.csv", "by_label.csv", "by_mailbox.csv", "by_team_member.csv", "heatmap.csv",
                "heatmap.svg", "kpis.csv", "report.md", "topic_messages.csv", "topics.csv", "topics.svg",
                "volume.csv", "volume.svg",
            ])
    }

    @Test func formatsChooseTheFiles() {
        let csvOnly = ReportGenerator().generate(
            messages: HandFixture.messages,
            options: {
                var o = HandFixture.options
                o.formats = [.csv]
                return o
            }())
        #expect(!csvOnly.contains { $0.name.hasSuffix(".md") || $0.name.hasSuffix(".svg") })
        #expect(csvOnly.contains { $0.name == "volume.csv" })
    }
}
