import Foundation
import MailCore
import Store
import Testing

@testable import MailMirror

/// The two text guards the hostile-server tests rely on, checked at their edges.
extension HostileSyncTests {
    @Suite struct TextGuards {
        @Test(arguments: ["\u{1B}[2J", "a\u{0}b", "tab\there", "line\nbreak", "c1\u{9B}31m", "del\u{7F}"])
        func controlCharactersNeverReachTheTerminal(_ text: String) {
            let shown = Failure.printable(text)
            #expect(!shown.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            #expect(shown.unicodeScalars.count == text.unicodeScalars.count)
            #expect(shown.contains("\u{FFFD}"))
        }

        @Test func printableKeepsOrdinaryText() {
            let text = "Boîte envoyée: the server answered NO (« Unknown Mailbox »)"
            #expect(Failure.printable(text) == text)
        }

        @Test func indexedTextIsCappedOnACharacterBoundary() {
            let limit = IndexRefresher.maxIndexedTextBytes
            #expect(IndexRefresher.indexable("court") == "court")
            let exact = String(repeating: "a", count: limit)
            #expect(IndexRefresher.indexable(exact) == exact)
            // "é" is two bytes: cutting at the limit would split the last one.
            let accented = String(repeating: "a", count: limit - 1) + String(repeating: "é", count: 10)
            let capped = IndexRefresher.indexable(accented)
            #expect(capped.utf8.count <= limit)
            #expect(capped == String(repeating: "a", count: limit - 1))
            let emoji = String(repeating: "😀", count: limit)
            let cut = IndexRefresher.indexable(emoji)
            #expect(cut.utf8.count == limit && cut.allSatisfy { $0 == "😀" })
        }
    }
}

extension HostileSyncTests {
    @Suite struct UIDNextGuard {
        let stored = StoredListing([(UID(3), [], false), (UID(5), [], true)])

        @Test func reusedUIDsAreRefused() {
            #expect(throws: MailMirrorError.self) {
                try SyncEngine.validate(uidNext: [UID(4), UID(5)], stored: stored, epoch: UIDValidity(9))
            }
        }

        @Test(arguments: [[UID(6), UID(6)], [UID(6), UID(4)], [nil, UID(7)], [nil, nil]] as [[UID?]])
        func anAnnouncedUIDNextAboveWhatWeHoldIsFine(_ announced: [UID?]) throws {
            try SyncEngine.validate(uidNext: announced, stored: stored, epoch: UIDValidity(9))
            try SyncEngine.validate(uidNext: announced, stored: StoredListing(), epoch: UIDValidity(9))
        }
    }
}
