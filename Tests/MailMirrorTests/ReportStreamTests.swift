import Analytics
import Foundation
import MIME
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// `report` streams the catalog and trusts its stored thread ids; it must write exactly what the report
/// written from every decoded summary, rethreaded in memory, writes (determinism is a contract), on a mirror
/// refreshed by lookup, with copies of messages in a second mailbox and re-catalogued records.
@Suite struct ReportStreamTests {
    /// The files as the report was written before it streamed: the catalog loaded whole, copies collapsed,
    /// the whole of it rethreaded in memory.
    static func inMemoryReport(_ root: URL, options: ReportOptions) throws -> [String: String] {
        var messages = try MailStore(root: root).catalog.loadInBlocks().summaries
        CatalogView.keepFirstCopies(&messages)
        let ids = Threader.threadIds(for: messages)
        for index in messages.indices { messages[index].threadId = ids[index] }
        let files = ReportGenerator().generate(messages: messages, options: options)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
    }

    static func streamedReport(_ root: URL, options: ReportOptions) throws -> [String: String] {
        let out = ScratchFolder.root.appendingPathComponent("mm-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let urls = try LocalMirror(root: root).report(options: options, to: out)
        return Dictionary(
            uniqueKeysWithValues: try urls.map { ($0.lastPathComponent, try String(contentsOf: $0, encoding: .utf8)) })
    }

    @Test(.enabled(if: ThreadTableTests.python != nil, "python3 runs scripts/gen-sample"))
    func theStreamedReportIsTheInMemoryOne() throws {
        let messages = try ThreadTableTests.sample(count: 600, seed: 5)
        let mirror = try ThreadTableTests.Mirror()
        try mirror.arrive(Array(messages[0..<400]))
        for start in stride(from: 400, to: 600, by: 50) { try mirror.arrive(Array(messages[start..<(start + 50)])) }
        // Copies of 30 messages in a second mailbox (collapsed to the first copy), and 10 INBOX messages
        // catalogued again (their latest record read where it lies).
        let archive = try mirror.store.mailbox(account: "test", name: "Archive")
        for (index, bytes) in messages[100..<130].enumerated() {
            let uid = UID(UInt32(index + 1))
            try archive.commit(uidValidity: UIDValidity(1), uid: uid, flags: [], bytes: bytes)
            let key = MessageKey(account: "test", mailbox: "Archive", uidValidity: UIDValidity(1), uid: uid)
            mirror.cataloguer.ingest(key: key, message: RemoteMessage(uid: uid, flags: [], bytes: bytes))
        }
        for (index, bytes) in messages[200..<210].enumerated() {
            let uid = UID(UInt32(200 + index + 1))
            let key = MessageKey(account: "test", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: uid)
            mirror.cataloguer.ingest(key: key, message: RemoteMessage(uid: uid, flags: [.seen], bytes: bytes))
        }
        try mirror.cataloguer.flush()
        try mirror.refresher.refresh()
        let catalog = try mirror.store.catalog.loadInBlocks()
        #expect(catalog.records > catalog.summaries.count, "some records were superseded")

        for options in [
            ReportOptions(),
            ReportOptions(granularity: .week, anonymize: true, language: .french),
        ] {
            let streamed = try Self.streamedReport(mirror.root, options: options)
            let inMemory = try Self.inMemoryReport(mirror.root, options: options)
            #expect(streamed.keys.sorted() == inMemory.keys.sorted())
            for (name, contents) in inMemory { #expect(streamed[name] == contents, "\(name) differs") }
            #expect((streamed["topic_messages.csv"]?.count ?? 0) > 100, "the report has topics")
        }
    }

    /// Copies and superseded records collapse as `CatalogView` collapses them, whatever order they come in.
    @Test func copiesCollapseAsTheCatalogViewDoes() {
        func summary(_ uid: UInt32, mailbox: String = "INBOX", messageId: String?, date: Int64, subject: String)
            -> MessageSummary
        {
            MessageSummary(
                key: MessageKey(account: "a", mailbox: mailbox, uidValidity: UIDValidity(1), uid: UID(uid)),
                messageId: messageId, date: date, from: EmailAddress(name: "C", address: "c@example.org"),
                subject: subject, isReply: false, direction: .customer, threadId: "t\(uid)", size: 1,
                replyText: "hello \(subject)")
        }
        let raw = [
            summary(1, messageId: "a@x", date: 10, subject: "one"),
            summary(2, messageId: "b@x", date: 20, subject: "two"),
            summary(1, mailbox: "Archive", messageId: "a@x", date: 10, subject: "copy of one"),
            summary(1, messageId: "a@x", date: 10, subject: "one, again"),  // supersedes uid 1
            summary(3, messageId: nil, date: 30, subject: "no id"),
            summary(4, mailbox: "Archive", messageId: nil, date: 30, subject: "no id either"),
        ]
        var input = ReportInput()
        for (position, s) in raw.enumerated() {
            input.add(s, position: position, identity: CatalogView.identityHash(of: s))
        }
        #expect(input.collapseCopies() == 5)
        var expected = CatalogView.latest(raw)
        CatalogView.keepFirstCopies(&expected)
        let files = ReportGenerator().generate(
            input: input, source: InMemoryTextSource(raw), options: ReportOptions())
        let reference = ReportGenerator().generate(messages: expected, options: ReportOptions())
        #expect(files.map(\.contents) == reference.map(\.contents))
        #expect(expected.map(\.subject) == ["one, again", "two", "no id", "no id either"])
    }
}
