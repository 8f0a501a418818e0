/// A malformed query: what is wrong and where (1-based column, in characters).
public struct QueryError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case unclosedQuote
        case unclosedParenthesis
        case unmatchedClosingParenthesis
        case emptyParentheses
        case unknownOperator(String)
        case missingValue(operator: String)
        case badDate(String)
        case badDuration(String)
        case badValue(operator: String, value: String, expected: String)
        case danglingOr
        /// More than `limit` parentheses and `-` nested inside one another.
        case nestedTooDeeply(limit: Int)
    }

    public var reason: Reason
    public var column: Int

    public init(_ reason: Reason, column: Int) {
        self.reason = reason
        self.column = column
    }

    public var description: String {
        let at = "at column \(column)"
        switch reason {
        case .unclosedQuote: return "unclosed quote \(at): add the closing \""
        case .unclosedParenthesis: return "unclosed parenthesis \(at): add the closing )"
        case .unmatchedClosingParenthesis: return "unmatched ) \(at)"
        case .emptyParentheses: return "empty parentheses \(at)"
        case .unknownOperator(let name):
            return
                "unknown operator \(name): \(at) (known: from, to, cc, subject, body, after, before, older_than, newer_than, has, filename, label, in, is, thread, rfc822msgid)"
        case .missingValue(let name): return "missing value after \(name): \(at)"
        case .badDate(let value): return "bad date \"\(value)\" \(at): write YYYY-MM-DD or YYYY/MM/DD"
        case .badDuration(let value):
            return "bad duration \"\(value)\" \(at): write a number and d, w, m or y, like 7d or 2y"
        case .badValue(let name, let value, let expected):
            return "unknown value \"\(value)\" for \(name): \(at): expected \(expected)"
        case .danglingOr: return "OR needs a search term on both sides \(at)"
        case .nestedTooDeeply(let limit):
            return "parentheses and - nested more than \(limit) deep \(at): simplify the query"
        }
    }
}
