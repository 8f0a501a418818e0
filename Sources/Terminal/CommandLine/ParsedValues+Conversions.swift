import FoundationEssentials
import Zones

extension ParsedValues {
    /// The value as a case of a string-backed enum (`--sort relevance|date`); nil when absent; a
    /// `UsageError` listing the accepted values otherwise.
    ///
    /// Declare the same values as the option's `allowedValues` so help lists them and the parser
    /// rejects others early; this getter then only converts.
    public func choice<Choice: RawRepresentable & CaseIterable>(_ name: String, as type: Choice.Type) throws -> Choice?
    where Choice.RawValue == String {
        guard let text = string(name) else { return nil }
        guard let value = Choice(rawValue: text) else {
            let accepted = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw invalid(name, text, "must be one of: \(accepted)")
        }
        return value
    }

    /// Like `choice(_:as:)` for an option declared with a default: never nil.
    public func declaredChoice<Choice: RawRepresentable & CaseIterable>(_ name: String, as type: Choice.Type) throws
        -> Choice
    where Choice.RawValue == String {
        guard let value = try choice(name, as: type) else { preconditionFailure("'\(name)' has no declared default") }
        return value
    }

    /// The value as a day written `YYYY-MM-DD` (or `YYYY/MM/DD`), returned as the start of that
    /// day in `timeZone`; nil when absent; a `UsageError` when not a real date.
    ///
    /// Used for `--since` / `--until`, which are days in the user's time zone
    /// (`HumanFormat.userTimeZone()`).
    public func day(_ name: String, timeZone: Zone) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = Self.startOfDay(text, timeZone: timeZone) else {
            throw invalid(name, text, "is not a date written YYYY-MM-DD")
        }
        return date
    }

    /// Start of the day `text` (`YYYY-MM-DD` or `YYYY/MM/DD`) in `timeZone`, or nil.
    static func startOfDay(_ text: String, timeZone: Zone) -> Date? {
        let separator: Character = text.contains("/") ? "/" : "-"
        let parts = text.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) })
        else { return nil }
        // The day is checked and counted in UTC (FoundationEssentials' calendar), then placed in the zone.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let components = DateComponents(year: year, month: month, day: day)
        // Reject 2024-02-30 and the like instead of letting the calendar roll them over.
        guard components.isValidDate(in: calendar), let midnight = calendar.date(from: components) else { return nil }
        let start = timeZone.startOfDay(utcMidnight: Int64(midnight.timeIntervalSince1970))
        return Date(timeIntervalSince1970: TimeInterval(start))
    }
}
