/// RFC 5322 dates and the broken forms seen in real mail: missing weekday or seconds,
/// two-digit years, named and military zones, asctime order, ISO 8601, comments anywhere.
public enum DateParser {
    public static func parse(_ text: String) -> MIMEDate? {
        parse(Array(text.utf8))
    }

    public static func parse<Bytes: RandomAccessCollection>(_ raw: Bytes) -> MIMEDate?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes = HeaderSyntax.stripComments(raw)
        if let iso = parseISO(bytes) { return iso }
        return assemble(Fields(bytes.split { HeaderSyntax.isSpace($0) || $0 == UInt8(ascii: ",") }))
    }

    /// What the words of a date say, in whatever order they came: the bare numbers (day, year, maybe a
    /// numeric month) are told apart only once all are read, by `assemble`.
    struct Fields {
        var numbers = [Int]()
        var numberWidths = [Int]()
        var month: Int?
        var time: (Int, Int, Int)?
        var offset: Int32?

        init(_ tokens: [ArraySlice<UInt8>]) {
            for token in tokens { read(Array(token)) }
        }

        /// Takes one word: the first time-like word is the time, a sign word after it the zone, digits a
        /// number, a month name the month, a zone name after the time the zone; anything else is ignored.
        mutating func read(_ word: [UInt8]) {
            if word.contains(UInt8(ascii: ":")) && time == nil {
                if let parsed = DateParser.parseTime(word) {
                    time = parsed.time
                    if let zone = parsed.zone { offset = zone }
                    return
                }
            }
            if let first = word.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-"), word.count >= 2,
                time != nil, offset == nil
            {
                if let zone = DateParser.parseNumericZone(word) {
                    offset = zone
                    return
                }
            }
            if word.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                if word.count <= 9, let value = Int(String(decoding: word, as: UTF8.self)) {
                    numbers.append(value)
                    numberWidths.append(word.count)
                }
                return
            }
            let letters = word.map { $0 | 0x20 }
            // The last month-like word wins: French "mar." (mardi) comes before "juil.".
            if letters.count >= 3, let found = DateParser.monthNumber(letters) {
                month = found
                return
            }
            // "GMT+0100", "UTC-05:00": a named zone followed by a numeric offset.
            if time != nil, offset == nil,
                let sign = word.firstIndex(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }), sign > 0,
                let zone = DateParser.parseNumericZone(Array(word[sign...]).filter { $0 != UInt8(ascii: ":") })
            {
                offset = zone
                return
            }
            if time != nil, offset == nil, let zone = DateParser.namedZone(letters) {
                offset = zone
                return
            }
        }
    }

    /// The date the fields name, deciding which bare number is the day, the year and (with no month
    /// name) the month; nil without a time or with too few numbers.
    static func assemble(_ fields: Fields) -> MIMEDate? {
        let numbers = fields.numbers
        let numberWidths = fields.numberWidths
        let offset = fields.offset
        guard let (hour, minute, second) = fields.time else { return nil }
        var day: Int
        var year: Int
        var yearWidth: Int
        if let month = fields.month {
            guard numbers.count >= 2 else { return nil }
            // "1 Jul 2003" or asctime "Jul 1 ... 2003": the 4-digit (or > 31) one is the year.
            if numbers[0] > 31 || numberWidths[0] >= 3 {
                year = numbers[0]
                yearWidth = numberWidths[0]
                day = numbers[1]
            } else {
                day = numbers[0]
                year = numbers[1]
                yearWidth = numberWidths[1]
            }
            return build(
                year: year, yearWidth: yearWidth, month: month, day: day, hour: hour, minute: minute, second: second,
                offset: offset ?? 0)
        }
        // Numeric month: "20 11 79" (day month year) or "2003 7 1".
        guard numbers.count >= 3 else { return nil }
        if numberWidths[0] == 4 {
            year = numbers[0]
            yearWidth = 4
            day = numbers[2]
            return build(
                year: year, yearWidth: yearWidth, month: numbers[1], day: day, hour: hour, minute: minute,
                second: second, offset: offset ?? 0)
        }
        day = numbers[0]
        year = numbers[2]
        yearWidth = numberWidths[2]
        return build(
            year: year, yearWidth: yearWidth, month: numbers[1], day: day, hour: hour, minute: minute, second: second,
            offset: offset ?? 0)
    }

    static func build(
        year rawYear: Int, yearWidth: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int32
    ) -> MIMEDate? {
        var year = rawYear
        if yearWidth <= 2 { year += year < 50 ? 2000 : 1900 } else if yearWidth == 3 { year += 1900 }
        guard (1...12).contains(month), (1...31).contains(day), (0...24).contains(hour), (0...59).contains(minute),
            (0...60).contains(second), (1000...9999).contains(year)
        else { return nil }
        return MIMEDate(
            year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59),
            utcOffsetSeconds: offset)
    }

    static func parseTime(_ word: [UInt8]) -> (time: (Int, Int, Int), zone: Int32?)? {
        // "10:52:37", "10:52", "10:52:37+0200", "10:52:37.123Z"
        var fields = [Int]()
        var current = 0
        var digits = 0
        var index = 0
        while index < word.count {
            let byte = word[index]
            if byte >= 0x30 && byte <= 0x39 {
                current = current * 10 + Int(byte - 0x30)
                digits += 1
                if digits > 2 { return nil }
            } else if byte == UInt8(ascii: ":") {
                guard digits > 0 else { return nil }
                fields.append(current)
                current = 0
                digits = 0
            } else {
                break
            }
            index += 1
        }
        if digits > 0 { fields.append(current) }
        guard fields.count >= 2, fields.count <= 3 else { return nil }
        if index < word.count, word[index] == UInt8(ascii: ".") {
            index += 1
            while index < word.count, word[index] >= 0x30 && word[index] <= 0x39 { index += 1 }
        }
        var zone: Int32?
        if index < word.count {
            let rest = Array(word[index...])
            if let first = rest.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
                zone = parseNumericZone(rest)
            } else {
                zone = namedZone(rest.map { $0 | 0x20 })
            }
        }
        return ((fields[0], fields[1], fields.count > 2 ? fields[2] : 0), zone)
    }

    static func parseNumericZone(_ word: [UInt8]) -> Int32? {
        let sign: Int32 = word[0] == UInt8(ascii: "-") ? -1 : 1
        let digits = word.dropFirst().filter { $0 >= 0x30 && $0 <= 0x39 }.map { Int32($0 - 0x30) }
        guard !digits.isEmpty, digits.count <= 4 else { return nil }
        var hours: Int32
        var minutes: Int32 = 0
        switch digits.count {
        case 1: hours = digits[0]
        case 2: hours = digits[0] * 10 + digits[1]
        case 3:
            hours = digits[0] * 10 + digits[1]
            minutes = digits[2] * 10  // "-070"
        default:
            hours = digits[0] * 10 + digits[1]
            minutes = digits[2] * 10 + digits[3]
        }
        if digits.count == 3 {
            hours = digits[0] * 10 + digits[1]
            minutes = 0
        }
        guard hours <= 14, minutes < 60 else { return nil }
        return sign * (hours * 3600 + minutes * 60)
    }

    static let months: [[UInt8]] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        .map { Array($0.utf8) }
    /// Other spellings seen in mail from French and German clients.
    static let extraMonths: [(String, Int)] = [
        ("janv", 1), ("févr", 2), ("fevr", 2), ("mars", 3), ("avr", 4), ("mai", 5),
        ("juin", 6), ("juil", 7), ("août", 8), ("aout", 8), ("sept", 9), ("déc", 12),
        ("mär", 3), ("mrz", 3), ("okt", 10), ("dez", 12),
    ]

    static func monthNumber(_ letters: [UInt8]) -> Int? {
        let prefix = Array(letters.prefix(3))
        if let index = months.firstIndex(of: prefix) {
            // "Mon", "Mar" clash not possible; reject long words that only start with a month ("mayday").
            if letters.count == 3 || letters.count <= 9 { return index + 1 }
        }
        let word = String(decoding: letters, as: UTF8.self).trimmingDots()
        for (name, number) in extraMonths where word == name { return number }
        return nil
    }

    static func namedZone(_ letters: [UInt8]) -> Int32? {
        let word = String(decoding: letters.prefix { $0 >= 0x61 && $0 <= 0x7A }, as: UTF8.self)
        let hours: Int32?
        switch word {
        case "ut", "utc", "gmt", "z", "wet": hours = 0
        case "est": hours = -5
        case "edt": hours = -4
        case "cst": hours = -6
        case "cdt": hours = -5
        case "mst": hours = -7
        case "mdt": hours = -6
        case "pst": hours = -8
        case "pdt": hours = -7
        case "cet", "met", "bst", "west": hours = 1
        case "cest", "mest", "eet": hours = 2
        case "eest", "msk": hours = 3
        case "jst", "kst": hours = 9
        case "ist": return 19_800
        default:
            // est5edt and friends; military letters and unknown names count as UTC (RFC 5322 §4.3).
            if word.hasPrefix("est") {
                hours = -5
            } else if word.hasPrefix("cst") {
                hours = -6
            } else if word.hasPrefix("mst") {
                hours = -7
            } else if word.hasPrefix("pst") {
                hours = -8
            } else if !word.isEmpty && word.count <= 5 {
                hours = 0
            } else {
                hours = nil
            }
        }
        return hours.map { $0 * 3600 }
    }

    /// "2003-07-01T10:52:37+02:00", "2003-07-01 10:52:37Z".
    static func parseISO(_ bytes: [UInt8]) -> MIMEDate? {
        var index = 0
        while index < bytes.count, HeaderSyntax.isSpace(bytes[index]) { index += 1 }
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2)
        else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == 0x20 else { return nil }
        index += 1
        guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
        var second = 0
        if expect(UInt8(ascii: ":")), let value = number(2) { second = value }
        if expect(UInt8(ascii: ".")) {
            while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        var offset: Int32 = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let zone = bytes[index...].filter { $0 != UInt8(ascii: ":") && !HeaderSyntax.isSpace($0) }
            offset = parseNumericZone(Array(zone)) ?? 0
        }
        return build(
            year: year, yearWidth: 4, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset
        )
    }
}

extension String {
    fileprivate func trimmingDots() -> String {
        var copy = self
        while copy.hasSuffix(".") { copy.removeLast() }
        return copy
    }
}
