import Foundation
import MailCore
import Testing

@testable import MIME

@Suite(.timeLimit(.minutes(1))) struct ThreaderTests {
    static func summary(
        _ uid: UInt32, id: String?, refs: [String] = [], inReplyTo: [String] = [], subject: String = "Hello",
        date: Int64 = 0, from: String = "a@x.test", to: String = "b@y.test", gmail: UInt64? = nil
    ) -> MessageSummary {
        MessageSummary(
            key: MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid)),
            messageId: id, inReplyTo: inReplyTo, references: refs, gmailThreadId: gmail, date: date,
            from: EmailAddress(address: from), to: [EmailAddress(address: to)], subject: subject,
            isReply: !refs.isEmpty, direction: .customer, size: 1, replyText: "")
    }

    @Test func gmailThreadIdWins() {
        var messages = [
            Self.summary(1, id: "a@x", gmail: 0x1234), Self.summary(2, id: "b@x", refs: ["a@x"], gmail: 0x1234),
        ]
        Threader.assignThreadIds(&messages)
        #expect(messages[0].threadId == "0000000000001234")
        #expect(messages[1].threadId == "0000000000001234")
    }

    @Test func referencesChainWithMissingParent() {
        var messages = [
            Self.summary(1, id: "c@x", refs: ["a@x", "b@x"], date: 3),
            Self.summary(2, id: "d@x", inReplyTo: ["b@x"], date: 4),
            Self.summary(3, id: "e@x", date: 5, from: "z@z.test", to: "q@q.test"),
        ]
        Threader.assignThreadIds(&messages)
        #expect(messages[0].threadId == messages[1].threadId)
        #expect(messages[0].threadId == StableHash.hex(StableHash.fnv1a64("a@x")))
        #expect(messages[2].threadId != messages[0].threadId)
    }

    @Test func loopsAndDuplicatesDoNotHang() {
        var messages = [
            Self.summary(1, id: "a@x", refs: ["b@x"], date: 1), Self.summary(2, id: "b@x", refs: ["a@x"], date: 2),
            Self.summary(3, id: "a@x", date: 3), Self.summary(4, id: nil, subject: "Other", date: 4),
        ]
        Threader.assignThreadIds(&messages)
        #expect(messages[0].threadId == messages[1].threadId)
        #expect(messages.allSatisfy { $0.threadId.count == 16 })
        #expect(messages[3].threadId == messages[3].id)
    }

    @Test func subjectGroupingIsALastResortWithSharedParticipants() {
        var messages = [
            Self.summary(1, id: "a@x", subject: "Invoice missing VAT", date: 1, from: "c@c.test", to: "help@h.test"),
            Self.summary(
                2, id: "b@x", subject: "RE : Invoice missing VAT", date: 2, from: "help@h.test", to: "c@c.test"),
            Self.summary(
                3, id: "z@x", subject: "Réf. : Invoice missing VAT", date: 3, from: "other@o.test", to: "x@x.test"),
        ]
        Threader.assignThreadIds(&messages)
        #expect(messages[0].threadId == messages[1].threadId)
        #expect(messages[2].threadId != messages[0].threadId)
    }

    @Test func independentOfInputOrder() {
        let messages = [
            Self.summary(1, id: "a@x", date: 1), Self.summary(2, id: "b@x", refs: ["a@x"], date: 2),
            Self.summary(3, id: "c@x", refs: ["a@x", "b@x"], date: 3), Self.summary(4, id: "b@x", date: 4),
            Self.summary(5, id: "q@x", subject: "Re: Hello", date: 5),
        ]
        let forward = Threader.threadIds(for: messages)
        let reversed = Array(Threader.threadIds(for: messages.reversed()).reversed())
        #expect(forward == reversed)
    }

    @Test func idsAndSubjectGroupsFromOnePassMatchEachAlone() {
        let messages = [
            Self.summary(1, id: "a@x", subject: "Invoice missing VAT", date: 1, from: "c@c.test", to: "help@h.test"),
            Self.summary(
                2, id: "b@x", subject: "Re: Invoice missing VAT", date: 2, from: "help@h.test", to: "c@c.test"),
            Self.summary(3, id: "c@x", refs: ["a@x"], subject: "Other words", date: 3),
            Self.summary(4, id: "d@x", refs: ["zz@x"], subject: "Fwd: Late start", date: 0),
            Self.summary(5, id: "e@x", inReplyTo: ["zz@x"], subject: "Late start", date: 5),
            Self.summary(6, id: nil, subject: "", date: 6),
        ]
        let both = Threader.threadIdsAndSubjectGroups(for: messages)
        #expect(both.ids == Threader.threadIds(for: messages))
        let alone = Threader.subjectGroups(for: messages)
        #expect(both.groups.map(\.subject) == alone.map(\.subject))
        #expect(both.groups.map(\.firstDate) == alone.map(\.firstDate))
        // Not vacuous: the lone reply joined by subject, and the thread of d and e is seen under d's subject.
        #expect(both.ids[1] == both.ids[0])
        #expect(
            both.groups[4].subject == SubjectNormalizer.normalize("Fwd: Late start") && both.groups[4].firstDate == 0)
    }

    @Test func manyOrphanRepliesWithOneSubjectStayCheap() {
        var messages = [MessageSummary]()
        for number in 0..<5_000 {
            let subject = number % 2 == 0 ? "Help" : "Re: Help"
            let customer = "c\(number / 2)@c.test"
            // Customers write in, the team answers each one without references.
            let from = number % 2 == 0 ? customer : "help@h.test"
            let to = number % 2 == 0 ? "help@h.test" : customer
            messages.append(
                Self.summary(
                    UInt32(number + 1), id: "m\(number)@x", subject: subject, date: Int64(number), from: from, to: to))
        }
        Threader.assignThreadIds(&messages)
        // Each answer joins the thread of the customer it is addressed to.
        #expect(messages[1].threadId == messages[0].threadId)
        #expect(messages[3].threadId == messages[2].threadId)
        #expect(messages[3].threadId != messages[1].threadId)
    }

    @Test(arguments: [
        ("Re: Hello", true), ("RE : Hello", true), ("AW: Hallo", true), ("SV: Hej", true), ("Réf. : Bonjour", true),
        ("Fwd: Hello", false), ("TR: Bonjour", false), ("Re[2]: Hello", true), ("[support] Re: Hi", true),
        ("Regarding the bill", false),
    ])
    func replyPrefixes(subject: String, isReply: Bool) {
        #expect(SubjectNormalizer.hasReplyPrefix(subject) == isReply)
    }

    @Test func normalizedSubjects() {
        #expect(SubjectNormalizer.normalize("RE : TR: Fwd:  Le  lien") == "le lien")
        #expect(SubjectNormalizer.normalize("Fw: Réf. : Facture") == "facture")
    }

    /// notmuch's test corpus, read in place (GPL, not copied into Tests/), found relative to the
    /// package: `shared/` beside the clone or two levels up (a worktree under /work/wt/).
    static let notmuchCorpus: URL? = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return ["../shared/corpora/notmuch", "../../shared/corpora/notmuch"]
            .map { package.appendingPathComponent($0).standardizedFileURL }
            .first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("lkml").path) }
    }()

    /// notmuch's real LKML threads. Oracle: each connected component of the
    /// Message-ID/References/In-Reply-To graph is exactly one thread.
    @Test(
        .enabled(
            if: notmuchCorpus != nil,
            "needs shared/corpora/notmuch beside the clone (GPL: read in place, not in the repository)"))
    func notmuchThreadsMatchReferenceComponents() throws {
        let root = try #require(Self.notmuchCorpus)
        var passed = 0
        var total = 0
        var failures = [String]()
        for folder in ["lkml", "threading", "duplicate", "broken", "default"] {
            guard let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path)
            else { continue }
            var files = [String]()
            while let next = enumerator.nextObject() as? String {
                var isDirectory: ObjCBool = false
                let path = root.appendingPathComponent(folder).appendingPathComponent(next).path
                if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue,
                    !next.hasSuffix(".md")
                {
                    files.append(path)
                }
            }
            files.sort()
            var summaries = [MessageSummary]()
            for (index, path) in files.enumerated() {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
                let key = MessageKey(
                    account: "n", mailbox: folder, uidValidity: UIDValidity(1), uid: UID(UInt32(index + 1)))
                summaries.append(
                    MessageSummarizer.summarize(
                        bytes: bytes, metadata: FetchedMetadata(key: key, size: bytes.count),
                        team: TeamMatcher(members: [])
                    ).summary)
            }
            let ids = Threader.threadIds(for: summaries)
            #expect(
                ids == Array(Threader.threadIds(for: summaries.reversed()).reversed()),
                "order-dependent threads in \(folder)")
            // Union-find over ids.
            var parent = [String: String]()
            func find(_ value: String) -> String {
                var current = value
                while let next = parent[current], next != current { current = next }
                return current
            }
            func union(_ a: String, _ b: String) {
                let rootA = find(a)
                let rootB = find(b)
                if rootA != rootB { parent[max(rootA, rootB)] = min(rootA, rootB) }
            }
            for summary in summaries {
                let own = summary.messageId ?? "key:\(summary.id)"
                if parent[own] == nil { parent[own] = own }
                for reference in summary.references + summary.inReplyTo {
                    if parent[reference] == nil { parent[reference] = reference }
                    union(own, reference)
                }
            }
            // A component split over several threads is a failure. Several components in one thread
            // are allowed only through the documented last resort: a reply-prefixed subject on a
            // message with no references at all.
            var threadOfComponent = [String: String]()
            var componentsOfThread = [String: Set<String>]()
            for (index, summary) in summaries.enumerated() {
                componentsOfThread[ids[index], default: []].insert(find(summary.messageId ?? "key:\(summary.id)"))
            }
            for (index, summary) in summaries.enumerated() {
                total += 1
                let component = find(summary.messageId ?? "key:\(summary.id)")
                let thread = ids[index]
                let sameThread = threadOfComponent[component].map { $0 == thread } ?? true
                threadOfComponent[component] = threadOfComponent[component] ?? thread
                let merged = (componentsOfThread[thread]?.count ?? 1) > 1
                let mergeAllowed =
                    !merged
                    || (summary.references.isEmpty && summary.inReplyTo.isEmpty
                        && SubjectNormalizer.hasReplyPrefix(summary.subject))
                    || summaries.indices.contains { other in
                        ids[other] == thread
                            && find(summaries[other].messageId ?? "key:\(summaries[other].id)") != component
                            && summaries[other].references.isEmpty && summaries[other].inReplyTo.isEmpty
                            && SubjectNormalizer.hasReplyPrefix(summaries[other].subject)
                    }
                if sameThread && mergeAllowed {
                    passed += 1
                } else {
                    failures.append(
                        "\(folder) \(summary.messageId ?? summary.id) \(summary.subject.prefix(60)): thread \(thread) disagrees with its reference component"
                    )
                }
            }
        }
        let rate = FixtureSupport.report("notmuch-threads", passed: passed, total: total, failures: failures)
        #expect(total > 250)
        #expect(rate >= 0.99)
    }
}
