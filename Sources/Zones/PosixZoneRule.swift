/// A POSIX `TZ` rule, as a TZif footer gives it for the years after the file's last transition:
/// `CET-1CEST,M3.5.0,M10.5.0/3` (standard offset, daylight offset, the days and times they switch).
/// Only the `Mm.w.d` day form is read, the one the database uses; a rule with another form, or none,
/// keeps the standard offset.
struct PosixZoneRule: Sendable {
    /// Offsets east of UTC (POSIX writes them west: `CET-1` is UTC+1).
    let standard: Int32
    let daylight: Int32?
    let start: Switch?
    let end: Switch?

    /// One switch: month, week (5 is the last), weekday (0 is Sunday), and local time in seconds.
    struct Switch: Sendable {
        let month, week, weekday: Int
        let time: Int64
    }

    init?(_ text: String) {
        var scanner = Scanner(Array(text.utf8))
        guard scanner.name(), let standardWest = scanner.offset() else { return nil }
        standard = Int32(-standardWest)
        guard !scanner.atEnd else {
            (daylight, start, end) = (nil, nil, nil)
            return
        }
        guard scanner.name() else { return nil }
        let daylightWest = scanner.peek == UInt8(ascii: ",") ? standardWest - 3600 : scanner.offset()
        guard let daylightWest else { return nil }
        daylight = Int32(-daylightWest)
        if scanner.take(","), let first = scanner.switchRule(), scanner.take(","), let second = scanner.switchRule() {
            (start, end) = (first, second)
        } else {
            (start, end) = (nil, nil)
        }
    }

    /// The offset at `t` seconds since 1970.
    func offset(at t: Int64) -> Int32 {
        guard let daylight, let start, let end else { return standard }
        let year = Civil.year(ofDay: Civil.floorDiv(t + Int64(standard), 86_400))
        let starts = instant(start, year: year) - Int64(standard)
        let ends = instant(end, year: year) - Int64(daylight)
        let inDaylight = starts < ends ? (t >= starts && t < ends) : !(t >= ends && t < starts)
        return inDaylight ? daylight : standard
    }

    /// Local seconds since 1970 (wall clock, not yet shifted to UTC) of a switch in `year`.
    private func instant(_ rule: Switch, year: Int64) -> Int64 {
        let first = Civil.days(year: year, month: rule.month, day: 1)
        // 1970-01-01 was a Thursday (weekday 4).
        let firstWeekday = Int((first % 7 + 7 + 4) % 7)
        var day = 1 + (rule.weekday - firstWeekday + 7) % 7 + 7 * (rule.week - 1)
        let length = Civil.daysIn(month: rule.month, year: year)
        while day > length { day -= 7 }
        return (first + Int64(day - 1)) * 86_400 + rule.time
    }

    /// Reads the parts of a rule.
    private struct Scanner {
        let bytes: [UInt8]
        var at = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { at >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[at] }

        mutating func take(_ character: Character) -> Bool {
            guard let peek, peek == character.asciiValue else { return false }
            at += 1
            return true
        }

        /// A zone abbreviation: letters, or anything between `<` and `>`.
        mutating func name() -> Bool {
            if take("<") {
                while let peek, peek != UInt8(ascii: ">") { at += 1 }
                return take(">")
            }
            let begin = at
            while let peek, (peek | 0x20) >= UInt8(ascii: "a"), (peek | 0x20) <= UInt8(ascii: "z") { at += 1 }
            return at - begin >= 3
        }

        /// `[+-]hh[:mm[:ss]]` in seconds.
        mutating func offset() -> Int64? {
            var sign: Int64 = 1
            if take("-") { sign = -1 } else { _ = take("+") }
            guard let time = time() else { return nil }
            return sign * time
        }

        mutating func time() -> Int64? {
            guard let hours = number() else { return nil }
            var seconds = hours * 3600
            if take(":") {
                guard let minutes = number() else { return nil }
                seconds += minutes * 60
                if take(":") {
                    guard let rest = number() else { return nil }
                    seconds += rest
                }
            }
            return seconds
        }

        mutating func number() -> Int64? {
            let begin = at
            var value: Int64 = 0
            while let peek, peek >= UInt8(ascii: "0"), peek <= UInt8(ascii: "9") {
                value = value * 10 + Int64(peek - UInt8(ascii: "0"))
                at += 1
            }
            return at > begin ? value : nil
        }

        /// `Mm.w.d[/time]`, the time defaulting to 02:00.
        mutating func switchRule() -> Switch? {
            guard take("M"), let month = number(), take("."), let week = number(), take("."), let weekday = number(),
                (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday)
            else { return nil }
            var time: Int64 = 7200
            if take("/") {
                guard let value = offset() else { return nil }
                time = value
            }
            return Switch(month: Int(month), week: Int(week), weekday: Int(weekday), time: time)
        }
    }
}
