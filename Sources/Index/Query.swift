import Zones

/// A parsed search query (Gmail's language), before dates are resolved against a time zone.
public indirect enum Query: Equatable, Sendable {
    /// Every message (the empty query, `in:anywhere`).
    case all
    case and([Query])
    case or([Query])
    case not(Query)
    /// A word as typed; the analyzer turns it into terms (several terms make a phrase).
    case word(TextField, String)
    /// An exact phrase, as typed.
    case phrase(TextField, String)
    /// `label:` (normalised: folded, non-alphanumerics as `-`).
    case label(String)
    /// `in:` — the mailbox or a Gmail label (normalised like labels).
    case mailbox(String)
    /// `after:` (inclusive) and `before:` (exclusive), days in the user's time zone.
    case after(Day)
    case before(Day)
    /// `after:` / `before:` given as seconds since 1970 (Gmail accepts both).
    case afterTime(Int64)
    case beforeTime(Int64)
    case olderThan(Age)
    case newerThan(Age)
    case hasAttachment
    case `is`(MessageState)
    case thread(String)
    /// `rfc822msgid:`, without angle brackets, lower-cased.
    case messageId(String)
}

/// Which text fields a word or phrase is looked for in.
public enum TextField: String, Sendable, CaseIterable {
    case any, from, to, cc, subject, body, filename
}

/// The `is:` values.
public enum MessageState: String, Sendable, CaseIterable {
    case reply, inbound, outbound, unread, read, starred
}

/// A calendar day, as written in `after:` and `before:`.
public struct Day: Equatable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (proleptic Gregorian).
    public var daysSinceEpoch: Int64 { Civil.days(year: Int64(year), month: month, day: day) }

    public var description: String {
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(year)-\(m)-\(d)"
    }
}

/// An age for `older_than:` / `newer_than:`: days, weeks, months (30 days) or years (365 days).
public struct Age: Equatable, Sendable {
    public enum Unit: Character, Sendable {
        case day = "d"
        case week = "w"
        case month = "m"
        case year = "y"
    }
    public var count: Int
    public var unit: Unit

    public init(count: Int, unit: Unit) {
        self.count = count
        self.unit = unit
    }

    public var seconds: Int64 {
        let day: Int64 = 86_400
        switch unit {
        case .day: return Int64(count) * day
        case .week: return Int64(count) * 7 * day
        case .month: return Int64(count) * 30 * day
        case .year: return Int64(count) * 365 * day
        }
    }
}
