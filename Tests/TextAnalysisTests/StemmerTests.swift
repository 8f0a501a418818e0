import Testing

@testable import TextAnalysis

@Suite struct StemmerTests {
    @Test(arguments: [
        ("passwords", "password"), ("password", "password"), ("replies", "repli"), ("reply", "repli"),
        ("journaux", "journal"), ("journal", "journal"), ("bureaux", "bureau"), ("cheveux", "cheveu"),
        ("connectee", "connect"), ("connectees", "connect"), ("connecte", "connect"), ("boxes", "box"),
        ("classes", "class"), ("class", "class"), ("status", "status"), ("mois", "mois"), ("bus", "bus"),
        ("factures", "factur"), ("facture", "factur"), ("the", "the"), ("days", "dai"), ("day", "dai"),
    ])
    func stems(_ word: String, _ expected: String) {
        #expect(Stemmer.stem(word) == expected)
    }

    @Test(arguments: ["invoice", "account", "application", "message", "partie", "serie", "refund", "lien"])
    func pluralMeetsSingular(_ word: String) {
        #expect(Stemmer.stem(word + "s") == Stemmer.stem(word))
    }
}
