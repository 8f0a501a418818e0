import Testing

@testable import Index

@Suite struct QueryParserTests {
    let parser = QueryParser()

    @Test func wordsAreAnded() throws {
        #expect(try parser.parse("mot passe") == .and([.word(.any, "mot"), .word(.any, "passe")]))
        #expect(try parser.parse("") == .all)
        #expect(try parser.parse("   ") == .all)
    }

    @Test func phrasesOrNegationAndGroups() throws {
        #expect(try parser.parse("\"mot de passe\"") == .phrase(.any, "mot de passe"))
        #expect(try parser.parse("a OR b c") == .or([.word(.any, "a"), .and([.word(.any, "b"), .word(.any, "c")])]))
        #expect(try parser.parse("-spam") == .not(.word(.any, "spam")))
        #expect(
            try parser.parse("(a OR b) -from:x@y.z")
                == .and([.or([.word(.any, "a"), .word(.any, "b")]), .not(.word(.from, "x@y.z"))]))
        #expect(try parser.parse("a or b") == .and([.word(.any, "a"), .word(.any, "or"), .word(.any, "b")]))
        #expect(try parser.parse("e-mail") == .word(.any, "e-mail"))
    }

    @Test(arguments: [
        ("from:anna@example.com", Query.word(.from, "anna@example.com")),
        ("to:support", .word(.to, "support")),
        ("cc:example.org", .word(.cc, "example.org")),
        ("subject:facture", .word(.subject, "facture")),
        ("subject:\"mot de passe\"", .phrase(.subject, "mot de passe")),
        ("body:refund", .word(.body, "refund")),
        ("filename:pdf", .word(.filename, "pdf")),
        ("label:\"Clients VIP\"", .label("clients-vip")),
        ("in:INBOX", .mailbox("inbox")),
        ("in:anywhere", .all),
        ("after:2024-03-01", .after(Day(year: 2024, month: 3, day: 1))),
        ("before:2024/3/9", .before(Day(year: 2024, month: 3, day: 9))),
        ("older_than:7d", .olderThan(Age(count: 7, unit: .day))),
        ("newer_than:2m", .newerThan(Age(count: 2, unit: .month))),
        ("newer_than:1y", .newerThan(Age(count: 1, unit: .year))),
        ("has:attachment", .hasAttachment),
        ("is:reply", .is(.reply)),
        ("is:inbound", .is(.inbound)),
        ("is:outbound", .is(.outbound)),
        ("thread:18C2A", .thread("18c2a")),
        ("rfc822msgid:<ABC@mail.example>", .messageId("abc@mail.example")),
        ("FROM:anna", .word(.from, "anna")),
        ("after:1710072000", .afterTime(1_710_072_000)),
        ("before:1710072000", .beforeTime(1_710_072_000)),
        ("a AND b", .and([.word(.any, "a"), .word(.any, "b")])),
    ])
    func operators(_ text: String, _ expected: Query) throws {
        #expect(try parser.parse(text) == expected)
    }

    @Test func groupedOperatorValue() throws {
        #expect(try parser.parse("subject:(mot passe)") == .and([.word(.subject, "mot"), .word(.subject, "passe")]))
    }

    @Test(arguments: [
        ("hello \"mot de", QueryError(.unclosedQuote, column: 7)),
        ("(a OR b", QueryError(.unclosedParenthesis, column: 1)),
        ("a b)", QueryError(.unmatchedClosingParenthesis, column: 4)),
        ("a ()", QueryError(.emptyParentheses, column: 3)),
        ("a foo:bar", QueryError(.unknownOperator("foo"), column: 3)),
        ("from: x", QueryError(.missingValue(operator: "from"), column: 1)),
        ("after:2024-13-01", QueryError(.badDate("2024-13-01"), column: 7)),
        ("x before:2023-02-29", QueryError(.badDate("2023-02-29"), column: 10)),
        ("older_than:7x", QueryError(.badDuration("7x"), column: 12)),
        ("has:pizza", QueryError(.badValue(operator: "has", value: "pizza", expected: "attachment"), column: 5)),
        ("OR a", QueryError(.danglingOr, column: 1)),
        ("a OR", QueryError(.danglingOr, column: 3)),
        ("subject:\"open", QueryError(.unclosedQuote, column: 9)),
    ])
    func errors(_ text: String, _ expected: QueryError) {
        #expect(throws: expected) { try parser.parse(text) }
    }

    @Test func errorSentencesNameThePosition() {
        do {
            _ = try parser.parse("bonjour \"mot")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("unclosed quote at column 9"))
        }
        #expect(
            QueryError(.unknownOperator("foo"), column: 3).description.hasPrefix("unknown operator foo: at column 3"))
        #expect(
            QueryError(.badDate("2024-99-01"), column: 7).description.contains("bad date \"2024-99-01\" at column 7"))
    }

    @Test func isValueErrorListsChoices() {
        #expect {
            try parser.parse("is:snoozed")
        } throws: { error in
            guard let error = error as? QueryError, case .badValue(let op, let value, let expected) = error.reason
            else { return false }
            return op == "is" && value == "snoozed" && expected.contains("inbound") && error.column == 4
        }
    }

    @Test func urlsAreWords() throws {
        #expect(try parser.parse("https://example.com/x") == .word(.any, "https://example.com/x"))
    }

    /// Found while writing the fuzz harness (Tests/Fuzz/QueryFuzzer.swift): 20 000 nested `(` or `-`
    /// overflowed the stack (SIGSEGV) instead of giving an error. Each case is `prefix` + `open` × 20 000
    /// + `middle` + `close` × 20 000 (built here rather than stored as a 40 KB fixture).
    @Test(arguments: [
        ("", "(", "a", ")"),
        ("", "-", "a", ""),
        ("x ", "(-", "a", ")"),
        ("subject:", "(", "", ""),
    ])
    func deepNestingIsAnErrorNotACrash(prefix: String, open: String, middle: String, close: String) {
        let query = prefix + String(repeating: open, count: 20_000) + middle + String(repeating: close, count: 20_000)
        #expect {
            try parser.parse(query)
        } throws: { error in
            guard let error = error as? QueryError, case .nestedTooDeeply(let limit) = error.reason else {
                return false
            }
            return limit == QueryParser.maximumDepth && error.column <= 2 * QueryParser.maximumDepth + 10
                && error.description.contains("nested more than \(limit)")
        }
    }

    @Test func nestingUpToTheLimitParses() throws {
        let depth = QueryParser.maximumDepth
        let query = String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth)
        #expect(try parser.parse(query) == .word(.any, "a"))
        #expect(try parser.parse(String(repeating: "-", count: depth) + "a") != .all)
        #expect(throws: QueryError.self) { try parser.parse("(" + query + ")") }
    }
}
