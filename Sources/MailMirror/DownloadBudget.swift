import FoundationEssentials
import TextBasics

/// Bytes downloaded per UTC day for one account, kept in `accounts/<name>/budget` so that
/// Gmail's ~2,500 MB/day IMAP limit is respected across runs (cron runs every few minutes).
final class DownloadBudget {
    private let url: URL
    private let limit: Int64?
    private(set) var day: String
    private(set) var used: Int64

    init(url: URL, limit: Int64?, now: Date = Date()) {
        self.url = url
        self.limit = limit
        let today = Self.utcDay(now)
        self.day = today
        self.used = 0
        if let text = try? String(contentsOf: url, encoding: .utf8) {
            var storedDay = ""
            var storedUsed: Int64 = 0
            for line in text.split(separator: "\n") {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmed(.whitespaces) }
                guard parts.count == 2 else { continue }
                if parts[0] == "day" { storedDay = parts[1] }
                if parts[0] == "bytes" { storedUsed = Int64(parts[1]) ?? 0 }
            }
            if storedDay == today { used = storedUsed }
        }
    }

    var remaining: Int64? { limit.map { max(0, $0 - used) } }
    var limitBytes: Int64? { limit }

    func allows(_ bytes: Int) -> Bool {
        guard let remaining else { return true }
        return Int64(bytes) <= remaining
    }

    func spend(_ bytes: Int) { used += Int64(bytes) }

    func save() throws {
        try StateFile.write(Data("day: \(day)\nbytes: \(used)\n".utf8), to: url)
    }

    static func utcDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return DayStamp(year: parts.year!, month: parts.month!, day: parts.day!).description
    }
}
