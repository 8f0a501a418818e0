/// Parses Gmail's search language into a `Query`.
///
/// Grammar: `query := and ("OR" and)*`, `and := unary+`, `unary := "-" unary | primary`,
/// `primary := "(" query ")" | '"' phrase '"' | op ":" value | word`, where a value is a word,
/// a quoted phrase or, for text operators, a parenthesised group (`subject:(mot passe)`).
/// Words are everything up to a space, parenthesis or quote. `OR` must be upper case, as in Gmail.
public struct QueryParser: Sendable {
    public init() {}

    public func parse(_ text: String) throws(QueryError) -> Query {
        var state = State(chars: Array(text))
        let query = try state.parseOr(.any)
        state.skipSpaces()
        if state.index < state.chars.count {
            throw QueryError(.unmatchedClosingParenthesis, column: state.index + 1)
        }
        return query
    }

    static let textOperators: [String: TextField] = [
        "from": .from, "to": .to, "cc": .cc, "subject": .subject, "body": .body, "filename": .filename,
    ]
    static let otherOperators: Set<String> = [
        "after", "before", "older_than", "newer_than", "has", "label", "in", "is", "thread", "rfc822msgid",
    ]

    /// Deepest nesting of parentheses and `-` accepted. Real queries nest a few levels; the parser,
    /// the evaluator and `Query` itself recurse once per level, so without a cap a long run of `(`
    /// or `-` overflows the stack and kills the process instead of giving an error.
    public static let maximumDepth = 100

    struct State {
        let chars: [Character]
        var index = 0
        /// Parentheses and negations open around the current position.
        var depth = 0

        mutating func enter(column: Int) throws(QueryError) {
            depth += 1
            if depth > QueryParser.maximumDepth {
                throw QueryError(.nestedTooDeeply(limit: QueryParser.maximumDepth), column: column)
            }
        }

        mutating func skipSpaces() {
            while index < chars.count, chars[index].isWhitespace { index += 1 }
        }

        func atOr() -> Bool {
            guard index + 1 < chars.count, chars[index] == "O", chars[index + 1] == "R" else { return false }
            return index + 2 == chars.count || chars[index + 2].isWhitespace || chars[index + 2] == "("
                || chars[index + 2] == "\"" || chars[index + 2] == "-"
        }

        func atAnd() -> Bool {
            guard index + 2 < chars.count, chars[index] == "A", chars[index + 1] == "N", chars[index + 2] == "D" else {
                return false
            }
            return index + 3 < chars.count && (chars[index + 3].isWhitespace || chars[index + 3] == "(")
        }

        mutating func parseOr(_ field: TextField) throws(QueryError) -> Query {
            skipSpaces()
            if atOr() { throw QueryError(.danglingOr, column: index + 1) }
            var alternatives = [try parseAnd(field)]
            while true {
                skipSpaces()
                guard atOr() else { break }
                let orColumn = index + 1
                index += 2
                skipSpaces()
                if index >= chars.count || chars[index] == ")" || atOr() {
                    throw QueryError(.danglingOr, column: orColumn)
                }
                alternatives.append(try parseAnd(field))
            }
            return alternatives.count == 1 ? alternatives[0] : .or(alternatives)
        }

        mutating func parseAnd(_ field: TextField) throws(QueryError) -> Query {
            var items: [Query] = []
            while true {
                skipSpaces()
                if index >= chars.count || chars[index] == ")" || atOr() { break }
                if atAnd() {
                    // Gmail's explicit AND changes nothing: terms are already all required.
                    index += 3
                    continue
                }
                items.append(try parseUnary(field))
            }
            if items.isEmpty { return .all }
            return items.count == 1 ? items[0] : .and(items)
        }

        mutating func parseUnary(_ field: TextField) throws(QueryError) -> Query {
            if chars[index] == "-", index + 1 < chars.count, !chars[index + 1].isWhitespace, chars[index + 1] != ")" {
                try enter(column: index + 1)
                index += 1
                let inner = try parseUnary(field)
                depth -= 1
                return .not(inner)
            }
            return try parsePrimary(field)
        }

        mutating func parsePrimary(_ field: TextField) throws(QueryError) -> Query {
            let c = chars[index]
            if c == "(" {
                return try parseGroup(field)
            }
            if c == "\"" {
                return .phrase(field, try parseQuoted())
            }
            let start = index
            let word = readWord()
            if word.isEmpty {
                // A lone "-" or similar punctuation: skip it.
                index += 1
                return .all
            }
            if let colon = word.firstIndex(of: ":"), colon > word.startIndex {
                let name = String(word[..<colon])
                let rest = String(word[word.index(after: colon)...])
                if name.first!.isLetter, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }),
                    !rest.hasPrefix("//")
                {
                    return try parseOperator(name.lowercased(), rest, column: start + 1, field: field)
                }
            }
            return .word(field, word)
        }

        mutating func parseGroup(_ field: TextField) throws(QueryError) -> Query {
            let open = index
            try enter(column: open + 1)
            index += 1
            skipSpaces()
            if index < chars.count, chars[index] == ")" { throw QueryError(.emptyParentheses, column: open + 1) }
            let inner = try parseOr(field)
            skipSpaces()
            guard index < chars.count, chars[index] == ")" else {
                throw QueryError(.unclosedParenthesis, column: open + 1)
            }
            index += 1
            depth -= 1
            return inner
        }

        mutating func parseQuoted() throws(QueryError) -> String {
            let open = index
            index += 1
            var value = ""
            while index < chars.count, chars[index] != "\"" {
                value.append(chars[index])
                index += 1
            }
            guard index < chars.count else { throw QueryError(.unclosedQuote, column: open + 1) }
            index += 1
            return value
        }

        mutating func readWord() -> String {
            var word = ""
            while index < chars.count {
                let c = chars[index]
                if c.isWhitespace || c == "(" || c == ")" || c == "\"" { break }
                word.append(c)
                index += 1
            }
            return word
        }

        mutating func parseOperator(_ name: String, _ inlineValue: String, column: Int, field: TextField)
            throws(QueryError) -> Query
        {
            let valueColumn = column + name.count + 1
            if let textField = QueryParser.textOperators[name] {
                if inlineValue.isEmpty, index < chars.count {
                    if chars[index] == "\"" { return .phrase(textField, try parseQuoted()) }
                    if chars[index] == "(" { return try parseGroup(textField) }
                }
                guard !inlineValue.isEmpty else { throw QueryError(.missingValue(operator: name), column: column) }
                return .word(textField, inlineValue)
            }
            guard QueryParser.otherOperators.contains(name) else {
                throw QueryError(.unknownOperator(name), column: column)
            }
            var value = inlineValue
            if value.isEmpty, index < chars.count, chars[index] == "\"" { value = try parseQuoted() }
            guard !value.isEmpty else { throw QueryError(.missingValue(operator: name), column: column) }
            switch name {
            case "after", "before":
                if value.count >= 9, value.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Int64(value) {
                    // Gmail also takes seconds since 1970 here.
                    return name == "after" ? .afterTime(seconds) : .beforeTime(seconds)
                }
                guard let day = QueryParser.parseDay(value) else {
                    throw QueryError(.badDate(value), column: valueColumn)
                }
                return name == "after" ? .after(day) : .before(day)
            case "older_than", "newer_than":
                guard let age = QueryParser.parseAge(value) else {
                    throw QueryError(.badDuration(value), column: valueColumn)
                }
                return name == "older_than" ? .olderThan(age) : .newerThan(age)
            case "has":
                let v = value.lowercased()
                guard v == "attachment" || v == "attachments" else {
                    throw QueryError(
                        .badValue(operator: name, value: value, expected: "attachment"), column: valueColumn)
                }
                return .hasAttachment
            case "is":
                guard let state = MessageState(rawValue: value.lowercased()) else {
                    let known = MessageState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw QueryError(
                        .badValue(operator: name, value: value, expected: "one of \(known)"), column: valueColumn)
                }
                return .is(state)
            case "label":
                return .label(Keyword.normalize(value))
            case "in":
                let normal = Keyword.normalize(value)
                return normal == "anywhere" ? .all : .mailbox(normal)
            case "thread":
                return .thread(value.lowercased())
            default:  // rfc822msgid
                return .messageId(Keyword.messageId(value))
            }
        }
    }

    /// `YYYY-MM-DD` or `YYYY/MM/DD` (one- or two-digit month and day), a real calendar day.
    static func parseDay(_ value: String) -> Day? {
        // On the UTF-8 bytes: `String.contains("/")` went through Foundation's string search (CFString),
        // and splitting into `Substring`s cost a date query a per cent. A part is an optional sign and
        // digits, as `Int(_:)` reads it; any other byte (non-ASCII included) is not a day.
        let bytes = Array(value.utf8)
        let separator = bytes.contains(UInt8(ascii: "/")) ? UInt8(ascii: "/") : UInt8(ascii: "-")
        let parts = bytes.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, (1...2).contains(parts[1].count), (1...2).contains(parts[2].count),
            let year = number(parts[0]), let month = number(parts[1]), let day = number(parts[2]),
            (1...12).contains(month)
        else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...lengths[month - 1]).contains(day) else { return nil }
        return Day(year: year, month: month, day: day)
    }

    /// A short ASCII number as `Int(_:)` reads it: an optional `+` or `-`, then one digit or more.
    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        var digits = bytes[...]
        var sign = 1
        if let first = digits.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            sign = first == UInt8(ascii: "-") ? -1 : 1
            digits = digits.dropFirst()
        }
        guard !digits.isEmpty else { return nil }
        var total = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            total = total * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return sign * total
    }

    /// `7d`, `2w`, `3m`, `1y`.
    static func parseAge(_ value: String) -> Age? {
        guard let last = value.last, let unit = Age.Unit(rawValue: Character(last.lowercased())),
            let count = Int(value.dropLast()), count >= 0, count < 100_000, value.first?.isNumber == true
        else { return nil }
        return Age(count: count, unit: unit)
    }
}
