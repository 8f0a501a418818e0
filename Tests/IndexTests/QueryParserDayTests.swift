import Foundation
import Testing

@testable import Index

/// `after:` / `before:` days are read from the bytes; they must be read exactly as the `Substring`
/// version that came before (kept here as the reference), quirks included (`Int` takes a sign).
struct QueryParserDayTests {
    static func reference(_ value: String) -> Day? {
        let parts = value.split(separator: value.contains("/") ? "/" : "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    @Test(arguments: [
        "2025-03-01", "2025/3/1", "2025-3-1", "2025/03/01", "2024-02-29", "2025-02-29", "2000-02-29", "1900-02-29",
        "2025-13-01", "2025-00-10", "2025-12-31", "2025-12-32", "2025-1-", "2025--1", "-2025-1-1", "2025-1-1-",
        "25-03-01", "02025-3-1", "2025-003-1", "2025-3-001", "2025/+3/+1", "+202/1/1", "-999/1/1", "2025/-1/1",
        "2025-+3-1", "2025/3-1", "2025-3/1", "2025/03/1/", "", "-", "//", "2025-03-0a", "2025-٣-01", "２０２５-1-1",
        "2025-1\r\n-1", "2025-\r\n-1", "2025-03-01 ", " 2025-03-01", "2025-3-1\u{301}", "2025/\u{301}3/1", "2025-/-1",
        "2025-+-1", "2025-+1-+1", "9999-12-31", "0000-01-01", "0004-02-29",
    ])
    func readAsBefore(_ value: String) {
        #expect(QueryParser.parseDay(value) == Self.reference(value), "\(value.debugDescription)")
    }

    @Test func everyShortAsciiStringIsReadAsBefore() {
        // Every string of up to 5 bytes over the bytes that matter, with 4 digits before the first.
        let alphabet = ["0", "1", "2", "9", "-", "/", "+", "a", " "]
        var checked = 0
        func visit(_ suffix: String, _ depth: Int) {
            for year in ["2024", "2025", "+202"] {
                let value = year + suffix
                #expect(QueryParser.parseDay(value) == Self.reference(value), "\(value.debugDescription)")
                checked += 1
            }
            guard depth < 5 else { return }
            for c in alphabet { visit(suffix + c, depth + 1) }
        }
        visit("", 0)
        #expect(checked > 100_000)
    }
}
