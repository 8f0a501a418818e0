import Foundation
import MailCore
import Store
import Testing

@testable import MailMirror

extension HostileSyncTests {
    /// Mailbox names that try to leave the root, and Gmail's behaviour (X-GM-EXT-1, `\All` under a
    /// localised name, `[THROTTLED]`, `BYE` mid-fetch), as whole syncs against hostile_imap.py.
    @Suite struct NamesAndGmail {
        /// The names the server lists in the "names" scenario (see HOSTILE_NAMES in the script).
        static let hostileNames = [
            "..", "../../etc", "a/../../b", "/abs/path", "NUL\u{0}BYE", "ctl\u{1}\u{1B}[2J\u{7F}",
            "Boîte envoyée", ".", String(repeating: "x", count: 600), "%2E%2E", "~tilde",
        ]

        @Test func hostileMailboxNamesStayInsideTheRoot() throws {
            let server = try HostileServer("names")
            let mirror = try HostileMirror()
            // One more name the server does not have, so its error must carry the escape sequence safely.
            let missing = "gone\u{1B}[31mred"
            let result = try mirror.sync(mirror.account(server, mailboxes: Self.hostileNames + [missing, "Good"]))
            #expect(result.error == nil)
            #expect(result.mailboxes.count == Self.hostileNames.count + 2)
            let gone = result.mailboxes.first { $0.mailbox == missing }
            #expect(gone?.error?.contains("gone\u{FFFD}[31mred") == true, "\(gone?.error ?? "no error")")
            var mirrored: [String] = []
            for mailbox in result.mailboxes where mailbox.mailbox != "Good" {
                if let error = mailbox.error {
                    expectSentence(error)
                } else {
                    let stored = try mirror.messages(mailbox.mailbox)
                    #expect(stored.count == 1, "\(mailbox.mailbox.debugDescription)")
                    mirrored.append(mailbox.mailbox)
                }
            }
            // Every name IMAP can carry is mirrored (only NUL cannot be sent in a mailbox name).
            let carriable = Self.hostileNames.filter { !$0.contains("\u{0}") }
            #expect(
                Set(mirrored).isSuperset(of: Set(carriable)),
                "not mirrored: \(Set(carriable).subtracting(mirrored).map(\.debugDescription))")
            // The store lists them back under their real names.
            let listed = try MailStore(root: mirror.root).mailboxes(account: "test")
            #expect(Set(listed).isSuperset(of: Set(mirrored)))
            for name in ["etc", "b", "abs", "path"] {
                #expect(!FileManager.default.fileExists(atPath: mirror.root.appendingPathComponent(name).path))
                #expect(
                    !FileManager.default.fileExists(atPath: mirror.root.appendingPathComponent("accounts/\(name)").path)
                )
            }
            let good = try mirror.messages("Good")
            #expect(good.count == 2)
            try mirror.expectConfined()
        }

        @Test func gmailAllMailboxFoundThroughSpecialUseUnderItsFrenchName() throws {
            let server = try HostileServer("gmail")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server, mailboxes: [], gmail: true))
            #expect(result.error == nil)
            #expect(result.mailboxes.map(\.mailbox) == ["[Gmail]/Tous les messages"])
            #expect(result.mailboxes.first?.fetched == 4)
            #expect(result.mailboxes.first?.error == nil)
            #expect(server.log.contains { $0.contains("EXAMINE \"[Gmail]/Tous les messages\"") })
            #expect(!server.log.contains { $0.contains("EXAMINE \"INBOX\"") || $0.contains("All Mail") })
            #expect(server.log.contains { $0.contains("X-GM-THRID") && $0.contains("BODY.PEEK[]") })

            let catalog = try LocalMirror(root: mirror.root).catalogMessages().sorted { $0.key.uid < $1.key.uid }
            #expect(catalog.count == 4)
            let threads: [UInt64] = [0x18A2_B3C4_D5E6_F701, 0x18A2_B3C4_D5E6_F701, 0x18A2_B3C4_D5E6_F7FF, 0x42]
            for (summary, thread) in zip(catalog, threads) {
                let uid = UInt64(summary.key.uid.rawValue)
                #expect(summary.gmailThreadId == thread)
                #expect(summary.gmailMessageId == 0x18A2_B3C4_D5E6_0000 + uid)
                let hex = String(thread, radix: 16)
                #expect(summary.threadId == String(repeating: "0", count: 16 - hex.count) + hex)
            }
            #expect(catalog.first?.labels == ["\\Inbox", "\\Important"])
            #expect(catalog.dropFirst(2).first?.labels == ["Clients/Société"])
            try mirror.expectConfined()
        }

        @Test func gmailAllMailboxWithAHostileNameStaysInside() throws {
            let server = try HostileServer("gmail-evil-all")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server, mailboxes: [], gmail: true))
            #expect(result.mailboxes.map(\.mailbox) == ["../../../../tmp/Tous les messages"])
            #expect(result.mailboxes.first?.fetched == 4)
            #expect(try mirror.messages("../../../../tmp/Tous les messages").count == 4)
            try mirror.expectConfined()
        }

        @Test func gmailThrottledIsATemporaryError() throws {
            let server = try HostileServer("gmail-throttled")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server, mailboxes: [], gmail: true))
            let failures = result.failures
            #expect(!failures.isEmpty)
            #expect(failures.allSatisfy { $0.temporary }, "\(failures)")
            for failure in failures { expectSentence(failure.message) }
            #expect(failures.contains { $0.message.contains("THROTTLED") || $0.message.contains("throttl") })
            #expect(try mirror.messages("[Gmail]/Tous les messages").isEmpty)
            try mirror.expectConfined()
        }

        @Test func gmailByeMidFetchReconnectsAndFinishes() throws {
            let server = try HostileServer("gmail-bye")
            let mirror = try HostileMirror()
            let result = try mirror.sync(mirror.account(server, mailboxes: [], gmail: true))
            #expect(result.failures.isEmpty, "\(result.failures)")
            #expect(result.mailboxes.first?.fetched == 4)
            #expect(server.connections >= 2)
            let stored = try mirror.messages("[Gmail]/Tous les messages")
            #expect(stored.keys.sorted() == [1, 2, 3, 4])
            // Nothing was downloaded twice: the second connection asked only for what was missing.
            let bodies = server.log.filter { $0.contains("BODY.PEEK[]") }
            #expect(bodies.count == 2)
            #expect(bodies.last.map { !$0.contains(" 1:4 ") && !$0.contains(" 1,") } == true, "\(bodies)")
            try mirror.expectConfined()
        }
    }
}
