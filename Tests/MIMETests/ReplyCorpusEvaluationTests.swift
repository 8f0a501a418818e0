import Foundation
import Testing

@testable import MIME

/// Every copied corpus case with an expected reply text, scored exactly (whitespace ignored) and
/// split into a development half and a held-out half by a hash of "corpus/name" — so rules can be
/// changed looking at the development half's failures only, and the held-out half says whether
/// they carry over. Only development failures are printed; held-out cases are counted.
@Suite struct ReplyCorpusEvaluationTests {
    struct Case {
        var corpus: String
        var name: String
        var got: String
        var want: [String]
    }

    /// FNV-1a of the case's key: stable across runs and machines.
    static func isHeldOut(_ key: String) -> Bool {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return (hash >> 7) & 1 == 1
    }

    static func cases() -> [Case] {
        var cases = [Case]()
        // crisp: first fragments equal to the common text, and two visible texts.
        if let expected = FixtureSupport.json("crisp/expected_partial.json") as? [String: Any] {
            let common = expected["common_first_fragment"] as? String ?? ""
            var wanted = (expected["first_fragment_equals_common"] as? [String] ?? []).map { ($0, common) }
            wanted += (expected["visible_text_equals"] as? [String: String] ?? [:]).sorted { $0.key < $1.key }.map {
                ($0.key, $0.value)
            }
            for (name, want) in wanted {
                cases.append(
                    Case(
                        corpus: "crisp", name: name,
                        got: ReplyExtractor.extract(plain: FixtureSupport.text("crisp/fixtures/\(name).txt")),
                        want: [want]))
            }
        }
        // talon: extract_from_plain cases.
        for (number, item) in (FixtureSupport.json("talon/inline_text_quotation_cases.json") as? [[String: Any]] ?? [])
            .enumerated()
        {
            let name = "\(item["test"] as? String ?? "")#\(number)"
            cases.append(
                Case(
                    corpus: "talon-inline", name: name,
                    got: ReplyExtractor.extract(plain: item["input"] as? String ?? ""),
                    want: [item["expected"] as? String ?? ""]))
        }
        // talon: client replies ("Hello" unless a _reply_text file says otherwise; client signatures we strip by design).
        let standard = FixtureSupport.files("talon/standard_replies")
        for name in standard where name.hasSuffix(".eml") {
            let base = String(name.dropLast(4))
            let want =
                standard.contains("\(base)_reply_text")
                ? FixtureSupport.text("talon/standard_replies/\(base)_reply_text") : "Hello"
            let got = ReplyExtractor.extract(
                message: MIMEParser.parse(FixtureSupport.bytes("talon/standard_replies/\(name)")))
            cases.append(
                Case(
                    corpus: "talon-standard", name: base, got: got,
                    want: [want, ReplySuiteTests.withoutSignature(want)]))
        }
        // talon: HTML replies.
        var html = FixtureSupport.files("talon/html_replies", suffix: ".html").map {
            ("talon/html_replies/\($0)", "Hi. I am fine.\n\nThanks,\nAlex")
        }
        html += [("talon/OLK_SRC_BODY_SECTION.html", "Reply"), ("talon/reply-separated-by-hr.html", "Hi there Bob")]
        for (path, want) in html {
            cases.append(
                Case(
                    corpus: "talon-html", name: path,
                    got: ReplyExtractor.extract(html: Charset.decodeUTF8OrFallback(FixtureSupport.bytes(path))),
                    want: [want]))
        }
        // talon: bodies whose expected text is the body less its personal signature (a stricter
        // convention than ours and than talon's own HTML cases, which keep "Thanks, Alex").
        for name in FixtureSupport.files("talon/signature/emails/stripped", suffix: "_body") {
            let base = String(name.dropLast(5))
            let body = FixtureSupport.text("talon/signature/emails/stripped/\(name)")
            let signature = FixtureSupport.text("talon/signature/emails/stripped/\(base)_signature")
            let want = signature.isEmpty || !body.hasSuffix(signature) ? body : String(body.dropLast(signature.count))
            cases.append(
                Case(corpus: "talon-signature", name: base, got: ReplyExtractor.extract(plain: body), want: [want]))
        }
        // quotequail: the reply part of test_quote, test_quote_html, test_unwrap and the HTML files.
        for group in FixtureSupport.json("quotequail/inline_parametrized_cases.json") as? [[String: Any]] ?? [] {
            let test = group["test"] as? String ?? ""
            for (number, value) in (group["cases"] as? [Any] ?? []).enumerated() {
                guard let item = value as? [Any] else { continue }
                let name = "\(test)#\(number)"
                switch test {
                case "test_quote", "test_quote_html":
                    guard item.count >= 3, let input = item[0] as? String, let blocks = item[2] as? [[Any]],
                        let first = blocks.first, first.first as? Bool == true, let top = first.last as? String
                    else { continue }
                    let got =
                        test == "test_quote"
                        ? ReplyExtractor.extract(plain: input) : ReplyExtractor.extract(html: input)
                    cases.append(
                        Case(
                            corpus: "quotequail", name: name, got: got,
                            want: [test == "test_quote" ? top : HTMLText.convert(top)]))
                case "test_unwrap":
                    guard item.count >= 2, let input = item[0] as? String, let expected = item[1] as? [String: Any]
                    else { continue }
                    cases.append(
                        Case(
                            corpus: "quotequail", name: name, got: ReplyExtractor.extract(plain: input),
                            want: [expected["text_top"] as? String ?? ""]))
                case "test_unwrap_html_file":
                    guard item.count >= 2, let file = item[0] as? String, let expected = item[1] as? [String: Any],
                        let top = expected["html_top"] as? String
                    else { continue }
                    let got = ReplyExtractor.extract(
                        html: Charset.decodeUTF8OrFallback(FixtureSupport.bytes("quotequail/files/\(file)")))
                    cases.append(
                        Case(corpus: "quotequail", name: "\(test)/\(file)", got: got, want: [HTMLText.convert(top)]))
                default:
                    continue
                }
            }
        }
        return cases
    }

    @Test func exactRatesOnBothHalves() {
        let cases = Self.cases()
        var tally: [String: (dev: (Int, Int), held: (Int, Int))] = [:]
        var failures = [String]()
        for item in cases {
            let exact = item.want.contains { ReplySuiteTests.squash($0) == ReplySuiteTests.squash(item.got) }
            let heldOut = Self.isHeldOut("\(item.corpus)/\(item.name)")
            var row = tally[item.corpus] ?? ((0, 0), (0, 0))
            if heldOut {
                row.held = (row.held.0 + (exact ? 1 : 0), row.held.1 + 1)
            } else {
                row.dev = (row.dev.0 + (exact ? 1 : 0), row.dev.1 + 1)
            }
            tally[item.corpus] = row
            if !exact && !heldOut {
                failures.append(
                    "\(item.corpus)/\(item.name): got \(item.got.prefix(200).debugDescription) want \(item.want[0].prefix(200).debugDescription)"
                )
            }
        }
        var dev = (0, 0)
        var held = (0, 0)
        for (corpus, row) in tally.sorted(by: { $0.key < $1.key }) {
            print("[reply-eval] \(corpus): development \(row.dev.0)/\(row.dev.1), held-out \(row.held.0)/\(row.held.1)")
            dev = (dev.0 + row.dev.0, dev.1 + row.dev.1)
            held = (held.0 + row.held.0, held.1 + row.held.1)
        }
        print("[reply-eval] all: development \(dev.0)/\(dev.1), held-out \(held.0)/\(held.1)")
        for failure in failures { print("[reply-eval] DEV FAIL \(failure)") }
        #expect(cases.count >= 150)
        #expect(dev.1 > 50 && held.1 > 50)
        // Measured 70/72 and 76/83 (talon-signature, whose expected text drops sign-offs that talon's own
        // HTML cases and crisp keep, accounts for 2 and 3 of the misses).
        #expect(Double(dev.0) / Double(dev.1) >= 0.95)
        #expect(Double(held.0) / Double(held.1) >= 0.90)
    }
}
