import Testing

@testable import Analytics

@Suite struct CalendarTests {
    @Test(arguments: [
        ("2020-12-31", "2020-W53"), ("2021-01-03", "2020-W53"), ("2021-01-04", "2021-W01"),
        ("2024-12-29", "2024-W52"), ("2024-12-30", "2025-W01"), ("2018-12-31", "2019-W01"),
        ("2016-01-03", "2015-W53"), ("2026-01-01", "2026-W01"), ("2027-01-01", "2026-W53"), ("2024-03-04", "2024-W10"),
    ])
    func isoWeeksAtYearBoundaries(day: String, week: String) throws {
        let parsed = try #require(CalendarDay(parsing: day))
        #expect(Period.containing(parsed.dayNumber, .week).key == week)
    }

    @Test func weekPeriodsRunMondayToSunday() throws {
        let period = Period.containing(try #require(CalendarDay(parsing: "2021-01-01")).dayNumber, .week)
        #expect(CalendarDay(dayNumber: period.firstDay).description == "2020-12-28")
        #expect(CalendarDay(dayNumber: period.lastDay).description == "2021-01-03")
    }

    @Test func dayNumbersRoundTrip() {
        for n in stride(from: -800_000, to: 800_000, by: 997) {
            #expect(CalendarDay(dayNumber: n).dayNumber == n)
        }
        #expect(CalendarDay(year: 1970, month: 1, day: 1).dayNumber == 0)
        #expect(CalendarDay(year: 2024, month: 2, day: 29).weekday == 3)
    }

    @Test(arguments: ["2024-02-30", "2023-02-29", "2024-13-01", "24-01-01", "2024-01", "hello"])
    func invalidDaysAreRejected(_ text: String) {
        #expect(CalendarDay(parsing: text) == nil)
    }

    @Test func monthPeriodsCoverLeapFebruary() throws {
        let period = Period.containing(try #require(CalendarDay(parsing: "2024-02-10")).dayNumber, .month)
        #expect(period.key == "2024-02")
        #expect(period.lastDay - period.firstDay + 1 == 29)
    }
}
