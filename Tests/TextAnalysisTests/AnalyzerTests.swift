import Testing

@testable import TextAnalysis

@Suite struct AnalyzerTests {
    let plain = Analyzer(stemming: false)
    let stemmed = Analyzer()

    func texts(_ analyzer: Analyzer, _ text: String) -> [String] { analyzer.terms(text).map(\.text) }

    @Test func wordsAndPositions() {
        let terms = plain.terms("Hello, World! 42 fois.")
        #expect(terms.map(\.text) == ["hello", "world", "42", "fois"])
        #expect(terms.map(\.position) == [0, 1, 2, 3])
    }

    @Test(arguments: [
        ("l'application", ["application"]), ("d’accord", ["accord"]), ("qu'il", ["il"]),
        ("j'ai", ["ai"]), ("n'est", ["est"]), ("s'il", ["il"]), ("c'est", ["est"]), ("m'a", ["a"]),
        ("t'es", ["es"]), ("jusqu'à", ["a"]), ("aujourd'hui", ["aujourdhui"]), ("don't", ["dont"]),
        ("customer's", ["customer"]), ("L’Équipe", ["equipe"]),
    ])
    func elisions(_ input: String, _ expected: [String]) {
        #expect(texts(plain, input) == expected)
    }

    @Test func addressWholeAndPieces() {
        let terms = plain.terms("écrire à anna@example.com ici")
        #expect(terms.map(\.text) == ["ecrire", "a", "anna@example.com", "anna", "example", "com", "ici"])
        // The pieces take consecutive positions from the whole's, so a run of them is a phrase.
        #expect(terms.filter(\.isPart).map(\.position) == [2, 3, 4])
        #expect(terms.last?.position == 5)
    }

    @Test func dottedLocalPartHyphenAndUppercase() {
        #expect(
            texts(plain, "<Jean.Dupont@Mail.Example.FR>") == [
                "jean.dupont@mail.example.fr", "jean", "dupont", "mail", "example", "fr",
            ])
        #expect(texts(plain, "Ralf@Linux-MIPS.org") == ["ralf@linux-mips.org", "ralf", "linux", "mips", "org"])
    }

    @Test func plusAddressAlsoGivesItsBaseAddress() {
        #expect(
            texts(plain, "help+fr@support.example") == [
                "help+fr@support.example", "help@support.example", "help", "fr", "support", "example",
            ])
    }

    /// Queries take the pieces as the terms to match (a phrase), the whole as a part.
    @Test(arguments: [
        ("linux-mips.org", ["linux", "mips", "org"]), ("@linux-mips.org", ["linux", "mips", "org"]),
        ("linux-mips", ["linux", "mips"]), ("ralf@linux-mips.org", ["ralf", "linux", "mips", "org"]),
        ("RALF@Linux-Mips.ORG", ["ralf", "linux", "mips", "org"]), ("help+fr@x.org", ["help", "fr", "x", "org"]),
        ("mail.example.com", ["mail", "example", "com"]), ("o'brien@x.ie", ["obrien", "x", "ie"]),
    ])
    func queryTermsArePieces(_ query: String, _ expected: [String]) {
        let terms = plain.queryTerms(query)
        #expect(terms.filter { !$0.isPart }.map(\.text) == expected)
        #expect(terms.filter { !$0.isPart }.map(\.position) == Array(0..<expected.count))
        // An address typed whole is also kept whole, for its plus-addressed forms.
        #expect(terms.contains { $0.isPart && $0.text.contains("@") } == query.dropFirst().contains("@"))
    }

    /// The index and a query place an address's pieces alike, so phrases across it still match.
    @Test func phrasesAcrossAnAddressKeepTheirPositions() {
        let indexed = plain.terms("write ralf@linux-mips.org today")
        let query = plain.queryTerms("ralf@linux-mips.org today").filter { !$0.isPart }
        let base = indexed.first { $0.text == "ralf" }!.position
        for term in query {
            #expect(indexed.contains { $0.text == term.text && $0.position == base + term.position })
        }
    }

    @Test func domainsAndNumbers() {
        #expect(
            texts(plain, "voir example.com, version 3.14.") == [
                "voir", "example.com", "example", "com", "version", "3.14", "3", "14",
            ])
        #expect(texts(stemmed, "2024-03-01 invoices") == ["2024", "03", "01", "20240301", "invoic"])
    }

    @Test func partsAreStemmedLikeWords() {
        #expect(texts(stemmed, "m.jones@mail.example") == ["m.jones@mail.example", "m", "jon", "mail", "exampl"])
        #expect(texts(stemmed, "factures.pdf") == ["factures.pdf", "factur", "pdf"])
        #expect(texts(stemmed, "Mary@x.org")[1] == Stemmer.stem("mary"))
        #expect(texts(stemmed, "e-mails") == ["e", "mail", "email"])
    }

    @Test func hyphenatedWords() {
        let terms = plain.terms("un e-mail")
        #expect(terms.map(\.text) == ["un", "e", "mail", "email"])
        #expect(terms[3].isPart && terms[3].position == 1)
    }

    @Test func accentsMeetInStemmedForm() {
        #expect(texts(stemmed, "Études") == texts(stemmed, "etudes"))
        #expect(texts(stemmed, "études") == texts(stemmed, "ÉTUDE"))
        #expect(texts(stemmed, "Mots de passe") == ["mot", "de", "pass"])
    }

    @Test func stopWordsRemovedOnRequest() {
        let topics = Analyzer(removeStopWords: true)
        let terms = topics.terms("le mot de passe de l'application")
        #expect(terms.map(\.text) == ["mot", "pass", "application"])
        #expect(terms.map(\.position) == [1, 3, 5])
        #expect(StopWords.isStopWord("the") && StopWords.isStopWord("vous") && !StopWords.isStopWord("facture"))
    }

    @Test func ideographsAreWordsOfTheirOwn() {
        let terms = plain.terms("Tokyo東京タワー 2024")
        #expect(terms.map(\.text) == ["tokyo", "東", "京", "タ", "ワ", "ー", "2024"])
        #expect(terms.map(\.position) == [0, 1, 2, 3, 4, 5, 6])
    }

    @Test func wordsForTopics() {
        let topics = Analyzer(removeStopWords: true)
        #expect(
            topics.words("Le mot de passe d'application de anna@example.com") == [
                "mot", "pass", "application", "anna@example.com",
            ])
    }

    @Test func tokensCarryOriginalRanges() {
        let text = "Réf: l’équipe anna@x.org"
        let tokens = plain.tokens(text)
        let bytes = Array(text.utf8)
        let words = tokens.filter { !$0.term.isPart }.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) }
        #expect(words == ["Réf", "équipe", "anna@x.org"])
        let compound = "x Über-Straße, qu’œuvre."
        let compoundBytes = Array(compound.utf8)
        let pieces = plain.tokens(compound).map {
            ($0.term.text, String(decoding: compoundBytes[$0.utf8Range], as: UTF8.self))
        }
        #expect(pieces.map(\.0) == ["x", "uber", "strasse", "uberstrasse", "oeuvre"])
        #expect(pieces.map(\.1) == ["x", "Über", "Straße", "Über-Straße", "œuvre"])
    }

    @Test func forEachTermContinuesPositions() {
        var seen: [Int] = []
        let next = plain.forEachTerm(in: "a b", startPosition: 10) { _, p, _ in seen.append(p) }
        #expect(seen == [10, 11] && next == 12)
    }

    @Test func oddInputDoesNotTrap() {
        for text in [
            "", "'", "@@", "a@", "@b.c", "-x-", "...", "\u{301}", "a\u{301}'", "x'@y.z",
            String(repeating: "é", count: 500),
        ] {
            _ = stemmed.terms(text)
            _ = stemmed.tokens(text)
            _ = stemmed.queryTerms(text)
        }
        #expect(texts(plain, "a@b") == ["a", "b", "ab"])
    }

    /// The compiled-in class runs give every scalar below U+3000 the class the Unicode rules give it
    /// (a change to `computeClass` or a toolchain with newer Unicode data fails here: regenerate
    /// `ChunkScanner.classChanges` with the loop below).
    @Test func classTableMatchesComputeClass() {
        var mismatches: [String] = []
        for v in 0..<0x3000 where classTable[v] != ChunkScanner.computeClass(UInt32(v)) {
            mismatches.append("U+" + String(v, radix: 16, uppercase: true))
        }
        #expect(mismatches.isEmpty, "classes differ at \(mismatches.prefix(20))")
        var changes: [UInt16] = []
        var last = ChunkScanner.other
        for v in 0x80..<0x3000 {
            let c = v == 0x2019 ? ChunkScanner.other : ChunkScanner.computeClass(UInt32(v))
            if c != last { changes.append(UInt16(v)) }
            last = c
        }
        #expect(changes == ChunkScanner.classChanges)
    }
}

@Suite struct PunycodeTests {
    @Test(arguments: [
        ("bücher.de", "xn--bcher-kva.de"), ("kunde@BÜCHER.de", "kunde@xn--bcher-kva.de"),
        ("xn--mller-kva.de", "müller.de"), ("info@xn--mller-kva.de", "info@müller.de"),
        ("日本語.jp", "xn--wgv71a119e.jp"), ("xn--wgv71a119e.jp", "日本語.jp"),
    ])
    func bothWays(_ value: String, _ other: String) {
        #expect(Punycode.otherDomainForm(value) == other)
    }

    @Test func wordsAndPlainDomainsHaveNoOtherForm() {
        for value in ["café", "example.com", "anna@example.com", "crème brûlée.fr", "", "xn--.de", "xn--zz!!.de"] {
            #expect(Punycode.otherDomainForm(value) == nil || value.hasPrefix("xn--"), "\(value)")
        }
        #expect(Punycode.otherDomainForm("café") == nil)
        #expect(Punycode.otherDomainForm("example.com") == nil)
    }
}
