import FoundationEssentials
import Zones

/// Turns message timestamps into local days and hours of the user's time zone.
///
/// `TimeZone.secondsFromGMT(for:)` is slow enough to matter over 100,000 messages, and offsets only
/// change on quarter-hour boundaries, so offsets are cached per 15-minute slot.
struct LocalClock {
    let timeZone: Zone
    private var cache: [Int64: Int32] = [:]

    init(timeZone: Zone) { self.timeZone = timeZone }

    /// Seconds since 1970 as the wall clock of `timeZone` reads them.
    mutating func localSeconds(_ epoch: Int64) -> Int64 {
        let slot = epoch >= 0 ? epoch / 900 : (epoch - 899) / 900
        if let offset = cache[slot] { return epoch + Int64(offset) }
        let offset = Int32(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(slot * 900))))
        cache[slot] = offset
        return epoch + Int64(offset)
    }

    /// The local day number (days since 1970-01-01) of an instant.
    mutating func dayNumber(_ epoch: Int64) -> Int {
        let local = localSeconds(epoch)
        return Int(local >= 0 ? local / 86400 : (local - 86399) / 86400)
    }

    /// Local weekday (0 = Monday) and hour of an instant.
    mutating func weekdayHour(_ epoch: Int64) -> (weekday: Int, hour: Int) {
        let local = localSeconds(epoch)
        let day = local >= 0 ? local / 86400 : (local - 86399) / 86400
        let secondOfDay = local - day * 86400
        return (CalendarDay.weekday(ofDayNumber: Int(day)), Int(secondOfDay / 3600))
    }
}
