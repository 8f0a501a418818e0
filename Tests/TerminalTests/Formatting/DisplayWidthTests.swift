import Terminal
import Testing

@Suite struct DisplayWidthTests {
    @Test(arguments: [
        ("abc", 3),
        ("", 0),
        ("étude", 5),  // precomposed é
        ("e\u{301}tude", 5),  // e + combining acute
        ("a\u{0308}\u{0323}", 1),  // two combining marks on one letter
        ("漢字", 4),
        ("日本語テキスト", 14),
        ("ｈｅｌｌｏ", 10),  // fullwidth Latin
        ("한국어", 6),
        ("🎉", 2),
        ("👍🏽", 2),  // emoji with skin tone modifier: one cluster
        ("👨‍👩‍👧", 2),  // ZWJ family: one cluster
        ("❤️", 2),  // text heart + VS16
        ("a\u{200B}b", 2),  // zero-width space
        ("tab\there", 7),  // control characters draw nothing
        ("Élodie Müller", 13),
    ])
    func widths(text: String, width: Int) {
        #expect(text.displayWidth == width)
    }

    @Test func truncationRespectsWidthAndClusters() {
        #expect("Mot de passe d'application".truncated(toDisplayWidth: 10) == "Mot de pa…")
        #expect("short".truncated(toDisplayWidth: 10) == "short")
        #expect("exactly10!".truncated(toDisplayWidth: 10) == "exactly10!")
        #expect("漢字漢字漢字".truncated(toDisplayWidth: 6) == "漢字…")  // 4 + 1, a third ideograph would not fit
        #expect("漢字漢字漢字".truncated(toDisplayWidth: 6).displayWidth == 5)
        #expect("e\u{301}e\u{301}e\u{301}e\u{301}".truncated(toDisplayWidth: 3) == "e\u{301}e\u{301}…")
        #expect("abc".truncated(toDisplayWidth: 0) == "")
        #expect("abc".truncated(toDisplayWidth: 1) == "…")
    }

    @Test func padding() {
        #expect("é".padded(toDisplayWidth: 3) == "é  ")
        #expect("漢".padded(toDisplayWidth: 3, alignment: .right) == " 漢")
        #expect("long".padded(toDisplayWidth: 2) == "long")
    }

    /// The one-scalar fast path agrees with the general rules at its edges.
    @Test func latinFastPathKeepsControlsAndTheSoftHyphenAtZero() {
        #expect("a\u{AD}b".displayWidth == 2)  // soft hyphen: a format character
        #expect("\u{9F}x".displayWidth == 1)  // C1 control
        #expect("\u{A0}ÿĀſƀɏʰ˿".displayWidth == 8)
        #expect("a\u{300}".displayWidth == 1)  // U+0300 is a combining mark
        #expect(String(repeating: "é", count: 3).displayWidth == 3)
    }
}
