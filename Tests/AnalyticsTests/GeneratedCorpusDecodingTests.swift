import Testing

@Suite struct GeneratedCorpusDecodingTests {
    @Test func encodedWordsJoinAcrossASplitCharacter() {
        let subject =
            "=?utf-8?q?Re=3A_=5BCentre_d=27aide=5D_Mot_de_passe_d=27application_refus?= =?utf-8?q?=C3=A9_par?="
        #expect(GeneratedCorpus.decodeWords(subject) == "Re: [Centre d'aide] Mot de passe d'application refusé par")
        #expect(GeneratedCorpus.decodeWords("=?utf-8?b?cmVmdXPDqQ==?= ok") == "refusé ok")
        #expect(GeneratedCorpus.decodeWords("plain") == "plain")
    }
}
