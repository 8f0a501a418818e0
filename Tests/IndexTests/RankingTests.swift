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
}
