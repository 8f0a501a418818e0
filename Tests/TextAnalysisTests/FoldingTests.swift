import Testing

@testable import TextAnalysis

@Suite struct FoldingTests {
    @Test(arguments: [
        ("Études", "etudes"), ("œuvre", "oeuvre"), ("Straße", "strasse"), ("ÆSIR", "aesir"),
        ("garçon", "garcon"), ("Noël", "noel"), ("ÇA", "ca"), ("e\u{301}te\u{301}", "ete"),
        ("Łódź", "lodz"), ("ΑΒΓ", "αβγ"), ("Nguyễn Việt", "nguyen viet"), ("ǍǑ", "ao"), ("Ελλάδα", "ελλαδα"),
        ("ﬁn", "fin"), ("soft\u{AD}hyphen", "softhyphen"),
    ])
    func folds(_ input: String, _ expected: String) {
        #expect(Folding.fold(input) == expected)
    }

    @Test func keepsPunctuation() {
        #expect(Folding.fold("À bientôt, Zoé !") == "a bientot, zoe !")
    }
}
