import Foundation
import MailCore
import Store
import Testing

@testable import MailMirror

/// The real `mailmirror sync` process against hostile_imap.py: exit codes, `Error:` sentences
/// on stderr, and the process's own peak memory.
extension HostileSyncTests {
    @Suite struct CommandLine {
        @Test func bigMessagesKeepTheSyncsMemoryBounded() throws {
            let server = try HostileServer("big")
            let mirror = try HostileMirror()
            let run = try mirror.runSync(mirror.account(server), extra: ["--json"])
            #expect(run.status == 0, "\(run.errors)")
            let stored = try mirror.messages("Bad")
            #expect(stored.count == 24)
            #expect(stored.values.allSatisfy { $0.utf8.count > 4_000_000 })
            #expect(try mirror.messages("Good").count == 2)
            // 96 MB of mail went through. Measured (debug build): about 90 MB with the commit queue
            // bounded by bytes and by cores, 151 MB when it held up to 32 messages on 32 threads.
            #expect(run.peakBytes > 0)
            #expect(run.peakBytes < 128 << 20, "mailmirror sync peaked at \(run.peakBytes >> 20) MB")
            try mirror.expectConfined()
        }

        /// The same 24 × 4 MB, but as text/plain bodies. The catalog and index refresh took
        /// 2.3 GB and 128 s (debug build) when the summarizer decoded whole bodies, kept the whole
        /// text as reply text, and the index took all 24 in one batch (595 000 distinct terms).
        /// Now the text is cut at `MessageSummarizer.maxTextBytes` before it is decoded and index
        /// batches are committed at `IndexRefresher.maxPendingTerms`: about 100 MB and 11 s.
        @Test func bigTextBodiesKeepTheSyncsMemoryBounded() throws {
            let server = try HostileServer("big-text")
            let mirror = try HostileMirror()
            let run = try mirror.runSync(mirror.account(server))
            #expect(run.status == 0, "\(run.errors)")
            #expect(try mirror.messages("Bad").count == 24)
            #expect(run.peakBytes < 128 << 20, "mailmirror sync peaked at \(run.peakBytes >> 20) MB")
        }

        @Test func throttledExitsWithTheTemporaryCode() throws {
            let server = try HostileServer("gmail-throttled")
            let mirror = try HostileMirror()
            let run = try mirror.runSync(mirror.account(server, mailboxes: [], gmail: true))
            #expect(run.status == 75, "exit \(run.status): \(run.errors)")
            let line = try #require(run.errors.split(separator: "\n").first { $0.hasPrefix("Error: ") })
            expectSentence(String(line.dropFirst(7)))
            #expect(line.contains("throttl"))
            try mirror.expectConfined()
        }

        @Test func aHostileMailboxFailsTheRunButTheOthersAreMirrored() throws {
            let server = try HostileServer("absurd-literal")
            let mirror = try HostileMirror()
            let run = try mirror.runSync(mirror.account(server))
            #expect(run.status == 1, "exit \(run.status): \(run.errors)")
            let lines = run.errors.split(separator: "\n").filter { $0.hasPrefix("Error: ") }
            #expect(!lines.isEmpty, "\(run.errors)")
            for line in lines { expectSentence(String(line.dropFirst(7))) }
            #expect(try mirror.messages("Good").count == 2)
            try mirror.expectConfined()
        }
    }
}

extension HostileSyncTests {
    @Suite struct AccountNames {
        @Test func anAccountNameThatClimbsOutOfTheRootIsRefused() throws {
            let server = try HostileServer("normal")
            let mirror = try HostileMirror()
            var account = mirror.account(server)
            account.name = "../../escaped"
            let result = try mirror.sync(account)
            expectSentence(result.error)
            #expect(result.error?.contains("config.json") == true)
            #expect(result.mailboxes.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: mirror.base.appendingPathComponent("escaped").path))  // root/budget/../../escaped
            try mirror.expectConfined()
        }
    }
}
