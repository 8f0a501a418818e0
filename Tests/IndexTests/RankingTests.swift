import Foundation
import MailCore
import Testing

@testable import Index

@Suite struct RankingTests {
    func document(_ uid: UInt32, subject: String, reply: String, body: String, date: Int64) -> IndexDocument {
        IndexDocument(
            summary: TestCorpus.summary(
                uid: uid, subject: subject, from: TestCorpus.anna, date: date, reply: reply, thread: "r\(uid)"),
            bodyText: body)
    }

    /// Six messages with "refund" in their reply and body, a second apart from `t` on; every other one titled "Refund".
    func sixRefunds(from t: Int64) -> [IndexDocument] {
        (1...6).map {
            document(
                UInt32($0), subject: $0 % 2 == 0 ? "Refund" : "Question", reply: "my refund \($0)",
                body: "my refund \($0) is late", date: t + Int64($0))
        }
    }

    @Test func subjectAboveReplyTextAboveQuotedText() throws {
        let t = TestCorpus.march10
        let docs = [
            document(1, subject: "Question", reply: "Hello", body: "Hello\n> about my refund last week", date: t + 3),
            document(2, subject: "Refund", reply: "Hello there", body: "Hello there", date: t + 1),
            document(3, subject: "Question", reply: "I want a refund", body: "I want a refund", date: t + 2),
            document(4, subject: "Other", reply: "Nothing here", body: "Nothing here", date: t + 4),
        ]
        let index = try TestCorpus.build(docs, in: TestCorpus.temporaryDirectory())
        let hits = try index.search("refund", options: SearchOptions(limit: 0, now: t))
        #expect(hits.map(\.uid.rawValue) == [2, 3, 1])
        #expect(hits[0].score > hits[1].score && hits[1].score > hits[2].score)
    }

    @Test func recencyBreaksTiesAndDateSortIsNewestFirst() throws {
        let t = TestCorpus.march10
        let docs = (1...4).map {
            document(UInt32($0), subject: "Same", reply: "same words", body: "same words", date: t + Int64($0) * 100)
        }
        let index = try TestCorpus.build(docs, in: TestCorpus.temporaryDirectory())
        #expect(try index.search("same", options: SearchOptions(limit: 0, now: t)).map(\.uid.rawValue) == [4, 3, 2, 1])
        #expect(
            try index.search("same", options: SearchOptions(limit: 3, sort: .date, now: t)).map(\.uid.rawValue) == [
                4, 3, 2,
            ])
    }

    @Test func rareTermsWeighMore() throws {
        let t = TestCorpus.march10
        var docs = (1...8).map { document(UInt32($0), subject: "Common", reply: "common", body: "common", date: t) }
        docs.append(document(9, subject: "x", reply: "common rare", body: "common rare", date: t - 1000))
        docs.append(document(10, subject: "x", reply: "common", body: "common", date: t - 999))
        let index = try TestCorpus.build(docs, in: TestCorpus.temporaryDirectory())
        let hits = try index.search("common OR rare", options: SearchOptions(limit: 1, now: t))
        #expect(hits.first?.uid.rawValue == 9)
    }

    /// `snippets: false` (what `search --output messages` asks for) finds the same hits in the same order
    /// with the same scores and ids; only the snippet and its highlights are left out.
    @Test func hitsWithoutSnippetsAreTheSameHits() throws {
        let t = TestCorpus.march10
        let docs = sixRefunds(from: t)
        let index = try TestCorpus.build(docs, in: TestCorpus.temporaryDirectory())
        let full = try index.search("refund", options: SearchOptions(limit: 0, now: t))
        var options = SearchOptions(limit: 0, now: t)
        options.snippets = false
        let bare = try index.search("refund", options: options)
        #expect(full.count == 6)
        #expect(bare.map(\.id) == full.map(\.id))
        #expect(bare.map(\.score) == full.map(\.score))
        #expect(bare.map(\.messageId) == full.map(\.messageId))
        #expect(bare.map(\.threadId) == full.map(\.threadId))
        #expect(full.allSatisfy { $0.snippet.contains("refund") && !$0.highlights.isEmpty })
        #expect(bare.allSatisfy { $0.snippet.isEmpty && $0.highlights.isEmpty })
    }

    /// `summaries: false` (what `search --output messages|threads` asks for) finds the same hits in the same
    /// order with the same scores, ids, dates and thread ids, in both orders and with a limit; the key, sender
    /// and subject are left empty.
    @Test func hitsWithoutSummariesNameTheSameMessages() throws {
        let t = TestCorpus.march10
        var docs = sixRefunds(from: t)
        // One without a Message-ID: its hit names it by id alone, as with summaries.
        var anonymous = TestCorpus.summary(
            uid: 7, subject: "Refund", from: TestCorpus.anna, date: t + 7, reply: "refund", thread: "r7")
        anonymous.messageId = nil
        docs.append(IndexDocument(summary: anonymous, bodyText: "refund"))
        let index = try TestCorpus.build(docs, in: TestCorpus.temporaryDirectory())
        for (limit, sort) in [(0, SearchOptions.Sort.relevance), (3, .relevance), (0, .date), (2, .date)] {
            let full = try index.search("refund", options: SearchOptions(limit: limit, sort: sort, now: t))
            var options = SearchOptions(limit: limit, sort: sort, now: t)
            options.snippets = false
            options.summaries = false
            let ids = try index.search("refund", options: options)
            #expect(full.count == (limit == 0 ? 7 : limit))
            #expect(ids.map(\.id) == full.map(\.id))
            #expect(ids.map(\.score) == full.map(\.score))
            #expect(ids.map(\.messageId) == full.map(\.messageId))
            #expect(ids.map(\.threadId) == full.map(\.threadId))
            #expect(ids.map(\.date) == full.map(\.date))
            #expect(ids.allSatisfy { $0.subject.isEmpty && $0.from == nil && $0.account.isEmpty })
        }
        #expect(try index.search("refund", options: SearchOptions(limit: 0, now: t)).contains { $0.messageId == nil })
    }

    /// Past 8,192 matches a limited search keeps only its best candidates; the page it returns is still
    /// exactly the first page of the full, sorted result, in both orders.
    @Test func aLimitedSearchOverManyMatchesIsThePrefixOfTheFullResult() throws {
        let t = TestCorpus.march10
        let docs = (1...9_000).map {
            document(
                UInt32($0), subject: "Invoice \($0 % 7)",
                reply: "invoice" + String(repeating: " invoice", count: $0 % 5),
                body: "invoice number \($0)", date: t - Int64($0 * 37 % 5_000))
        }
        let index = try TestCorpus.build(docs, in: TestCorpus.temporaryDirectory())
        for sort in [SearchOptions.Sort.relevance, .date] {
            let all = try index.search("invoice", options: SearchOptions(limit: 0, sort: sort, now: t))
            let page = try index.search("invoice", options: SearchOptions(limit: 25, sort: sort, now: t))
            #expect(all.count == 9_000)
            #expect(page.map(\.id) == all.prefix(25).map(\.id))
        }
    }
}
