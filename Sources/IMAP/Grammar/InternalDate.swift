import Zones

/// INTERNALDATE text ↔ seconds since the Unix epoch (RFC 9051 `date-time`):
/// `"17-Jul-1996 02:44:25 -0700"` → 837596665.
public enum InternalDate {
    private static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]

    public static func parse(_ bytes: [UInt8]) -> Int64? {
        let text = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3 else { return nil }
        let dmy = parts[0].split(separator: "-")
        guard dmy.count == 3, let day = Int(dmy[0]), (1...31).contains(day),
            let monthIndex = months.firstIndex(of: dmy[1].uppercased()),
            dmy[2].count == 4, let year = Int(dmy[2]), year >= 1
        else { return nil }
        let hms = parts[1].split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]), let s = Int(hms[2]),
            (0...23).contains(h), (0...59).contains(m), (0...60).contains(s)
        else { return nil }
        let zone = Array(parts[2].utf8)
        guard zone.count == 5, zone[0] == UInt8(ascii: "+") || zone[0] == UInt8(ascii: "-"),
            let zh = Int(String(parts[2].dropFirst().prefix(2))), let zm = Int(String(parts[2].suffix(2)))
        else { return nil }
        let offset = (zh * 3600 + zm * 60) * (zone[0] == UInt8(ascii: "-") ? -1 : 1)
        let days = Civil.days(year: Int64(year), month: monthIndex + 1, day: day)
        return days * 86400 + Int64(h * 3600 + m * 60 + s) - Int64(offset)
    }

    /// Formats seconds as the server would (UTC), for fixtures and round-trips.
    public static func format(_ seconds: Int64) -> String {
        let days = Int(seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400)
        let rest = Int(seconds - Int64(days) * 86400)
        let (y, mo, d) = Civil.date(ofDay: Int64(days))
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return
            "\(two(d))-\(months[mo - 1].prefix(1))\(months[mo - 1].dropFirst().lowercased())-\(y) \(two(rest / 3600)):\(two(rest / 60 % 60)):\(two(rest % 60)) +0000"
    }
}

extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
