import Testing
import TextAnalysis

@testable import Analytics

@Suite struct TopicAnalyzerTests {
    func words(_ text: String) -> [String] {
        TopicAnalyzer().analyze(text).filter { $0.kind == .word }.map(\.term)
    }

    @Test func foldsAccentsAndCaseAndDropsElisions() {
        #expect(words("L'export CSV échoue") == ["export", "csv", Stemmer.stem("echoue")])
        #expect(words("Études œuvre") == ["etud", "oeuvr"])
        #expect(words("jusqu'à l'application d’Anaïs") == ["application", "anais"])
    }

    @Test func stopWordsGreetingsAndClosingsAreNotTerms() {
        #expect(words("Bonjour, merci d'avance. Cordialement") == [])
        #expect(words("Hello team, thanks and kind regards") == [])
    }

    @Test func connectorsKeepMultiWordTermsTogether() {
        let tokens = TopicAnalyzer().analyze("Mon mot de passe est refusé")
        let kinds = tokens.map(\.kind)
        #expect(kinds.prefix(4) == [.breakMark, .word, .connector, .word])
    }

    @Test func addressesUrlsAndLongNumbersAreSkipped() {
        #expect(words("write marie@orange.fr or https://example.com/a/b refund") == ["writ", "refund"])
        #expect(words("ticket 4330395 error 401") == ["ticket", "error", "401"])
        #expect(words("my e-mail address") == ["mail", "address"])
    }

    @Test func punctuationEndsMultiWordTerms() {
        let kinds = TopicAnalyzer().analyze("export stopped. Calendar sync").map(\.kind)
        #expect(kinds == [.breakMark, .word, .word, .breakMark, .word, .word, .breakMark])
        #expect(TopicAnalyzer().analyze("password\nreset").map(\.kind) == [.breakMark, .word, .word, .breakMark])
        #expect(
            TopicAnalyzer().analyze("passer à l'offre « Business »").map(\.kind) == [
                .breakMark, .word, .connector, .word, .breakMark, .word, .breakMark,
            ])
    }

    @Test func languageIsDetectedFromStopWords() {
        #expect(TopicAnalyzer().analyzeDetectingLanguage("Je n'ai pas reçu le lien").french)
        #expect(!TopicAnalyzer().analyzeDetectingLanguage("I have not received the link").french)
    }

    @Test func surfacesKeepAccents() {
        let tokens = TopicAnalyzer().analyze("Réinitialisation échouée", surfaces: true).filter { $0.kind == .word }
        #expect(tokens.map(\.surface) == ["réinitialisation", "échouée"])
    }
}

@Suite struct TopicPartsTests {
    @Test func linkKeysIgnoreLanguageSegmentsAndQueries() {
        #expect(
            LinkKey.all(in: "see https://helpcenter.example/fr/articles/1003-billing?utm=x.") == [
                "helpcenter.example/articles/1003-billing"
            ])
        #expect(
            LinkKey.all(in: "or <http://Help.example/en-us/articles/1003-billing>") == [
                "help.example/articles/1003-billing"
            ])
        #expect(LinkKey.all(in: "home https://helpcenter.example/ and mailto:x@y.z") == [])
    }

    @Test func nearDuplicatesCollapseAndDistinctTextsStayApart() {
        let a: [Int32] = Array(0..<30)
        let b: [Int32] = Array(0..<29) + [99]  // Jaccard 29/31 ≈ 0.94
        let c: [Int32] = Array(100..<130)
        let groups = NearDuplicates.groups([a, c, b, a])
        #expect(groups == [[0, 2, 3], [1]])
    }

    @Test func overlappingTermsChainOnlyWhenWrittenThatWay() {
        let written = ["lien de réinitialisation du mot de passe"]
        let joined = TopicPipeline.joinOverlapping([
            "lien de réinitialisation", "réinitialisation du mot", "mot de passe", "expiré", "passe",
        ]) { phrase in
            written.contains { $0.contains(phrase) }
        }
        #expect(joined == ["lien de réinitialisation du mot de passe", "expiré"])
        #expect(
            TopicPipeline.joinOverlapping(["dark mode", "mode sombre"]) { _ in false } == ["dark mode", "mode sombre"])
    }

    @Test func subjectsLoseBracketTags() {
        #expect(TopicPipeline.cleanSubject("Re: [Help Center] Export fails [#12]") == "Re:  Export fails ")
    }

    @Test func articleTextDropsMarkupAndScripts() {
        let text = ArticleText.plain(
            "<h1>Titre&nbsp;ici</h1><script>var x = 1;</script><p>Le **mot de passe** [lien](x)</p>")
        #expect(!text.contains("var x"))
        #expect(text.contains("Titre ici"))
        #expect(text.contains("mot de passe"))
        #expect(!text.contains("*"))
    }
}

@Suite struct TopicLabelTests {
    @Test func labelsStayShort() {
        #expect(
            TopicPipeline.label(["mot de passe", "refusé", "client mail", "extra"])
                == "mot de passe, refusé, client mail")
        #expect(
            TopicPipeline.label([
                "double après la synchronisation du calendrier", "outlook", "événements récurrents apparaissent",
            ])
                == "double après la synchronisation du calendrier, outlook")
        #expect(TopicPipeline.label(["slack"]) == "slack")
    }
}
