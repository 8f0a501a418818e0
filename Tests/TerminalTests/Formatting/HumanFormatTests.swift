import Foundation
import Terminal
import Testing
import Zones

@Suite struct HumanFormatTests {
    @Test(arguments: [
        (Int64(0), "0 B"), (999, "999 B"), (1000, "1.0 KB"), (1500, "1.5 KB"), (12_345, "12.3 KB"),
        (999_949, "999.9 KB"), (999_950, "1.0 MB"), (56_200_000, "56.2 MB"), (2_500_000_000, "2.5 GB"),
        (1_100_000_000_000, "1.1 TB"), (-1500, "-1.5 KB"),
    ])
    func bytes(count: Int64, expected: String) {
        #expect(HumanFormat.bytes(count) == expected)
    }

    static let durationCases: [(Double, String)] = [
        (0.0, "0 s"), (-5, "0 s"), (0.42, "0.4 s"), (1, "1 s"), (45.4, "45 s"), (60, "1 min"), (200, "3 min 20 s"),
        (3599.6, "1 h"), (7500, "2 h 5 min"), (7200, "2 h"), (273_659, "3 d 4 h"),
    ]

    @Test(arguments: durationCases)
    func durations(seconds: Double, expected: String) {
        #expect(HumanFormat.duration(seconds) == expected)
    }

    @Test(arguments: [(0, "0"), (999, "999"), (1000, "1,000"), (1_234_567, "1,234,567"), (-45_000, "-45,000")])
    func counts(value: Int, expected: String) {
        #expect(HumanFormat.count(value) == expected)
    }

    /// 2024-03-05 13:02:09 UTC.
    let moment = Date(timeIntervalSince1970: 1_709_643_729)

    @Test func absoluteDatesInAZone() throws {
        let utc = Zone(identifier: "UTC")!
        let paris = try #require(Zone(identifier: "Europe/Paris"))
        let tokyo = try #require(Zone(identifier: "Asia/Tokyo"))
        #expect(HumanFormat.date(moment, timeZone: utc) == "2024-03-05 13:02")
        #expect(HumanFormat.date(moment, timeZone: paris) == "2024-03-05 14:02")
        #expect(HumanFormat.date(moment, timeZone: tokyo) == "2024-03-05 22:02")
        #expect(HumanFormat.day(moment, timeZone: tokyo) == "2024-03-05")
        #expect(HumanFormat.iso8601(moment, timeZone: utc) == "2024-03-05T13:02:09Z")
        #expect(HumanFormat.iso8601(moment, timeZone: paris) == "2024-03-05T14:02:09+01:00")
        let newYork = try #require(Zone(identifier: "America/New_York"))
        #expect(HumanFormat.iso8601(moment, timeZone: newYork) == "2024-03-05T08:02:09-05:00")
    }

    @Test func relativeDates() throws {
        let paris = try #require(Zone(identifier: "Europe/Paris"))
        func relative(_ secondsAgo: TimeInterval) -> String {
            HumanFormat.relativeDate(moment.addingTimeInterval(-secondsAgo), now: moment, timeZone: paris)
        }
        #expect(relative(30) == "just now")
        #expect(relative(5 * 60 + 10) == "5 min ago")
        #expect(relative(3 * 3600 + 100) == "3 h ago")
        // Now is 14:02 in Paris: 16 hours ago is yesterday 22:02.
        #expect(relative(16 * 3600) == "yesterday 22:02")
        #expect(relative(10 * 86_400) == "2024-02-24 14:02")
        #expect(
            HumanFormat.relativeDate(moment.addingTimeInterval(600), now: moment, timeZone: paris) == "2024-03-05 14:12"
        )
    }

    @Test func userTimeZoneFromTZ() {
        // Foundation on Linux names UTC "GMT"; what matters is a zero offset with no DST.
        for environment in [[:], ["TZ": ""], ["TZ": "UTC"]] {
            let zone = HumanFormat.userTimeZone(environment: environment)
            #expect(
                zone.secondsFromGMT(for: moment) == 0
                    && zone.secondsFromGMT(for: moment.addingTimeInterval(180 * 86_400)) == 0)
        }
        #expect(HumanFormat.userTimeZone(environment: ["TZ": "Europe/Paris"]).identifier == "Europe/Paris")
        #expect(HumanFormat.userTimeZone(environment: ["TZ": ":Asia/Tokyo"]).identifier == "Asia/Tokyo")
        #expect(HumanFormat.userTimeZone(environment: ["TZ": "Not/AZone"]).secondsFromGMT() == 0)
    }

    /// The calendar arithmetic behind `iso8601` agrees with Foundation's Calendar, before 1970,
    /// across leap days and centuries, in zones east and west of UTC.
    @Test(arguments: ["UTC", "Europe/Paris", "America/St_Johns", "Asia/Kolkata", "Pacific/Kiritimati"])
    func iso8601MatchesFoundationsCalendar(zone: String) throws {
        let timeZone = try #require(Zone(identifier: zone))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: zone))
        var random = SystemRandomNumberGenerator()
        let fixed: [Int64] = [0, -1, 951_782_400, 951_868_799, 4_107_542_399, -2_208_988_800, 1_709_251_199]
        for seconds in fixed + (0..<300).map({ _ in Int64.random(in: -3_000_000_000...5_000_000_000, using: &random) })
        {
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d", parts.year!, parts.month!, parts.day!,
                parts.hour!, parts.minute!, parts.second!)
            #expect(HumanFormat.iso8601(date, timeZone: timeZone).hasPrefix(expected), "\(seconds) in \(zone)")
        }
    }
}
