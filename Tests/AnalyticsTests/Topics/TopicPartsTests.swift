import Foundation
import Testing

@testable import Analytics

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

    @Test func subjectsLoseReplyPrefixesAndBracketTags() {
        #expect(TopicDocuments.cleanSubject("Re: [Help Center] Export fails [#12]") == "Export fails ")
        #expect(TopicDocuments.cleanSubject("TR : RE: Remboursement") == "Remboursement")
    }

    @Test func frenchAndEnglishWordsMeetAtOneConcept() {
        let lexicon = ConceptLexicon.shared
        let analyzer = TopicAnalyzer()
        func concepts(_ text: String) -> [String] {
            lexicon.map(analyzer.analyze(text)).filter { $0.kind == .word }.map(\.term)
        }
        #expect(concepts("Mon colis n'est pas arrivé").first == concepts("my parcel has not arrived").first)
        #expect(concepts("mot de passe oublié") == concepts("forgotten password"))
        #expect(concepts("je veux un remboursement").contains("≡refund"))
        #expect(concepts("refunds please").contains("≡refund"))
        #expect(lexicon.written("≡parcel", french: true) == "colis")
        #expect(lexicon.concepts.count >= 250)
    }

    @Test func namesFromHeadersNeverBecomeTerms() {
        let personal = PersonalText(displayNames: ["Mohammed Ali", "Céline Dubois", "Bill Card"])
        let pipeline = TopicPipeline()
        let message = HandFixture.message(
            1, thread: "t", from: "x@y.z", date: 0, reply: false, subject: "Mohammed's card",
            text: "Bonjour,\nCéline here: Mohammed and Dubois lost the card CMD-457088.\nMerci,\nCéline")
        let words = pipeline.analyse(message, personal: personal).tokens.filter { $0.kind == .word }.map(\.term)
        #expect(!words.contains { $0.hasPrefix("moham") || $0.hasPrefix("celin") || $0.hasPrefix("dubois") })
        #expect(!words.contains { $0.contains("457") || $0 == "cmd" })
        // "card" is a lexicon word: a name that is also a word stays a word.
        #expect(words.contains("≡card"))
    }

    @Test func teamAnswersThatAreTheSameSavedReplyShareATemplate() {
        let personal = PersonalText(names: ["celine", "marc"])
        let reply = """
            Your parcel is handled by our carrier and tracking updates can take up to 48 hours to appear. \
            If nothing shows after three working days, reply to this email and we will open an investigation \
            with the carrier for you.
            """
        let a = TeamAnswers.shingles("Hello Céline,\n\n" + reply + "\n\nBest regards,\nMarc", personal: personal)
        let b = TeamAnswers.shingles("Hi Marc,\n\n" + reply + " Order CMD-457088.\n\nThanks,\nMarc", personal: personal)
        let c = TeamAnswers.shingles(
            "Refunds are issued to the original payment method within five to ten days after we receive the item.",
            personal: personal)
        let templates = TeamAnswers.templates([a, b, c, a], answered: 40)
        #expect(templates[0] != nil && templates[0] == templates[1] && templates[1] == templates[3])
        #expect(templates[2] == nil)
    }

    /// The byte-level shortcuts give what the Character and Foundation calls they replace gave.
    @Test func personalTextShortcutsMatchTheSlowForms() {
        let texts = [
            "Bonjour Marie,\n\nMa commande CMD-457088\r\nn'est pas là\n \t\u{00A0}\n\nBien à vous,\nCéline",
            "\n\nline\r\n\r\nx\n", "", "\n", "é\u{301}\nab 12 3\n\u{2003}",
        ]
        let personal = PersonalText()
        for text in texts {
            #expect(
                PersonalText.lines(text)
                    == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            for line in PersonalText.lines(text) {
                #expect(PersonalText.isBlank(line) == line.trimmingCharacters(in: .whitespaces).isEmpty)
            }
        }
        #expect(personal.maskCodes("order 12 and 3") == "order 12 and 3")
        #expect(personal.maskCodes("order CMD-457088 today") == "order  |  today")
        #expect(TopicStemmer.stem("remboursement") == "rembours")
        #expect(TopicStemmer.stem("stopped") == "stop")
        #expect(TopicStemmer.stem("colis") == "colis")
        #expect(TopicPipeline.nameInAddress("ahmed.khan@example.org") == "ahmed khan")
        #expect(TopicPipeline.nameInAddress("help@support.example.com") == nil)
        #expect(TopicPipeline.nameInAddress("zoé_b@example.fr") == "zoé b")
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
