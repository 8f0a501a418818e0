import Foundation
import MailCore
import Testing

@testable import MIME

/// `CompactThreader` must give exactly `Threader.threadIds`'s ids: compared over many random catalogs made
/// to hit every rule (shared subjects, lone replies, duplicate Message-IDs, loops, missing parents, Gmail ids,
/// equal dates, ids that are not hex).
@Suite(.timeLimit(.minutes(2))) struct CompactThreaderTests {
    /// SplitMix64: the same catalogs on every run.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let subjects = [
        "Invoice missing VAT", "Re: Invoice missing VAT", "RE : invoice  missing vat", "Fwd: Invoice missing VAT",
        "Re: Password reset", "Password reset", "[help] Re: Password reset", "Re:", "", "Re: Re: Refund",
        "Refund", "AW: Refund",
    ]
    static let people = ["a@x.test", "B@x.test", "b@x.test", "help@h.test", "c@c.test", ""]

    static func catalog(_ random: inout Random, size: Int, messageIds: Int, dates: Int) -> [MessageSummary] {
        func below(_ count: Int) -> Int { Int(random.next() % UInt64(count)) }
        func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
        func chance(_ percent: Int) -> Bool { below(100) < percent }
        func messageId() -> String { chance(3) ? "" : "m\(below(messageIds))@x" }
        func address() -> EmailAddress { EmailAddress(address: pick(people)) }
        var messages: [MessageSummary] = []
        for uid in 0..<size {
            let references: [String] = (0..<below(chance(50) ? 1 : 5)).map { _ in messageId() }
            let inReplyTo: [String] = chance(30) ? [messageId()] : []
            let key = MessageKey(
                account: "a", mailbox: pick(["INBOX", "Sent"]), uidValidity: UIDValidity(1), uid: UID(UInt32(uid + 1)))
            let gmail: UInt64? = chance(8) ? UInt64(below(4)) : nil
            let to: [EmailAddress] = (0..<below(3)).map { _ in address() }
            let cc: [EmailAddress] = chance(20) ? [address()] : []
            var summary = MessageSummary(
                key: key, messageId: chance(10) ? nil : messageId(), inReplyTo: inReplyTo, references: references,
                gmailThreadId: gmail, date: Int64(below(dates)), from: chance(5) ? nil : address(), to: to, cc: cc,
                subject: pick(subjects), isReply: false, direction: .customer, size: 1, replyText: "")
            if chance(5) { summary.id = "odd-\(uid)" }
            messages.append(summary)
        }
        return messages
    }

    @Test(arguments: 0..<8) func equalsThreaderOnRandomCatalogs(seed: UInt64) {
        var random = Random(state: seed &* 7_919 &+ 1)
        var joinedBySubject = 0
        for round in 0..<400 {
            let size = 1 + Int(random.next() % (round % 4 == 0 ? 200 : 40))
            let messageIds = 1 + Int(random.next() % UInt64(size)) + size / 3
            let dates = 1 + Int(random.next() % UInt64(size))
            let messages = Self.catalog(&random, size: size, messageIds: messageIds, dates: dates)
            let expected = Threader.threadIds(for: messages)
            let got = CompactThreader.threadIds(for: messages)
            #expect(got == expected, "seed \(seed), round \(round)")
            if got != expected { return }
            // A reply with no Message-ID, reference or Gmail id is named by its own id unless the subject rule
            // moved it: the catalogs must exercise that rule, not only the linking.
            for (message, thread) in zip(messages, expected)
            where message.messageId == nil && message.gmailThreadId == nil && message.references.isEmpty
                && message.inReplyTo.isEmpty && thread != message.id
            {
                joinedBySubject += 1
            }
        }
        #expect(joinedBySubject > 10)
    }

    /// More than 64 earlier threads under one subject: the window cuts the same candidates.
    @Test func candidateWindowMatches() {
        var messages: [MessageSummary] = []
        for index in 0..<150 {
            messages.append(
                MessageSummary(
                    key: MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(index + 1))),
                    messageId: "t\(index)@x", date: Int64(index),
                    from: EmailAddress(address: index == 3 ? "match@x.test" : "p\(index)@x.test"),
                    to: [EmailAddress(address: "help@h.test")], subject: "Question", isReply: false,
                    direction: .customer, size: 1, replyText: ""))
        }
        for (index, from) in [(1000, "match@x.test"), (1001, "p140@x.test"), (1002, "p10@x.test")] {
            messages.append(
                MessageSummary(
                    key: MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(index))),
                    messageId: "r\(index)@x", date: 500, from: EmailAddress(address: from),
                    to: [EmailAddress(address: "help@h.test")], subject: "Re: Question", isReply: true,
                    direction: .customer, size: 1, replyText: ""))
        }
        let expected = Threader.threadIds(for: messages)
        #expect(CompactThreader.threadIds(for: messages) == expected)
        // The window is what decides here: the reply from the sender of thread 3 stays alone, the others join.
        #expect(expected[150] != expected[3])
        #expect(expected[151] == expected[140])
    }

    @Test func participantsAreReadOnlyWhenTheSubjectRuleNeedsThem() {
        let messages = [
            ThreaderTests.summary(1, id: "a@x", subject: "Hello", date: 1),
            ThreaderTests.summary(2, id: "b@x", refs: ["a@x"], subject: "Re: Hello", date: 2),
        ]
        var threader = CompactThreader()
        for message in messages { threader.add(message) }
        var reread = false
        let threads = threader.finish { _ in reread = true }
        #expect(!reread)
        #expect(threads.threadId(0) == threads.threadId(1))
        #expect(threads.threadId(0) == StableHash.hex(StableHash.fnv1a64("a@x")))
    }

    @Test func hexBitsOrderLikeTheIds() {
        #expect(StableHash.bits(ofHex: "00000000000000ff") == 255)
        #expect(StableHash.bits(ofHex: "00000000000000FF") == nil)
        #expect(StableHash.bits(ofHex: "0000000000000000f") == nil)
        #expect(StableHash.bits(ofHex: "abc") == nil)
        let ids = ["0123456789abcdef", "0123456789abcdf0", "f000000000000000", "a000000000000000"]
        #expect(ids.sorted() == ids.sorted { StableHash.bits(ofHex: $0)! < StableHash.bits(ofHex: $1)! })
    }
}
