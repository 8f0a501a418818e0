/// One row of the volume table: a day, an ISO week or a month, as a range of local day numbers.
struct Period: Hashable, Comparable {
    /// `YYYY-MM-DD`, `YYYY-Www` or `YYYY-MM`.
    let key: String
    let firstDay: Int
    let lastDay: Int

    static func < (lhs: Period, rhs: Period) -> Bool { lhs.firstDay < rhs.firstDay }

    /// The period of `granularity` holding `dayNumber`.
    static func containing(_ dayNumber: Int, _ granularity: Granularity) -> Period {
        let day = CalendarDay(dayNumber: dayNumber)
        switch granularity {
        case .day:
            return Period(key: day.description, firstDay: dayNumber, lastDay: dayNumber)
        case .week:
            let monday = dayNumber - day.weekday
            let iso = day.isoWeek
            return Period(key: "\(pad(iso.year, 4))-W\(pad(iso.week, 2))", firstDay: monday, lastDay: monday + 6)
        case .month:
            let first = CalendarDay(year: day.year, month: day.month, day: 1).dayNumber
            let count = CalendarDay.daysIn(month: day.month, year: day.year)
            return Period(key: "\(pad(day.year, 4))-\(pad(day.month, 2))", firstDay: first, lastDay: first + count - 1)
        }
    }

    /// Every period touching the days `first...last`, in order (empty periods included).
    static func covering(first: Int, last: Int, _ granularity: Granularity) -> [Period] {
        guard first <= last else { return [] }
        var periods: [Period] = []
        var day = first
        while day <= last {
            let period = containing(day, granularity)
            periods.append(period)
            day = period.lastDay + 1
        }
        return periods
    }
}
