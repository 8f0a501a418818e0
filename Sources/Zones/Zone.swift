import FoundationEssentials

/// A time zone: its name, and the offset from UTC it has at any instant.
///
/// Named zones are read from the system's time zone database (`/usr/share/zoneinfo`, or `TZDIR`), not
/// from ICU: FoundationEssentials' `TimeZone` knows only fixed offsets without swift-corelibs Foundation,
/// which links CoreFoundation and ICU into the executable, a cost the dynamic loader pays at every start
/// (issue 13).
public struct Zone: Sendable, Hashable {
    /// The name the zone was found by (`Europe/Paris`), or FoundationEssentials' for a fixed offset (`GMT`).
    public let identifier: String
    private let rules: ZoneRules

    private init(identifier: String, rules: ZoneRules) {
        self.identifier = identifier
        self.rules = rules
    }

    /// UTC, named `GMT` as FoundationEssentials names it.
    public static let utc = Zone(identifier: "GMT", rules: .fixed(0))

    /// A zone at a fixed offset east of UTC.
    public init?(secondsFromGMT seconds: Int) {
        guard let zone = TimeZone(secondsFromGMT: seconds) else { return nil }
        self.init(identifier: zone.identifier, rules: .fixed(Int32(seconds)))
    }

    /// The zone named `identifier`: `UTC`, `GMT` and `GMT+2`-like names as FoundationEssentials reads them,
    /// else an IANA name from the time zone database (`Europe/Paris`); nil when unknown.
    public init?(identifier: String) {
        self.init(identifier: identifier, database: nil)
    }

    /// The zone named `identifier`, its rules read from the database in the folder `database` (the tests' copy of
    /// one version of it); nil: the system's.
    init?(identifier: String, database: String?) {
        if let offset = Self.offset(ofGMTName: identifier) {
            self.init(secondsFromGMT: offset)
            return
        }
        guard let rules = ZoneRules.database(named: Self.icuLegacyNames[identifier] ?? identifier, in: database)
        else { return nil }
        self.init(identifier: identifier, rules: rules)
    }

    /// The three-letter names ICU (and so Foundation) reads as zones, which the database does not have
    /// (`EST`, `MST`, `HST`, `CET` it has): ICU's `BST` is Bangladesh, not British summer time.
    static let icuLegacyNames = [
        "ACT": "Australia/Darwin", "AET": "Australia/Sydney", "AGT": "America/Argentina/Buenos_Aires",
        "ART": "Africa/Cairo", "AST": "America/Anchorage", "BET": "America/Sao_Paulo", "BST": "Asia/Dhaka",
        "CAT": "Africa/Harare", "CNT": "America/St_Johns", "CST": "America/Chicago", "CTT": "Asia/Shanghai",
        "EAT": "Africa/Addis_Ababa", "ECT": "Europe/Paris", "IET": "America/Indiana/Indianapolis",
        "IST": "Asia/Kolkata", "JST": "Asia/Tokyo", "MIT": "Pacific/Apia", "NET": "Asia/Yerevan",
        "NST": "Pacific/Auckland", "PLT": "Asia/Karachi", "PNT": "America/Phoenix", "PRT": "America/Puerto_Rico",
        "PST": "America/Los_Angeles", "SST": "Pacific/Guadalcanal", "VST": "Asia/Ho_Chi_Minh",
    ]

    /// The zone an abbreviation stands for (`CET`, `EST`, `PST`), by Foundation's table, or a fixed offset
    /// (`GMT+2`); nil when unknown.
    public init?(abbreviation: String) {
        if let name = TimeZone.abbreviationDictionary[abbreviation] {
            self.init(identifier: name)
        } else if let offset = Self.offset(ofGMTName: abbreviation) {
            self.init(secondsFromGMT: offset)
        } else {
            return nil
        }
    }

    /// The offset a `GMT` or `UTC` name gives, as ICU reads them: `GMT`, `UTC+2`, `GMT-0530`, `GMT+5:30`;
    /// at most 18 hours; nil for any other name.
    static func offset(ofGMTName name: String) -> Int? {
        guard name.hasPrefix("GMT") || name.hasPrefix("UTC") else { return nil }
        let rest = Array(name.utf8.dropFirst(3))
        guard let sign = rest.first else { return 0 }
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let body = rest.dropFirst()
        guard !body.isEmpty, body.allSatisfy({ $0 == UInt8(ascii: ":") || ($0 >= 0x30 && $0 <= 0x39) }) else {
            return nil
        }
        let number = { (digits: ArraySlice<UInt8>) in digits.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let parts = body.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
        var seconds: Int
        if parts.count == 2 {
            // ICU adds the minutes of `hh:mm` whatever their value (`GMT+02:61` is 3:01).
            guard (1...2).contains(parts[0].count), parts[1].count == 2 else { return nil }
            seconds = number(parts[0]) * 3600 + number(parts[1]) * 60
        } else if parts.count == 1, (1...2).contains(body.count) {
            seconds = number(body) * 3600
        } else if parts.count == 1, body.count == 4, number(body.suffix(2)) < 60 {
            seconds = number(body.prefix(2)) * 3600 + number(body.suffix(2)) * 60
        } else {
            return nil
        }
        guard seconds <= 18 * 3600 else { return nil }
        if sign == UInt8(ascii: "-") { seconds = -seconds }
        return seconds
    }

    /// The zone's offset from UTC at `date`, in seconds east, daylight saving time included.
    public func secondsFromGMT(for date: Date) -> Int {
        Int(rules.offset(at: Int64(date.timeIntervalSince1970.rounded(.down))))
    }

    /// The zone's offset from UTC now.
    public func secondsFromGMT() -> Int { secondsFromGMT(for: Date()) }

    /// The zone's offset from UTC at `seconds` since 1970.
    public func secondsFromGMT(atEpoch seconds: Int64) -> Int { Int(rules.offset(at: seconds)) }

    /// Zones are equal when they have the same name, as Foundation's `TimeZone`s are.
    public static func == (lhs: Zone, rhs: Zone) -> Bool { lhs.identifier == rhs.identifier }

    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
