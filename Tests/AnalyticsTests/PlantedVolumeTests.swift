import Foundation
import MailCore
import Testing

@testable import Analytics

/// volume.csv against what the planted generator wrote, counted independently (Foundation's
/// calendar, the fixture's own flags), month by month.
@Suite struct PlantedVolumeTests {
    @Test func monthlyVolumesMatchTheGenerator() throws {
        let corpus = PlantedCorpus(threads: 600, seed: 17)
        let files = ReportGenerator().generate(
            messages: corpus.messages,
            options: ReportOptions(
                since: CalendarDay(year: 2024, month: 1, day: 1), until: CalendarDay(year: 2024, month: 12, day: 31),
                formats: [.csv]))
        let rows = CSVReader.records(try #require(files.first { $0.name == "volume.csv" }).contents)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        var expected: [String: (customer: Int, customerReplies: Int, teamReplies: Int, newThreads: Int)] = [:]
        var firstOfThread: [String: Int64] = [:]
        for m in corpus.messages { firstOfThread[m.threadId] = min(firstOfThread[m.threadId] ?? .max, m.date) }
        func month(_ epoch: Int64) -> String {
            let c = calendar.dateComponents([.year, .month], from: Date(timeIntervalSince1970: TimeInterval(epoch)))
            return String(format: "%04d-%02d", c.year!, c.month!)
        }
        for m in corpus.messages {
            let key = month(m.date)
            var e = expected[key] ?? (0, 0, 0, 0)
            let isCustomer = corpus.topicOf[m.id] != nil
            if isCustomer { e.customer += 1 }
            if isCustomer && m.isReply { e.customerReplies += 1 }
            if !isCustomer && m.isReply { e.teamReplies += 1 }
            expected[key] = e
        }
        for (_, first) in firstOfThread { expected[month(first), default: (0, 0, 0, 0)].newThreads += 1 }
        #expect(rows.count == 12)
        for row in rows {
            let e = expected[row["period"]!] ?? (0, 0, 0, 0)
            #expect(row["customer_messages"] == String(e.customer), "\(row["period"]!)")
            #expect(row["customer_replies"] == String(e.customerReplies), "\(row["period"]!)")
            #expect(row["team_replies"] == String(e.teamReplies), "\(row["period"]!)")
            #expect(row["new_threads"] == String(e.newThreads), "\(row["period"]!)")
        }
    }
}
