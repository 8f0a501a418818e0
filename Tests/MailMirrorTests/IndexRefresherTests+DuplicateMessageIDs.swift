import Foundation
import Testing

@testable import MailMirror

/// Copies of a Message-ID dated elsewhere (a message sent again, or kept with another date): the threader
/// makes each copy after the first a message of its own, so records found under one Message-ID may hold
/// different thread ids. This is the only shape where the lookup's reference closure reaches a lone reply
/// whose stored thread the windows have not asked yet (`SubjectWindows.unchecked`); with unique
/// Message-IDs every record the closure reaches shares the thread it was reached from.
extension IndexRefresherTests {
    @Test(arguments: [(1, 2, 12), (2, 2, 12), (3, 1, 6), (4, 2, 6), (5, 1, 80), (6, 2, 80)] as [(UInt64, Int, Int)])
    func aRefreshByLookupWithCopiesOfMessageIDsThreadsLikeTheWholeCatalog(
        seed: UInt64, subjects: Int, customers: Int
    ) throws {
        var random = Seeded(state: seed)
        let mirror = try SubjectMirror(step: 3)
        // One message in four is a lone reply reusing a Message-ID already sent, under its subject or another,
        // from its customer or another.
        func addCopyOrRandom(minutes: Range<Int>, tag: String) throws {
            guard random.next(4) == 0, !mirror.sent.isEmpty else {
                try Self.addRandom(
                    to: mirror, &random, minutes: minutes, tag: tag, subjects: subjects, customers: customers)
                return
            }
            let original = mirror.sent[random.next(mirror.sent.count)]
            try mirror.add(
                id: original.id, subject: random.next(2) == 0 ? original.subject : random.next(subjects), reply: true,
                customer: random.next(2) == 0 ? original.customer : random.next(customers), fromTeam: false,
                references: [], minute: minutes.lowerBound + random.next(minutes.count))
        }
        for _ in 0..<400 { try addCopyOrRandom(minutes: 0..<(20 * 1440), tag: "a") }
        #expect(!(try mirror.refresh()), "the first refresh threads the whole catalog")
        #expect(try mirror.differences().isEmpty)
        var byLookup = 0
        for batch in 0..<8 {
            for _ in 0..<(1 + random.next(8)) { try addCopyOrRandom(minutes: 0..<(21 * 1440), tag: "b\(batch)-") }
            if try mirror.refresh() { byLookup += 1 }
            let differences = try mirror.differences()
            #expect(differences.isEmpty, "seed \(seed), batch \(batch): \(differences.prefix(5))")
        }
        #expect(byLookup == 8, "every batch went by lookup")
    }
}
