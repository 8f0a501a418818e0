import Foundation
import Terminal
import Testing

@Suite struct JSONValueTests {
    @Test func keysKeepTheGivenOrder() {
        let value: JSONValue = ["zeta": 1, "alpha": 2, "mid": ["b": true, "a": nil]]
        #expect(value.rendered() == #"{"zeta":1,"alpha":2,"mid":{"b":true,"a":null}}"#)
        #expect(value.keys == ["zeta", "alpha", "mid"])
        // The same value renders to the same bytes every time.
        #expect((0..<20).map { _ in value.rendered(.pretty) }.allSatisfy { $0 == value.rendered(.pretty) })
    }

    @Test(arguments: [
        ("plain", #""plain""#),
        ("quote \" and backslash \\", #""quote \" and backslash \\""#),
        ("line\nbreak\r\ttab", #""line\nbreak\r\ttab""#),
        ("\u{08}\u{0C}\u{00}\u{1F}", #""\b\f\u0000\u001f""#),
        ("é 漢字 🎉 / <script>", #""é 漢字 🎉 / <script>""#),
        ("sep\u{2028}\u{2029}", #""sep\u2028\u2029""#),
        ("\u{7F}", "\"\u{7F}\""),
    ])
    func stringEscaping(input: String, expected: String) throws {
        let rendered = JSONValue.string(input).rendered()
        #expect(rendered == expected)
        // Foundation reads back exactly the original string.
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(rendered)]".utf8)) as? [String]
        #expect(decoded == [input])
    }

    @Test func numbers() {
        #expect(JSONValue.int(-42).rendered() == "-42")
        #expect(JSONValue.int(Int.max).rendered() == "9223372036854775807")
        #expect(JSONValue.double(0.1).rendered() == "0.1")
        #expect(JSONValue.double(2).rendered() == "2.0")
        #expect(JSONValue.double(1e-7).rendered() == "1e-07")
        #expect(JSONValue.double(.nan).rendered() == "null")
        #expect(JSONValue.double(.infinity).rendered() == "null")
    }

    @Test func prettyLayout() {
        let value: JSONValue = [
            "accounts": [["account": "support", "mailboxes": [], "extra": [:]]],
            "ok": true,
        ]
        #expect(
            value.rendered(.pretty) == """
                {
                  "accounts": [
                    {
                      "account": "support",
                      "mailboxes": [],
                      "extra": {}
                    }
                  ],
                  "ok": true
                }
                """)
        #expect(
            value.rendered(.compact) == #"{"accounts":[{"account":"support","mailboxes":[],"extra":{}}],"ok":true}"#)
    }

    @Test func outputIsValidJSON() throws {
        let value: JSONValue = ["a": [1, 2.5, "x", false, nil], "b": ["c": "d"]]
        for layout in [JSONValue.Layout.compact, .pretty] {
            let object = try JSONSerialization.jsonObject(with: Data(value.rendered(layout).utf8)) as? [String: Any]
            #expect(object?["b"] as? [String: String] == ["c": "d"])
        }
    }

    @Test func equalityAndLookup() {
        let a: JSONValue = ["x": 1, "y": 2]
        let b: JSONValue = ["y": 2, "x": 1]
        #expect(a != b)  // key order is part of the value
        #expect(a == ["x": 1, "y": 2])
        #expect(a["y"] == 2)
        #expect(a["z"] == nil)
        #expect(JSONValue.string(nil as String?) == .null)
        #expect(JSONValue.int(nil as Int?) == .null)
    }

    @Test func jsonOutputWritesOneDocumentAndANewline() {
        struct Summary: JSONRepresentable {
            var json: JSONValue { ["fetched": 3, "bytes": 1024] }
        }
        let output = MemoryOutput()
        JSONOutput.write(Summary(), to: output, layout: .compact)
        #expect(output.standardOutput == "{\"fetched\":3,\"bytes\":1024}\n")
        #expect(output.standardError.isEmpty)
    }
}
