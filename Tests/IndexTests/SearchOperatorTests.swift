import Foundation
import MailCore
import Testing
import Zones

@testable import Index

/// Every operator's meaning on the hand-built corpus (uids 1–6, see `TestCorpus`).
@Suite struct SearchOperatorTests {
    let index: SearchIndex
    let options = SearchOptions(limit: 0, sort: .date, now: TestCorpus.march10 + 10 * TestCorpus.day)

    init() throws {
        index = try TestCorpus.build(in: TestCorpus.temporaryDirectory("operators"))
    }

    func uids(_ query: String, _ options: SearchOptions? = nil) throws -> [UInt32] {
        try index.search(query, options: options ?? self.options).map(\.uid.rawValue).sorted()
    }

    @Test(arguments: [
        ("passe", [1, 2]),
        ("\"mot de passe\"", [1, 2]),
        ("\"passe de mot\"", []),
        ("mot de passe d'application", [1, 2]),
        ("etudes", [5]), ("ÉTUDE", [5]), ("ecoles", [5]),
        ("invoice", [3, 4]), ("invoices vat", [3, 4]),
        ("from:anna@example.com", [3]), ("from:example.com", [3]), ("from:anna", [3]),
        ("from:\"Anna Müller\"", [3]), ("from:muller", [3]), ("from:help@support.example", [2, 4]),
        ("to:bruno.lefevre@client.fr", [2]), ("to:client.fr", [2]), ("to:lefevre", [2]),
        ("cc:carol", [2]), ("cc:big.example.org", [2]),
        ("subject:invoice", [3, 4]), ("subject:\"mot de passe\"", [1, 2]), ("subject:espaces", []),
        ("body:espaces", [2]), ("body:invoices", [3]), ("body:\"nouveau mot\"", [2]),
        ("has:attachment", [3]), ("filename:pdf", [3]), ("filename:facture", [3]), ("filename:facture-2024.pdf", [3]),
        ("factures", [3]),
        ("label:\"clients vip\"", [1]), ("label:clients-vip", [1]), ("label:billing", [3]),
        ("in:inbox", [1, 3, 4, 5, 6]), ("in:\"[Gmail]/Sent Mail\"", [2]),
        ("is:reply", [2, 4]), ("is:outbound", [2, 4]), ("is:inbound", [1, 3, 5, 6]),
        ("is:unread", [1, 3, 5, 6]), ("is:read", [2, 4]), ("is:starred", [4]),
        ("thread:t2", [3, 4]), ("rfc822msgid:<m3@mail.example>", [3]), ("rfc822msgid:M3@MAIL.EXAMPLE", [3]),
        ("after:2024-03-10", [3, 4, 5]), ("before:2024-03-10", [1, 2, 6]),
        ("after:2024/03/10 before:2024/03/13", [3, 4]),
        ("after:1710072000", [3, 4, 5]), ("before:1710072000", [1, 2, 6]), ("older_than:31d", [6]),
        ("older_than:15d", [1, 2, 6]), ("newer_than:7d", [5]), ("newer_than:1y", [1, 2, 3, 4, 5, 6]),
        ("etudes OR export", [5, 6]), ("vat -is:reply", [3]), ("-is:reply", [1, 3, 5, 6]),
        ("(etudes OR export) -csv", [5]), ("-(etudes OR export)", [1, 2, 3, 4]),
        ("vat OR from:bruno.lefevre@client.fr", [1, 3, 4]), ("subject:(mot passe)", [1, 2]),
        ("50", [6]), ("nothingmatcheshere", []), ("", [1, 2, 3, 4, 5, 6]),
    ])
    func operatorSemantics(_ query: String, _ expected: [UInt32]) throws {
        #expect(try uids(query) == expected)
    }

    /// Dates and flags beside words are tested on the words' hits: the hits and scores are those of the
    /// words alone, kept where every date and flag part matches on its own.
    @Test(arguments: [
        "invoice after:2024-03-10", "passe is:reply", "invoices is:inbound",
        "after:2024-03-09 invoice before:2024-03-13",
        "newer_than:1y (passe OR etudes)", "has:attachment factures older_than:15d", "mot -is:reply before:2024-03-10",
        "is:outbound after:1710072000 vat",
    ])
    func datesAndFlagsBesideWordsKeepTheWordsScores(_ text: String) throws {
        guard case .and(let items) = try QueryParser().parse(text) else {
            Issue.record("\(text) is not an AND")
            return
        }
        var words: [Query] = []
        var tests: [Query] = []
        for item in items {
            switch item {
            case .after, .before, .afterTime, .beforeTime, .olderThan, .newerThan, .hasAttachment,
                .is(.reply), .is(.inbound), .is(.outbound):
                tests.append(item)
            default: words.append(item)
            }
        }
        #expect(!words.isEmpty && !tests.isEmpty, "\(text) mixes words with dates or flags")
        let byRelevance = SearchOptions(limit: 0, now: options.now)
        let passing = try tests.map { test in Set(try index.search(test, options: byRelevance).map(\.id)) }
        let expected = try index.search(.and(words), options: byRelevance).filter { hit in
            passing.allSatisfy { $0.contains(hit.id) }
        }
        let found = try index.search(text, options: byRelevance)
        #expect(found.map(\.id) == expected.map(\.id))
        #expect(found.map(\.score) == expected.map(\.score))
    }

    @Test func daysFollowTheUserTimeZone() throws {
        // uid 3 is 2024-03-10 12:00 UTC, already 2024-03-11 02:00 at UTC+14.
        var kiritimati = options
        kiritimati.timeZone = Zone(identifier: "Pacific/Kiritimati")!
        #expect(try uids("after:2024-03-11 before:2024-03-12", kiritimati) == [3])
        #expect(try uids("after:2024-03-11 before:2024-03-12") == [])
        #expect(try uids("after:2024-03-10 before:2024-03-11") == [3])
    }

    @Test func hitsCarryWhatTheCommandLineShows() throws {
        let hit = try #require(try index.search("from:anna", options: options).first)
        #expect(hit.id == TestCorpus.documents[2].summary.id)
        #expect(hit.key == TestCorpus.documents[2].summary.key)
        #expect(
            hit.account == "support" && hit.mailbox == "INBOX" && hit.uidValidity == UIDValidity(7) && hit.uid == UID(3)
        )
        #expect(hit.messageId == "m3@mail.example" && hit.threadId == "t2")
        #expect(hit.date == TestCorpus.march10 && hit.utcOffsetSeconds == 3600)
        #expect(hit.from == TestCorpus.anna)
        #expect(hit.subject == "Invoice missing VAT number")
        let noSender = try #require(try index.search("export", options: options).first)
        #expect(noSender.from == nil)
    }

    @Test func snippetMarksTheHits() throws {
        let hit = try #require(try index.search("etudes cas", options: options).first)
        #expect(hit.snippet.contains("études de cas"))
        let marked = hit.highlights.map { h in
            String(hit.snippet.dropFirst(h.offset).prefix(h.length))
        }
        #expect(marked == ["études", "cas"])
    }

    @Test func snippetAroundAHitDeepInTheText() throws {
        let filler = String(repeating: "lorem ipsum dolor sit amet ", count: 20)
        let doc = IndexDocument(
            summary: TestCorpus.summary(
                uid: 1, subject: "x", from: TestCorpus.anna, date: TestCorpus.march10,
                reply: filler + "la clé de sécurité a expiré hier. " + filler, thread: "s"),
            bodyText: "")
        let index = try TestCorpus.build([doc], in: TestCorpus.temporaryDirectory())
        let hit = try #require(try index.search("securite expire", options: options).first)
        #expect(hit.snippet.hasPrefix("… ") && hit.snippet.hasSuffix(" …"))
        #expect(hit.snippet.count < 200)
        let marked = hit.highlights.map { String(hit.snippet.dropFirst($0.offset).prefix($0.length)) }
        #expect(marked == ["sécurité", "expiré"])
    }

    @Test func limitAndDateSort() throws {
        var o = options
        o.limit = 2
        #expect(try index.search("", options: o).map(\.uid.rawValue) == [5, 4])
    }

    @Test func threadsGroupHits() throws {
        let hits = try index.search("vat OR passe", options: options)
        let groups = SearchHit.groupedByThread(hits)
        #expect(groups.map(\.threadId) == ["t2", "t1"])
        #expect(groups.map { $0.hits.count } == [2, 2])
    }
}
