import FoundationEssentials
import Zones

/// Numbers, sizes, durations and dates written for people, the same way everywhere.
///
/// Deterministic: no locale is consulted (a thousands separator is always ",", a decimal point
/// always "."), so output and golden files do not change with the machine's settings.
public enum HumanFormat {
    /// A size in decimal units with one decimal: `512 B`, `1.5 KB`, `12.0 MB`, `2.3 GB`, `1.1 TB`.
    ///
    /// 1 KB = 1,000 bytes (SI), the unit Gmail's bandwidth limits are stated in.
    public static func bytes(_ count: Int64) -> String {
        if count < 0 { return "-" + bytes(count == Int64.min ? Int64.max : -count) }
        if count < 1000 { return "\(count) B" }
        let units = ["KB", "MB", "GB", "TB", "PB", "EB"]
        var value = Double(count) / 1000
        var unit = 0
        // Move up while the rounded figure would read 1000.0 or more ("1000.0 KB" → "1.0 MB").
        while (value * 10).rounded() >= 10_000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return oneDecimal(value) + " " + units[unit]
    }

    /// `bytes(_:)` for an `Int`.
    public static func bytes(_ count: Int) -> String { bytes(Int64(count)) }

    /// A duration with its two largest units: `0.4 s`, `45 s`, `3 min 20 s`, `2 h 5 min`, `3 d 4 h`.
    ///
    /// Under a second shows one decimal; otherwise whole seconds (rounded). A zero second unit is
    /// left out (`3 min`, `2 h`). Negative durations are shown as zero.
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else { return "0 s" }
        if seconds < 0.95 { return oneDecimal(seconds) + " s" }
        let total = Int(seconds.rounded())
        let days = total / 86_400
        let hours = (total % 86_400) / 3600
        let minutes = (total % 3600) / 60
        let secs = total % 60
        func pair(_ major: Int, _ majorUnit: String, _ minor: Int, _ minorUnit: String) -> String {
            minor == 0 ? "\(major) \(majorUnit)" : "\(major) \(majorUnit) \(minor) \(minorUnit)"
        }
        if days > 0 { return pair(days, "d", hours, "h") }
        if hours > 0 { return pair(hours, "h", minutes, "min") }
        if minutes > 0 { return pair(minutes, "min", secs, "s") }
        return "\(secs) s"
    }

    /// An integer with thousands separators: `1,234,567`.
    public static func count(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return value < 0 ? "-" + grouped : grouped
    }

    /// `date` in `timeZone` as `2024-03-05 14:02`.
    public static func date(_ date: Date, timeZone: Zone) -> String {
        let parts = components(date, timeZone)
        return
            "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!)) \(pad(parts.hour!)):\(pad(parts.minute!))"
    }

    /// `date` in `timeZone` as a day, `2024-03-05`.
    public static func day(_ date: Date, timeZone: Zone) -> String {
        let parts = components(date, timeZone)
        return "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!))"
    }

    /// `date` in `timeZone` as ISO 8601 with its offset, `2024-03-05T14:02:09+01:00`
    /// (`Z` for UTC), the form `--json` output uses.
    public static func iso8601(_ date: Date, timeZone: Zone) -> String {
        let parts = components(date, timeZone)
        let offset = timeZone.secondsFromGMT(for: date)
        var zone = "Z"
        if offset != 0 {
            let magnitude = abs(offset)
            zone = (offset < 0 ? "-" : "+") + pad(magnitude / 3600) + ":" + pad((magnitude % 3600) / 60)
        }
        return "\(pad(parts.year!, 4))-\(pad(parts.month!))-\(pad(parts.day!))T"
            + "\(pad(parts.hour!)):\(pad(parts.minute!)):\(pad(parts.second!))" + zone
    }

    /// `date` relative to `now` for recent moments, absolute otherwise:
    /// `just now` (under a minute), `5 min ago`, `3 h ago` (same day or under 12 hours),
    /// `yesterday 14:02`, then `2024-03-05 14:02`. Future dates are shown absolute.
    public static func relativeDate(_ date: Date, now: Date, timeZone: Zone) -> String {
        let elapsed = now.timeIntervalSince(date)
        guard elapsed >= 0 else { return self.date(date, timeZone: timeZone) }
        if elapsed < 60 { return "just now" }
        if elapsed < 3600 { return "\(Int(elapsed / 60)) min ago" }
        if elapsed < 12 * 3600 || day(date, timeZone: timeZone) == day(now, timeZone: timeZone) {
            return "\(Int(elapsed / 3600)) h ago"
        }
        let yesterday = day(now.addingTimeInterval(-86_400), timeZone: timeZone)
        if day(date, timeZone: timeZone) == yesterday {
            let parts = components(date, timeZone)
            return "yesterday \(pad(parts.hour!)):\(pad(parts.minute!))"
        }
        return self.date(date, timeZone: timeZone)
    }

    /// The user's time zone: `TZ` (an IANA name such as `Europe/Paris`, with or without a leading
    /// `:`, or an abbreviation such as `UTC`), and UTC when `TZ` is unset, empty or unknown.
    public static func userTimeZone(
        environment: [String: String] = ProcessEnvironment.current()
    ) -> Zone {
        userTimeZoneIfSet(environment: environment) ?? Zone.utc
    }

    /// `userTimeZone(environment:)`, but nil when `TZ` is unset or empty (UTC): for a caller that
    /// needs no `Zone` value in UTC (a search building none saves about 2% of its run).
    public static func userTimeZoneIfSet(environment: [String: String]) -> Zone? {
        guard var name = environment["TZ"], !name.isEmpty else { return nil }
        if name.hasPrefix(":") { name.removeFirst() }
        return Zone(identifier: name) ?? Zone(abbreviation: name) ?? Zone.utc
    }

    /// The wall-clock fields of `date` in `timeZone`, by arithmetic on the proleptic Gregorian
    /// calendar (days-from-civil, as in Howard Hinnant's date algorithms): a `Calendar` costs a
    /// per-process ICU set-up that dominated `search --json`'s run time for a few hundred dates.
    private static func components(_ date: Date, _ timeZone: Zone) -> DateComponents {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(timeZone.secondsFromGMT(for: date))
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let (year, month, day) = Civil.date(ofDay: days)
        return DateComponents(
            year: Int(year), month: month, day: day, hour: Int(seconds / 3600),
            minute: Int(seconds % 3600 / 60), second: Int(seconds % 60))
    }

    private static func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }
}
