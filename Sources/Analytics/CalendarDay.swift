import Zones

/// A civil day (proleptic Gregorian), counted as days since 1970-01-01 for arithmetic.
public struct CalendarDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `YYYY-MM-DD` (or `YYYY/MM/DD`); nil when it is not a real day.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]),
            let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= CalendarDay.daysIn(month: m, year: y)
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// The day `number` days after 1970-01-01 (Hinnant's civil-from-days).
    public init(dayNumber number: Int) {
        let (year, month, day) = Civil.date(ofDay: Int64(number))
        self.init(year: Int(year), month: month, day: day)
    }

    /// Days since 1970-01-01 (Hinnant's days-from-civil).
    public var dayNumber: Int { Int(Civil.days(year: Int64(year), month: month, day: day)) }

    /// 0 = Monday … 6 = Sunday (ISO order).
    public var weekday: Int { CalendarDay.weekday(ofDayNumber: dayNumber) }

    static func weekday(ofDayNumber n: Int) -> Int { ((n + 3) % 7 + 7) % 7 }

    /// ISO 8601 week-numbering year and week (weeks start on Monday; week 1 holds the first Thursday).
    public var isoWeek: (year: Int, week: Int) {
        let n = dayNumber
        let thursday = CalendarDay(dayNumber: n - CalendarDay.weekday(ofDayNumber: n) + 3)
        let jan1 = CalendarDay(year: thursday.year, month: 1, day: 1).dayNumber
        return (thursday.year, (thursday.dayNumber - jan1) / 7 + 1)
    }

    public var description: String { "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))" }

    public static func < (lhs: CalendarDay, rhs: CalendarDay) -> Bool { lhs.dayNumber < rhs.dayNumber }

    static func daysIn(month: Int, year: Int) -> Int { Civil.daysIn(month: month, year: Int64(year)) }
}

/// Zero-padded decimal, independent of any locale.
func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    return value < 0 ? "-" + padded : padded
}
