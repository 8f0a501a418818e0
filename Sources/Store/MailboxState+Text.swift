import MailCore
import Zones

extension MailboxState {
    static let knownKeys: Set<String> = [
        "uidvalidity", "uidnext", "highestmodseq", "messages", "last-sync", "complete", "server-messages",
        "cur-modified",
    ]

    /// The text of a state file. Throws when an extra key or value could not be read back.
    func text(path: String) throws -> String {
        var lines = ["# mailmirror mailbox state (written by sync; safe to read with cat)"]
        lines.append("uidvalidity: \(uidValidity.rawValue)")
        lines.append("uidnext: \(uidNext.rawValue)")
        if let highestModSeq { lines.append("highestmodseq: \(highestModSeq.rawValue)") }
        lines.append("messages: \(messages)")
        if let lastSync { lines.append("last-sync: \(ISO8601.format(lastSync))") }
        lines.append("complete: \(complete ? "yes" : "no")")
        if let serverMessages { lines.append("server-messages: \(serverMessages)") }
        if let curModified { lines.append("cur-modified: \(curModified)") }
        for key in extra.keys.sorted() {
            let value = extra[key]!
            let keyIsSafe =
                !key.isEmpty
                && key.utf8.allSatisfy {
                    (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0)
                        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                        || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".")
                }
            guard keyIsSafe, !Self.knownKeys.contains(key),
                !value.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }), value == value.trimmedSpaces
            else {
                throw StoreError(
                    .invalidName, path: path,
                    message:
                        "The state key \"\(key)\" or its value cannot be written to \(path): keys are lower-case [a-z0-9._-], values one line without leading or trailing spaces."
                )
            }
            lines.append("\(key): \(value)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Parses a state file; any line that does not fit is a `.damagedState` error naming it.
    init(text: String, path: String) throws {
        func damaged(_ why: String) -> StoreError {
            StoreError(
                .damagedState, path: path,
                message:
                    "The state file \(path) is damaged (\(why)). `mailmirror sync` rebuilds it from the stored messages."
            )
        }
        guard text.hasSuffix("\n") else { throw damaged("it does not end with a newline, so it was cut short") }
        var fields: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let colon = line.firstIndex(of: ":") else {
                throw damaged("line \(number + 1) has no \"key: value\"")
            }
            let key = String(line[..<colon]).trimmedSpaces
            let value = String(line[line.index(after: colon)...]).trimmedSpaces
            guard !key.isEmpty, !key.contains(" ") else { throw damaged("line \(number + 1) has no key") }
            guard fields[key] == nil else { throw damaged("the key \"\(key)\" appears twice") }
            fields[key] = value
        }
        func number<T: FixedWidthInteger>(_ key: String, _: T.Type) throws -> T? {
            guard let value = fields[key] else { return nil }
            guard let parsed = T(value) else { throw damaged("\"\(key)\" is not a number: \"\(value)\"") }
            return parsed
        }
        guard let validity = try number("uidvalidity", UInt32.self), validity != 0 else {
            throw damaged("no valid uidvalidity")
        }
        guard let next = try number("uidnext", UInt32.self), next != 0 else { throw damaged("no valid uidnext") }
        guard let messages = try number("messages", Int.self), messages >= 0 else {
            throw damaged("no valid messages count")
        }
        let modSeq = try number("highestmodseq", UInt64.self)
        var lastSync: Int64?
        if let value = fields["last-sync"] {
            guard let seconds = ISO8601.parse(value) ?? Int64(value) else {
                throw damaged("\"last-sync\" is not a date: \"\(value)\"")
            }
            lastSync = seconds
        }
        self.init(
            uidValidity: UIDValidity(validity), uidNext: UID(next),
            highestModSeq: modSeq.map { ModSequence(rawValue: $0) },
            messages: messages, lastSync: lastSync, complete: fields["complete"] != "no",
            // Lenient, as before these were typed: a count that does not read is unknown.
            serverMessages: fields["server-messages"].flatMap { Int($0) },
            // Lenient too: a stamp that does not read only costs a listing.
            curModified: fields["cur-modified"].flatMap { Int64($0) },
            extra: fields.filter { !Self.knownKeys.contains($0.key) })
    }
}

/// UTC timestamps written `2026-11-25T18:24:29Z`, without Foundation's formatters.
enum ISO8601 {
    static func format(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400
        let rest = seconds - days * 86400
        let (year, month, day) = Civil.date(ofDay: days)
        func two<N: BinaryInteger>(_ value: N) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let yearText =
            year >= 0 && year < 1000
            ? String(repeating: "0", count: 4 - String(year).count) + String(year) : String(year)
        return "\(yearText)-\(two(month))-\(two(day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    /// Parses `YYYY-MM-DDTHH:MM:SSZ` (also with `+HH:MM` / `-HH:MM`).
    static func parse(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func field(_ start: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[start..<start + length] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = field(0, 4), let month = field(5, 2), let day = field(8, 2), let hour = field(11, 2),
            let minute = field(14, 2), let second = field(17, 2), (1...12).contains(month), (1...31).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }
        var offset: Int64 = 0
        let zone = bytes[19...]
        if zone.count == 1 && zone.first == UInt8(ascii: "Z") {
            offset = 0
        } else if zone.count == 6, let sign = zone.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let oh = field(20, 2), let om = field(23, 2)
        {
            offset = (oh * 3600 + om * 60) * (sign == UInt8(ascii: "+") ? 1 : -1)
        } else {
            return nil
        }
        let days = Civil.days(year: year, month: Int(month), day: Int(day))
        return days * 86400 + hour * 3600 + minute * 60 + second - offset
    }
}

extension String {
    var trimmedSpaces: String {
        var slice = Substring(self)
        while let first = slice.first, first == " " || first == "\t" || first == "\r" { slice.removeFirst() }
        while let last = slice.last, last == " " || last == "\t" || last == "\r" { slice.removeLast() }
        return String(slice)
    }
}
