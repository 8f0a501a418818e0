import Foundation
import Testing

@testable import TextBasics

/// The replacements agree with the Foundation calls they stand for.
@Suite struct TrimmingTests {
    static let samples = [
        "", " ", "  a b  ", "\t\u{A0}x\u{2003}\n", "\r\nline\r\n", "\u{85}mid\u{2028}", "«Hello»,", "(a-b)'", "...",
        "\"'quoted'\"", "é\u{301}", "\u{1F600}!", "--x--",
    ]

    @Test(arguments: samples)
    func trimmingMatchesFoundation(_ text: String) {
        #expect(text.trimmed(.whitespaces) == text.trimmingCharacters(in: .whitespaces))
        #expect(text.trimmed(.whitespacesAndNewlines) == text.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(text.trimmed(.punctuationCharacters) == text.trimmingCharacters(in: .punctuationCharacters))
        #expect(
            text.trimmed(ScalarSet.punctuationCharacters.subtracting("-'"))
                == text.trimmingCharacters(in: CharacterSet.punctuationCharacters.subtracting(["-", "'"])))
        #expect(
            text.trimmed(ScalarSet(charactersIn: "\"'"))
                == text.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")))
    }

    @Test(arguments: [
        ("a\r\nb\n", "\n", " "), ("aaa", "aa", "b"), ("x_y_", "_", "-"), ("", "a", "b"), ("é.e", "e", "E"),
    ])
    func replacingMatchesFoundation(_ text: String, _ target: String, _ replacement: String) {
        #expect(
            text.replacingAll(target, with: replacement) == text.replacingOccurrences(of: target, with: replacement))
    }

    @Test func firstRange() {
        let text = "imaps://host:993"
        #expect(text.firstScalarRange(of: "://").map { String(text[$0.upperBound...]) } == "host:993")
        #expect(text.firstScalarRange(of: "nothing") == nil)
    }
}
