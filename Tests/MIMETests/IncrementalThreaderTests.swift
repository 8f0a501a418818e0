import Foundation
import MailCore
import Testing

@testable import MIME

/// `IncrementalThreader` must give exactly what `Threader.threadIdsAndSubjectGroups` gives over everything
/// added, after every addition: additions that name no Message-ID of the earlier ones (only linked) and
/// additions that do (linked again with everything), sharing subjects and people with the earlier ones so
/// that the subject rule joins threads across additions.
@Suite(.timeLimit(.minutes(2))) struct IncrementalThreaderTests {
    typealias Random = CompactThreaderTests.Random

    /// Random messages (`CompactThreaderTests.catalog`) with ids of their own; with `apart`, Message-IDs
    /// of their own too.
    static func batch(_ random: inout Random, number: Int, apart: Bool) -> [MessageSummary] {
        let size = 1 + Int(random.next() % 60)
        let messageIds = 1 + Int(random.next() % UInt64(size)) + size / 3
        var messages = CompactThreaderTests.catalog(&random, size: size, messageIds: messageIds, dates: 400)
        func renamed(_ id: String) -> String { id.isEmpty || !apart ? id : "b\(number)-\(id)" }
        for index in messages.indices {
            messages[index].id = "b\(number)-\(messages[index].id)"
            messages[index].messageId = messages[index].messageId.map(renamed)
            messages[index].references = messages[index].references.map(renamed)
            messages[index].inReplyTo = messages[index].inReplyTo.map(renamed)
            // Gmail's ids win over everything: most batches go without, so the subject rule decides.
            if random.next() % 4 != 0 { messages[index].gmailThreadId = nil }
        }
        return messages
    }

    @Test(arguments: 0..<6) func equalsThreaderAfterEveryAddition(seed: UInt64) {
        var random = Random(state: seed &* 104_729 &+ 3)
        var linkedOnly = 0
        var relinked = 0
        var joinedAcross = 0
        for catalog in 0..<30 {
            var threader = IncrementalThreader()
            var all: [MessageSummary] = []
            for number in 0..<(1 + Int(random.next() % 6)) {
                let messages = Self.batch(&random, number: number, apart: random.next() % 3 != 0)
                let relinks = threader.relinks
                threader.add(messages, normalizedSubjects: messages.map { SubjectNormalizer.normalize($0.subject) })
                all += messages
                if number > 0 { if threader.relinks == relinks { linkedOnly += 1 } else { relinked += 1 } }
                #expect(threader.summaries.map(\.id) == all.map(\.id))
                let got = threader.threadIdsAndSubjectGroups()
                let expected = Threader.threadIdsAndSubjectGroups(for: all)
                #expect(got.ids == expected.ids, "seed \(seed), catalog \(catalog), batch \(number)")
                #expect(
                    got.groups.map(\.subject) == expected.groups.map(\.subject)
                        && got.groups.map(\.firstDate) == expected.groups.map(\.firstDate),
                    "seed \(seed), catalog \(catalog), batch \(number)")
                // Each group is its head's: the head's own subject and date.
                #expect(
                    got.heads.map { SubjectNormalizer.normalize(all[$0].subject) } == got.groups.map(\.subject)
                        && got.heads.map { all[$0].date } == got.groups.map(\.firstDate))
                if got.ids != expected.ids { return }
                // A message of this batch put by the subject rule in a thread of an earlier batch.
                for (message, id) in zip(messages, got.ids.suffix(messages.count))
                where Threader.isLoneReply(message) && message.gmailThreadId == nil
                    && all.prefix(all.count - messages.count).contains(where: { $0.threadId == id })
                {
                    joinedAcross += 1
                }
                for index in all.indices { all[index].threadId = got.ids[index] }
            }
        }
        #expect(linkedOnly > 20, "additions apart from the earlier ones were only linked")
        #expect(relinked > 5, "additions naming earlier Message-IDs were linked again with everything")
        #expect(joinedAcross > 5, "the subject rule joined messages to threads of earlier additions")
    }
}
