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
