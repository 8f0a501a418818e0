import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// The subject rule on the refresh by lookup: many threads share a subject (more than the 64 a lone
/// reply examines), lone replies arrive late or dated out of order, new messages join old threads, late
/// parents join threads. After every refresh the stored thread ids equal a full rethread, and the refresh
/// went by lookup (the table's tail grew).
extension IndexRefresherTests {
    /// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
    struct Seeded {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// A mirror fed message by message, refreshed after each batch.
    final class SubjectMirror {
        let root = ScratchFolder.root.appendingPathComponent("mm-subjects-\(UUID().uuidString)")
        let store: MailStore
        var refresher: IndexRefresher
        let cataloguer: Cataloguer
        var uid: UInt32 = 0
        /// Message-IDs stored so far, by subject index, and who wrote them.
        var sent: [(id: String, subject: Int, customer: Int)] = []

        init(step: Int, maxReads: Int = 50_000) throws {
            store = try MailStore(root: root)
            refresher = IndexRefresher(store: store, paths: MirrorPaths(root: root), teams: [:])
            refresher.subjectWindowStep = step
            refresher.maxLookupReads = maxReads
            cataloguer = Cataloguer(catalog: store.catalog, team: TeamMatcher(members: []))
        }

        deinit { try? FileManager.default.removeItem(at: root) }

        static let subjects = ["Password reset", "Invoice missing", "App crashes", "Refund"]

        /// A message at `minute` (minutes after 1 March 2025, so several messages may share one date).
        func add(
            id: String, subject: Int, reply: Bool, customer: Int, fromTeam: Bool, references: [String], minute: Int
        ) throws {
            uid += 1
            let customerAddress = "c\(customer)@example.com"
            let from = fromTeam ? "help@example.com" : customerAddress
            let to = fromTeam ? customerAddress : "help@example.com"
            let day = 1 + minute / 1440
            let time = String(format: "%02d:%02d:00", minute % 1440 / 60, minute % 60)
            let bytes = Array(
                ("From: \(from)\r\nTo: \(to)\r\nSubject: \(reply ? "Re: " : "")\(Self.subjects[subject])\r\n"
                    + "Message-ID: <\(id)@example.com>\r\n"
                    + (references.isEmpty
                        ? ""
                        : "References: " + references.map { "<\($0)@example.com>" }.joined(separator: " ") + "\r\n")
                    + "Date: \(day) Mar 2025 \(time) +0000\r\n\r\nBonjour \(uid)\r\n").utf8)
            let mailbox = try store.mailbox(account: "test", name: "INBOX")
            try mailbox.commit(uidValidity: UIDValidity(1), uid: UID(uid), flags: [], bytes: bytes)
            let key = MessageKey(account: "test", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid))
            cataloguer.ingest(key: key, message: RemoteMessage(uid: UID(uid), flags: [], bytes: bytes))
            sent.append((id, subject, customer))
        }

        /// Catalogues what was added and refreshes; true when the refresh went by lookup.
        func refresh() throws -> Bool {
            try cataloguer.flush()
            let tail = root.appendingPathComponent("catalog/threads.tail").path
            let before = (try? FileManager.default.attributesOfItem(atPath: tail)[.size] as? Int) ?? 0
            try refresher.refresh()
            let after = (try? FileManager.default.attributesOfItem(atPath: tail)[.size] as? Int) ?? 0
            return after > before
        }

        /// Stored thread ids against a full rethread of the catalog: the ids that differ (and the records
        /// written back without their text: the lookup reads records without it, and must write them whole).
        func differences() throws -> [String] {
            let view = try CatalogView(catalog: store.catalog)
            let stored = Dictionary(uniqueKeysWithValues: view.records.map { ($0.id, $0.threadId) })
            return view.messages.filter { stored[$0.id] != $0.threadId }.map { $0.messageId ?? $0.id }
                + view.records.filter { !$0.replyText.hasPrefix("Bonjour") }.map { "no text: \($0.id)" }
        }

        /// How many messages the subject rule placed in a thread of another root (their thread id is not
        /// their own Message-ID's): the test must exercise it.
        func placedBySubject() throws -> Int {
            try CatalogView(catalog: store.catalog).messages.filter {
                $0.references.isEmpty && $0.subject.hasPrefix("Re: ")
                    && $0.threadId != StableHash.hex(StableHash.fnv1a64($0.messageId ?? ""))
            }.count
        }
    }

    /// Adds one random message: a new thread, a reply in a thread, a lone reply (no reference), or a late
    /// parent of messages already there, dated anywhere in `minutes` (out of order on purpose).
    static func addRandom(
        to mirror: SubjectMirror, _ random: inout Seeded, minutes: Range<Int>, tag: String, subjects: Int = 4,
        customers: Int = 12
    ) throws {
        let index = mirror.sent.count
        let minute = minutes.lowerBound + random.next(minutes.count)
        let subject = random.next(subjects)
        let customer = random.next(customers)
        switch random.next(10) {
        case 0..<3:
            try mirror.add(
                id: "\(tag)\(index)", subject: subject, reply: false, customer: customer, fromTeam: false,
                references: [], minute: minute)
        case 3..<5 where !mirror.sent.isEmpty:
            let parent = mirror.sent[random.next(mirror.sent.count)]
            try mirror.add(
                id: "\(tag)\(index)", subject: parent.subject, reply: true, customer: parent.customer,
                fromTeam: random.next(2) == 0, references: [parent.id], minute: minute)
        case 5..<9:
            // A lone reply: a customer (or the team) answering without references.
            try mirror.add(
                id: "\(tag)\(index)", subject: subject, reply: true, customer: customer, fromTeam: random.next(3) == 0,
                references: [], minute: minute)
        default:
            // A message naming a parent that is not there yet; the parent comes later (`late\(n)`).
            try mirror.add(
                id: "\(tag)\(index)", subject: subject, reply: true, customer: customer, fromTeam: false,
                references: ["late\(random.next(40))"], minute: minute)
        }
    }

    /// Seeds, how many subjects the messages share (with 2, about 150 threads start under each: more than
    /// twice the 64 a lone reply examines) and how many customers write (with 80, a customer's last thread
    /// is often more than 64 threads back, so that limit decides).
    @Test(arguments: [(1, 4, 12), (2, 4, 12), (3, 2, 12), (4, 2, 80), (5, 2, 80), (6, 1, 80)] as [(UInt64, Int, Int)])
    func aRefreshByLookupWithSharedSubjectsThreadsLikeTheWholeCatalog(seed: UInt64, subjects: Int, customers: Int)
        throws
    {
        var random = Seeded(state: seed)
        let mirror = try SubjectMirror(step: 3)
        // 700 messages over 20 days.
        for _ in 0..<700 {
            try Self.addRandom(
                to: mirror, &random, minutes: 0..<(20 * 1440), tag: "a", subjects: subjects, customers: customers)
        }
        #expect(!(try mirror.refresh()), "the first refresh threads the whole catalog")
        #expect(try mirror.differences().isEmpty)
        #expect(try mirror.placedBySubject() > 20, "the subject rule placed replies")
        var lateParents = Array(0..<40)
        for batch in 0..<8 {
            let count = 1 + random.next(12)
            for _ in 0..<count {
                // Late (after everything), or anywhere (dated out of order), or a late parent.
                let late = random.next(2) == 0
                let minutes = late ? (20 * 1440)..<(21 * 1440) : 0..<(20 * 1440)
                if random.next(6) == 0, let parent = lateParents.popLast() {
                    try mirror.add(
                        id: "late\(parent)", subject: random.next(SubjectMirror.subjects.count), reply: false,
                        customer: random.next(12), fromTeam: false, references: [],
                        minute: random.next(20 * 1440))
                } else {
                    try Self.addRandom(
                        to: mirror, &random, minutes: minutes, tag: "b\(batch)-", subjects: subjects,
                        customers: customers)
                }
            }
            #expect(try mirror.refresh(), "batch \(batch) went by lookup")
            let differences = try mirror.differences()
            #expect(differences.isEmpty, "seed \(seed), batch \(batch): \(differences.prefix(5))")
        }
    }

    /// A lone reply dated late under a subject of 600 threads reads a window of the subject, not all of it.
    @Test func aLateLoneReplyReadsAWindowOfItsSubject() throws {
        let mirror = try SubjectMirror(step: 40, maxReads: 800)
        for index in 0..<1_200 {
            // 600 threads of one subject: a question and an answer each, a minute apart.
            let customer = index / 2 % 50
            try mirror.add(
                id: "t\(index)", subject: 0, reply: index % 2 == 1, customer: customer, fromTeam: index % 2 == 1,
                references: index % 2 == 1 ? ["t\(index - 1)"] : [], minute: index)
        }
        #expect(!(try mirror.refresh()))
        // Two lone replies: one after everything, one in the middle: two windows.
        try mirror.add(
            id: "lone1", subject: 0, reply: true, customer: 60, fromTeam: false, references: [], minute: 5_000)
        try mirror.add(id: "lone2", subject: 0, reply: true, customer: 3, fromTeam: false, references: [], minute: 601)
        #expect(try mirror.refresh(), "by lookup, within 800 reads")
        #expect(try mirror.differences().isEmpty)
        #expect(
            try mirror.placedBySubject() == 1,
            "lone2 finds customer 3's thread (started at minute 506) within 64; lone1 (no thread of its sender) not"
        )
    }

    /// A lone reply placed anew that joins, over what the refresh read, a thread started before its window
    /// is not settled there: threads between were not read. Customer 3's lone reply joins its thread 64
    /// threads back (the last the rule examines); a new thread just before the reply puts that one out of
    /// reach, though over the few records of the window the reply still finds it (its stored thread is read
    /// whole). The window grows to 64 threads before the reply, which stays alone as a full rethread leaves it.
    @Test func aLoneReplyJoiningAThreadStartedBeforeItsWindowIsPlacedOverAWholeWindow() throws {
        let mirror = try SubjectMirror(step: 3)
        // Customer 3's thread at minute 0, then 63 threads of other customers, ten minutes apart.
        try mirror.add(id: "q", subject: 0, reply: false, customer: 3, fromTeam: false, references: [], minute: 0)
        try mirror.add(id: "a", subject: 0, reply: true, customer: 3, fromTeam: true, references: ["q"], minute: 5)
        for index in 1...63 {
            try mirror.add(
                id: "t\(index)", subject: 0, reply: false, customer: 10 + index, fromTeam: false, references: [],
                minute: index * 10)
        }
        try mirror.add(id: "lone", subject: 0, reply: true, customer: 3, fromTeam: false, references: [], minute: 640)
        #expect(!(try mirror.refresh()))
        #expect(try mirror.placedBySubject() == 1, "the lone reply joins customer 3's thread, 64 threads back")
        try mirror.add(id: "new", subject: 0, reply: false, customer: 90, fromTeam: false, references: [], minute: 635)
        #expect(try mirror.refresh(), "by lookup")
        #expect(try mirror.differences().isEmpty)
        #expect(try mirror.placedBySubject() == 0, "65 threads back: the lone reply is alone")
    }

    /// Two subjects whose windows are worked out in the same rounds, each on its own dates: a window's
    /// places, thread starts and affected dates are its own subject's, never the other's. The case of
    /// `aLoneReplyJoiningAThreadStartedBeforeItsWindowIsPlacedOverAWholeWindow` under each, a week apart
    /// (with another customer under subject 1).
    @Test func twoSubjectsChangedInOneRefreshEachKeepTheirOwnWindows() throws {
        let mirror = try SubjectMirror(step: 3)
        for (subject, start) in [(0, 0), (1, 7 * 1440)] {
            let customer = 3 + subject
            try mirror.add(
                id: "q\(subject)", subject: subject, reply: false, customer: customer, fromTeam: false,
                references: [], minute: start)
            try mirror.add(
                id: "a\(subject)", subject: subject, reply: true, customer: customer, fromTeam: true,
                references: ["q\(subject)"], minute: start + 5)
            for index in 1...63 {
                try mirror.add(
                    id: "t\(subject)-\(index)", subject: subject, reply: false, customer: 10 + index + 100 * subject,
                    fromTeam: false, references: [], minute: start + index * 10)
            }
            try mirror.add(
                id: "lone\(subject)", subject: subject, reply: true, customer: customer, fromTeam: false,
                references: [], minute: start + 640)
        }
        #expect(!(try mirror.refresh()))
        #expect(try mirror.placedBySubject() == 2, "each lone reply joins its customer's thread, 64 threads back")
        try mirror.add(id: "new0", subject: 0, reply: false, customer: 90, fromTeam: false, references: [], minute: 635)
        try mirror.add(
            id: "new1", subject: 1, reply: false, customer: 91, fromTeam: false, references: [],
            minute: 7 * 1440 + 635)
        #expect(try mirror.refresh(), "by lookup")
        #expect(try mirror.differences().isEmpty)
        #expect(try mirror.placedBySubject() == 0, "65 threads back: both lone replies are alone")
    }
}

extension IndexRefresherTests {
    /// Lone replies after a window whose stored threads start before, at or after what changed: a few
    /// customers, so most lone replies join a thread of their own customer some threads back, and new
    /// threads dated anywhere (a customer's new thread takes that customer's later lone replies from an
    /// older thread), new lone replies and new replies in old threads. A window reads no further than the
    /// lone replies after it whose stored threads start after every dirty place before them
    /// (`SubjectWindows.keepsItsThread`): the others must still be placed over a whole window.
    @Test(arguments: [(11, 1, 4), (12, 1, 6), (13, 2, 5), (14, 1, 3), (15, 2, 8), (16, 1, 5)] as [(UInt64, Int, Int)])
    func loneRepliesAfterAWindowKeepTheirThreadsOnlyWhenNothingBeforeThemChanged(
        seed: UInt64, subjects: Int, customers: Int
    ) throws {
        var random = Seeded(state: seed)
        let mirror = try SubjectMirror(step: 2)
        // 500 messages over 20 days: threads of the customers, answers, and many lone replies.
        var threads: [String] = []
        for index in 0..<500 {
            let minute = random.next(20 * 1440)
            let customer = random.next(customers)
            let subject = random.next(subjects)
            switch random.next(10) {
            case 0..<4:
                try mirror.add(
                    id: "q\(index)", subject: subject, reply: false, customer: customer, fromTeam: false,
                    references: [], minute: minute)
                threads.append("q\(index)")
            case 4..<6 where !threads.isEmpty:
                let thread = threads[random.next(threads.count)]
                let parent = mirror.sent.first { $0.id == thread }!
                try mirror.add(
                    id: "r\(index)", subject: parent.subject, reply: true, customer: parent.customer,
                    fromTeam: true, references: [parent.id], minute: minute)
            default:
                try mirror.add(
                    id: "l\(index)", subject: subject, reply: true, customer: customer,
                    fromTeam: random.next(4) == 0, references: [], minute: minute)
            }
        }
        #expect(!(try mirror.refresh()), "the first refresh threads the whole catalog")
        #expect(try mirror.placedBySubject() > 50, "the subject rule placed replies")
        for batch in 0..<10 {
            for item in 0..<(1 + random.next(3)) {
                let minute = random.next(20 * 1440)
                let customer = random.next(customers)
                let subject = random.next(subjects)
                let id = "n\(batch)-\(item)"
                switch random.next(4) {
                case 0, 1:
                    try mirror.add(
                        id: id, subject: subject, reply: false, customer: customer, fromTeam: false, references: [],
                        minute: minute)
                    threads.append(id)
                case 2:
                    try mirror.add(
                        id: id, subject: subject, reply: true, customer: customer, fromTeam: false, references: [],
                        minute: minute)
                default:
                    let thread = threads[random.next(threads.count)]
                    let parent = mirror.sent.first { $0.id == thread }!
                    try mirror.add(
                        id: id, subject: parent.subject, reply: true, customer: (parent.customer + 1) % customers,
                        fromTeam: false, references: [parent.id], minute: minute)
                }
            }
            #expect(try mirror.refresh(), "batch \(batch) went by lookup")
            let differences = try mirror.differences()
            #expect(differences.isEmpty, "seed \(seed), batch \(batch): \(differences.prefix(5))")
        }
    }
}

extension IndexRefresherTests {
    /// A lone reply stored alone, far after a new thread of its sender: it examined up to 64 threads, which
    /// the refresh does not know without reading them, so the window reaches it (it joins the new thread),
    /// and one stored in a thread started before the new one moves to it. Each is dozens of records after
    /// the new thread: a window that stopped at its first records would leave them where they were.
    @Test func loneRepliesAfterAWindowThatMustMoveAreReached() throws {
        let mirror = try SubjectMirror(step: 2)
        // Under each subject: 40 threads of other customers, then a lone reply: under subject 0 customer 7's,
        // alone; under subject 1 customer 8's, in its thread at minute 0.
        try mirror.add(id: "q", subject: 1, reply: false, customer: 8, fromTeam: false, references: [], minute: 0)
        for subject in 0...1 {
            for index in 1...40 {
                try mirror.add(
                    id: "t\(subject)-\(index)", subject: subject, reply: false, customer: 20 + index, fromTeam: false,
                    references: [], minute: 100 + index * 10)
                try mirror.add(
                    id: "a\(subject)-\(index)", subject: subject, reply: true, customer: 20 + index, fromTeam: true,
                    references: ["t\(subject)-\(index)"], minute: 105 + index * 10)
            }
        }
        try mirror.add(id: "alone", subject: 0, reply: true, customer: 7, fromTeam: false, references: [], minute: 600)
        try mirror.add(id: "joins", subject: 1, reply: true, customer: 8, fromTeam: false, references: [], minute: 610)
        #expect(!(try mirror.refresh()))
        #expect(try mirror.placedBySubject() == 1, "customer 8's reply joins its thread; customer 7's is alone")
        try mirror.add(id: "new7", subject: 0, reply: false, customer: 7, fromTeam: false, references: [], minute: 50)
        #expect(try mirror.refresh(), "by lookup")
        #expect(try mirror.differences().isEmpty)
        #expect(try mirror.placedBySubject() == 2, "customer 7's reply joins its new thread")
        try mirror.add(id: "new8", subject: 1, reply: false, customer: 8, fromTeam: false, references: [], minute: 60)
        #expect(try mirror.refresh(), "by lookup")
        #expect(try mirror.differences().isEmpty)
        #expect(try mirror.placedBySubject() == 2, "customer 8's reply moves to its new thread")
        // Another new thread of customer 8 dated with the last: after it in the threader's order (date, then
        // catalog id), so the reply examines it first and moves again.
        try mirror.add(id: "new8b", subject: 1, reply: false, customer: 8, fromTeam: false, references: [], minute: 60)
        #expect(try mirror.refresh(), "by lookup")
        #expect(try mirror.differences().isEmpty)
        #expect(try mirror.placedBySubject() == 2)
    }
}
