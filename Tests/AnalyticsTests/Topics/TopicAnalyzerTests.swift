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
        // Topic terms also fold derived forms: "application", "applications" → "applic".
        #expect(words("jusqu'à l'application d’Anaïs") == ["applic", "anais"])
        #expect(words("withdrawing withdrawal withdrawn") == ["withdraw", "withdraw", "withdrawn"])
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
