// libFuzzer harness: the search query parser, the query evaluator and the TextAnalysis analyzer
// on arbitrary text. Built and run by scripts/fuzz (see Tests/Fuzz/README.md).
import Foundation
import Index
import MailCore
import TextAnalysis

/// Treats the input as what a user types after `mailmirror search`: parses it, runs it against a
/// small fixed index (built once per process in a temporary folder) and analyses it as text.
///
/// Checks beyond "never traps":
/// - parsing is deterministic and an error's column lies inside the query (or just after it);
/// - `-(q)` finds exactly the messages `q` does not; sorting by date or relevance finds the same set;
/// - every highlight lies inside its snippet;
/// - the analyzer's `terms`, `tokens` and `words` agree, word positions never go back, and every token's
///   UTF-8 range lies inside the text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    checkParserAndSearch(text)
    checkAnalyzer(text)
    return 0
}

func checkParserAndSearch(_ text: String) {
    let parser = QueryParser()
    let first = Result { () throws(QueryError) -> Query in try parser.parse(text) }
    let second = Result { () throws(QueryError) -> Query in try parser.parse(text) }
    check(first == second, "parsing the same query twice gave different results")
    let query: Query
    switch first {
    case .failure(let error):
        _ = error.description
        check(
            error.column >= 1 && error.column <= text.count + 1,
            "error column \(error.column) outside a query of \(text.count) characters")
        return
    case .success(let parsed):
        query = parsed
    }
    guard let index = fixture.index else { return }
    do {
        let options = SearchOptions(limit: 0, sort: .relevance, now: 1_750_000_000)
        let hits = try index.search(query, options: options)
        var byDate = options
        byDate.sort = .date
        let dated = try index.search(query, options: byDate)
        let negated = try index.search(.not(query), options: options)
        let found = Set(hits.map(\.id))
        check(found.count == hits.count, "a message was found twice")
        check(found == Set(dated.map(\.id)), "sorting by date changed which messages were found")
        let others = Set(negated.map(\.id))
        check(
            found.isDisjoint(with: others) && found.union(others) == fixture.ids,
            "-(query) is not the complement of query: \(found.sorted()) vs \(others.sorted())")
        for hit in hits {
            let length = hit.snippet.count
            for highlight in hit.highlights {
                check(
                    highlight.offset >= 0 && highlight.length >= 0 && highlight.offset + highlight.length <= length,
                    "highlight \(highlight) outside a snippet of \(length) characters")
            }
        }
        let limited = try index.search(query, options: SearchOptions(limit: 2, now: 1_750_000_000))
        check(limited.map(\.id) == Array(hits.prefix(2)).map(\.id), "limit 2 did not return the first two hits")
    } catch {
        check(false, "search failed on a parsed query: \(error)")
    }
}

func checkAnalyzer(_ text: String) {
    for analyzer in [Analyzer(), Analyzer(stemming: false, removeStopWords: true)] {
        let terms = analyzer.terms(text, startPosition: 3)
        let tokens = analyzer.tokens(text)
        let words = analyzer.words(text)
        check(terms.map(\.text) == tokens.map(\.term.text), "terms and tokens disagree")
        check(words == terms.filter { !$0.isPart }.map(\.text), "words and terms disagree")
        // Words advance; a compound's parts (`e-mail` → part `email`) reuse an earlier word's position.
        var last = 3
        for term in terms {
            check(!term.text.isEmpty, "an empty term in \(terms)")
            if term.isPart {
                check(term.position >= 3 && term.position <= last, "part \(term) outside its words in \(terms)")
            } else {
                check(term.position >= last, "word positions went back (\(term) after \(last)) in \(terms)")
                last = term.position
            }
        }
        let utf8Count = text.utf8.count
        for token in tokens {
            check(
                token.utf8Range.lowerBound >= 0 && token.utf8Range.upperBound <= utf8Count,
                "token range \(token.utf8Range) outside \(utf8Count) bytes")
        }
        let next = analyzer.forEachTerm(in: text, startPosition: 10) { _, _, _ in }
        check(next >= 10, "forEachTerm returned position \(next) before its start")
    }
    _ = Folding.fold(text)
    for word in text.split(whereSeparator: { $0.isWhitespace }).prefix(64) { _ = Stemmer.stem(String(word)) }
}

/// A small index of French and English support messages, written once per process.
struct Fixture {
    var index: SearchIndex?
    var ids: Set<String> = []

    init() {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("mailmirror-fuzz-index-\(getpid())")
        try? FileManager.default.removeItem(at: directory)
        let bodies: [(String, String, String, Int64, [String], [AttachmentInfo])] = [
            (
                "anna@example.com", "Mot de passe oublié",
                "Bonjour, je n'arrive plus à me connecter : l'application dit que mon mot de passe est incorrect. Merci d'avance !",
                1_700_000_000, ["Support", "Login"], []
            ),
            (
                "help@shop.example.org", "Re: Mot de passe oublié",
                "Vous pouvez le réinitialiser depuis l'e-mail reçu. Cordialement, l'équipe", 1_700_090_000, ["Support"],
                []
            ),
            (
                "bob.smith+news@mail.example.net", "Refund request #4521",
                "Hi, I'd like a refund for order 4521: the parcel arrived damaged. Photos attached.", 1_710_000_000,
                ["Billing"], [AttachmentInfo(filename: "photo.jpg", contentType: "image/jpeg", size: 52_000)]
            ),
            (
                "help@shop.example.org", "RE: Refund request #4521",
                "Sorry about that! The refund of 39.90 EUR is on its way; it'll show in 3-5 days.", 1_710_050_000,
                ["Billing", "Done"], []
            ),
            (
                "zoé@exemple.fr", "Facture de mars",
                "Où est ma facture ? Je ne la trouve pas dans mon espace client. aujourd'hui c'est urgent",
                1_720_000_000, [],
                [AttachmentInfo(filename: "capture écran.png", contentType: "image/png", size: 1_200)]
            ),
            (
                "no-reply@status.example.com", "Weekly report",
                "Tickets: 42 opened, 40 closed. Top topic: login problems (12).", 1_740_000_000, ["Reports"], []
            ),
        ]
        do {
            let writer = try IndexWriter(directory: directory)
            for (n, entry) in bodies.enumerated() {
                let key = MessageKey(
                    account: "fuzz", mailbox: n % 2 == 0 ? "INBOX" : "[Gmail]/Sent Mail",
                    uidValidity: UIDValidity(1), uid: UID(UInt32(n + 1)))
                let summary = MessageSummary(
                    key: key, messageId: "m\(n)@example.com", inReplyTo: n % 2 == 1 ? ["m\(n - 1)@example.com"] : [],
                    date: entry.3, from: EmailAddress(name: "Person \(n)", address: entry.0),
                    to: [EmailAddress(address: "help@shop.example.org")], subject: entry.1, labels: entry.4,
                    flags: n % 3 == 0 ? ["\\Seen", "\\Flagged"] : [], isReply: n % 2 == 1,
                    direction: entry.0.hasSuffix("example.org") ? .team : .customer,
                    threadId: "t\(n / 2)", size: 1_000 + n, attachments: entry.5, replyText: entry.2)
                writer.add(IndexDocument(summary: summary, bodyText: entry.2))
                ids.insert(key.id)
            }
            try writer.commit()
            writer.close()
            index = try SearchIndex.open(directory: directory)
        } catch {
            fatalError("fuzz fixture: cannot build the index in \(directory.path): \(error)")
        }
    }
}

let fixture = Fixture()

/// Stops the run so libFuzzer records the input as a crash.
func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
    if !condition() { fatalError("fuzz invariant: \(message())") }
}
