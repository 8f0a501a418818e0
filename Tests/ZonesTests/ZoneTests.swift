import Foundation
import Testing

@testable import Zones

/// `Zone` gives the offsets Foundation's ICU `TimeZone` gives, from the database's transitions and past them.
@Suite struct ZoneTests {
    static let names = [
        "Europe/Paris", "America/New_York", "Australia/Lord_Howe", "America/Nuuk", "Asia/Kolkata", "Pacific/Chatham",
        "America/Sao_Paulo", "Europe/Dublin", "Asia/Tehran", "Pacific/Auckland", "America/St_Johns", "CET", "EST",
        "America/Havana", "America/Santiago", "Asia/Gaza", "Asia/Amman", "Africa/Casablanca", "Antarctica/Troll",
        "PST", "BST", "IST",
    ]

    /// The database version of `database`, the copy the comparisons with ICU read: the system's may be another
    /// version than the toolchain's ICU (a fresh Debian 12 has 2026f, ICU 2025b), and their rules differ.
    static let version = "2025b"
    static let database = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/zoneinfo-\(version)").path

    @Test func theCopyIsTheVersionICUHas() {
        #expect(
            TimeZone.timeZoneDataVersion == Self.version,
            "the toolchain's ICU has zone data \(TimeZone.timeZoneDataVersion): copy that version's files into Fixtures")
    }

    @Test(arguments: names)
    func offsetsMatchFoundation(_ name: String) throws {
        let zone = try #require(Zone(identifier: name, database: Self.database))
        let reference = try #require(TimeZone(identifier: name))
        #expect(zone.identifier == reference.identifier)
        // Every hour from 1971 to 2070: through the files' transitions (to 2037) and their footers' rules.
        var mismatches: [String] = []
        for t in stride(from: Int64(31_536_000), to: 3_155_760_000, by: 3_600) {
            let date = Date(timeIntervalSince1970: TimeInterval(t))
            let ours = zone.secondsFromGMT(for: date)
            let theirs = reference.secondsFromGMT(for: date)
            if ours != theirs, mismatches.count < 5 { mismatches.append("\(date): \(ours) against \(theirs)") }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches)")
    }

    /// Every day's first instant from 1971 to 2069, as Foundation's gregorian calendar places it: where
    /// midnight happens twice, and where it does not happen at all (Havana, Santiago, Asunción).
    @Test(arguments: [
        "America/Havana", "America/Santiago", "America/Asuncion", "Europe/Paris", "Asia/Gaza", "Asia/Amman",
    ])
    func daysStartWhereFoundationStartsThem(_ name: String) throws {
        let zone = try #require(Zone(identifier: name, database: Self.database))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: name))
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(secondsFromGMT: 0)!
        var mismatches: [String] = []
        for day in Int64(365)..<36_500 {
            let midnight = day * 86_400
            let parts = utc.dateComponents(
                [.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(midnight)))
            let expected = try #require(calendar.date(from: parts)).timeIntervalSince1970
            let ours = zone.startOfDay(utcMidnight: midnight)
            if TimeInterval(ours) != expected, mismatches.count < 5 {
                mismatches.append("\(parts): \(ours) against \(expected)")
            }
        }
        #expect(mismatches.isEmpty, "\(name): \(mismatches)")
    }

    @Test(arguments: [
        "UTC", "GMT", "GMT+2", "GMT-0530", "Europe/Nowhere", "../etc/passwd", "", "/etc/localtime", "localtime",
        "posixrules", "Etc/UTC", "US/Eastern", "utc", "GMT+18", "GMT+19", "GMT+02:61", "GMT+0260", "GMT+0230",
        "UTC-0530",
        "GMT+1:30", "GMT+230", "UTC+0", "GMT-0", "GMT+", "gmt+2", "GMT0", "Etc/GMT-3",
    ])
    func namesResolveAsFoundationResolvesThem(_ name: String) {
        let ours = Zone(identifier: name)
        let theirs = TimeZone(identifier: name)
        #expect(ours?.identifier == theirs?.identifier)
        #expect(ours?.secondsFromGMT(for: Date()) == theirs?.secondsFromGMT(for: Date()))
    }

    @Test(arguments: ["PST", "EST", "CET", "JST", "BST", "XYZ", "GMT+2", "UTC", "IST", "CEST", "GMT+0"])
    func abbreviationsMapAsFoundationMapsThem(_ abbreviation: String) {
        let ours = Zone(abbreviation: abbreviation)
        let theirs = TimeZone(abbreviation: abbreviation)
        #expect(ours?.secondsFromGMT(for: Date()) == theirs?.secondsFromGMT(for: Date()))
        #expect(ours?.identifier == theirs?.identifier)
    }
}
