import Foundation
import Testing

@testable import MIME

/// Reply-text expectations from the talon, crisp and quotequail fixtures (see each SOURCE.md).
@Suite struct ReplySuiteTests {
    static func squash(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\u{A0}" }).joined(
            separator: " ")
    }

    @Test func crispFirstFragments() {
        guard let expected = FixtureSupport.json("crisp/expected_partial.json") as? [String: Any] else {
            Issue.record("crisp expectations missing")
            return
        }
        let common = expected["common_first_fragment"] as? String ?? ""
        var cases = (expected["first_fragment_equals_common"] as? [String] ?? []).map { ($0, common) }
        for (name, text) in (expected["visible_text_equals"] as? [String: String] ?? [:]).sorted(by: { $0.key < $1.key }
        ) {
            cases.append((name, text))
        }
        var passed = 0
        var failures = [String]()
        for (name, want) in cases {
            let got = ReplyExtractor.extract(plain: FixtureSupport.text("crisp/fixtures/\(name).txt"))
            if Self.squash(got) == Self.squash(want) {
                passed += 1
            } else {
                failures.append("\(name): got \(got.prefix(300).debugDescription)")
            }
        }
        let rate = FixtureSupport.report("crisp", passed: passed, total: cases.count, failures: failures)
        #expect(cases.count == 45)
        #expect(rate >= 0.97)
    }

    @Test func talonInlineCases() {
        let cases = FixtureSupport.json("talon/inline_text_quotation_cases.json") as? [[String: Any]] ?? []
        var passed = 0
        var failures = [String]()
        for item in cases {
            let input = item["input"] as? String ?? ""
            let want = item["expected"] as? String ?? ""
            let got = ReplyExtractor.extract(plain: input)
            if Self.squash(got) == Self.squash(want) {
                passed += 1
            } else {
                failures.append(
                    "\(item["test"] ?? ""): got \(got.prefix(200).debugDescription) want \(want.prefix(200).debugDescription)"
                )
            }
        }
        let rate = FixtureSupport.report("talon-inline", passed: passed, total: cases.count, failures: failures)
        #expect(cases.count == 45)
        #expect(rate >= 0.93)
    }

    /// `text` up to its signature: the lines before a "-- " delimiter or a "Sent from my …" line.
    static func withoutSignature(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == "--" || line.hasPrefix("-- ") || trimmed.hasPrefix("Sent from my ") { break }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }

    @Test func talonStandardReplies() {
        var passed = 0
        var total = 0
        var failures = [String]()
        let names = FixtureSupport.files("talon/standard_replies")
        for name in names where name.hasSuffix(".eml") {
            total += 1
            let base = String(name.dropLast(4))
            let want =
                names.contains("\(base)_reply_text")
                ? FixtureSupport.text("talon/standard_replies/\(base)_reply_text") : "Hello"
            let message = MIMEParser.parse(FixtureSupport.bytes("talon/standard_replies/\(name)"))
            let got = ReplyExtractor.extract(message: message)
            // talon keeps client signatures ("Sent from my iPhone", "-- ") in its expected text;
            // we strip them by design, so the expected text is compared without its signature too,
            // cut by a rule of this test's own (not by the extractor under test).
            let wantWithoutSignature = Self.withoutSignature(want)
            if Self.squash(got) == Self.squash(want) || Self.squash(got) == Self.squash(wantWithoutSignature) {
                passed += 1
            } else {
                failures.append("\(name): got \(got.prefix(200).debugDescription)")
            }
        }
        let rate = FixtureSupport.report("talon-standard", passed: passed, total: total, failures: failures)
        #expect(total == 12)
        #expect(rate >= 0.95)
    }

    @Test func quotequailCases() {
        let groups = FixtureSupport.json("quotequail/inline_parametrized_cases.json") as? [[String: Any]] ?? []
        var passed = 0
        var total = 0
        var failures = [String]()
        for group in groups {
            let test = group["test"] as? String ?? ""
            for case let item as [Any] in group["cases"] as? [Any] ?? [] {
                switch test {
                case "test_quote", "test_quote_html":
                    // expected_quote_intro_line: [[true, reply], [false, quoted]…]; the reply is the first visible block.
                    guard item.count >= 3, let input = item[0] as? String, let blocks = item[2] as? [[Any]],
                        let first = blocks.first, first.first as? Bool == true, let top = first.last as? String
                    else { continue }
                    total += 1
                    let got =
                        test == "test_quote"
                        ? ReplyExtractor.extract(plain: input) : ReplyExtractor.extract(html: input)
                    let want = test == "test_quote" ? top : HTMLText.convert(top)
                    if Self.squash(got) == Self.squash(want) {
                        passed += 1
                    } else {
                        failures.append(
                            "\(test): got \(got.prefix(150).debugDescription) want \(want.prefix(150).debugDescription)"
                        )
                    }
                case "test_unwrap":
                    guard item.count >= 2, let input = item[0] as? String, let expected = item[1] as? [String: Any]
                    else { continue }
                    total += 1
                    let want = expected["text_top"] as? String ?? ""
                    let got = ReplyExtractor.extract(plain: input)
                    if Self.squash(got) == Self.squash(want) {
                        passed += 1
                    } else {
                        failures.append(
                            "\(test) \(input.prefix(60).debugDescription): got \(got.prefix(150).debugDescription) want \(want.prefix(150).debugDescription)"
                        )
                    }
                case "test_parse_reply":
                    guard item.count >= 2, let line = item[0] as? String else { continue }
                    total += 1
                    let isHeader = item[1] is [String: Any]
                    let lines = line.split(separator: "\n", omittingEmptySubsequences: false)
                    let detected = QuoteLines.quoteHeaderSpan(lines, at: 0) != nil
                    if detected == isHeader {
                        passed += 1
                    } else {
                        failures.append("\(test) \(line.debugDescription): detected \(detected)")
                    }
                default:
                    continue
                }
            }
        }
        let rate = FixtureSupport.report("quotequail", passed: passed, total: total, failures: failures)
        #expect(total >= 40)
        #expect(rate >= 0.95)
    }
}

/// talon's HTML replies: every client's reply reads "Hi. I am fine. / Thanks, / Alex" once the
/// quoted block is cut (talon's html_quotations tests assert that text, whitespace ignored); the
/// two stand-alone files keep "Reply" and "Hi there Bob".
@Suite struct TalonHTMLReplyTests {
    @Test func clientReplies() {
        var cases = FixtureSupport.files("talon/html_replies", suffix: ".html").map {
            ("talon/html_replies/\($0)", "Hi. I am fine.\n\nThanks,\nAlex")
        }
        cases.append(("talon/OLK_SRC_BODY_SECTION.html", "Reply"))
        cases.append(("talon/reply-separated-by-hr.html", "Hi there Bob"))
        var passed = 0
        var failures = [String]()
        for (path, want) in cases {
            let got = ReplyExtractor.extract(html: Charset.decodeUTF8OrFallback(FixtureSupport.bytes(path)))
            if ReplySuiteTests.squash(got) == ReplySuiteTests.squash(want) {
                passed += 1
            } else {
                failures.append("\(path): got \(got.prefix(200).debugDescription)")
            }
        }
        let rate = FixtureSupport.report("talon-html", passed: passed, total: cases.count, failures: failures)
        #expect(cases.count == 11)
        #expect(rate >= 0.95)
    }
}
