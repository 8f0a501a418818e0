import Foundation
import MailCore
import TestSupport
import Testing

@testable import MailMirror

/// `search --output messages|threads`, through the real binary on a mirror synced from Dovecot: the same
/// hits as `search --json`, printed as ids a script can read (one a line, or a JSON array of strings).
@Suite(.serialized, .testbed)
struct SearchOutputTests {
    @Test func messagesAndThreadsListTheHitsOfTheSummary() throws {
        let bed = try Testbed.require()
        let binary = try #require(KillResumeTests.binary(), "build the executable first (swift build)")
        let mailbox = try bed.makeMailbox("output")
        let root = ScratchFolder.root.appendingPathComponent("mm-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let mirror = root.appendingPathComponent("mirror")
        var configuration = Configuration()
        configuration.accounts = [try bed.account(mailbox: mailbox, root: root)]
        try configuration.save(to: MirrorPaths(root: mirror).configuration)
        for index in 1...5 { try bed.deliver(Testbed.sampleMessage(index), to: mailbox) }
        #expect(try ProcessRun.run(binary, ["--root", mirror.path, "sync", "--quiet"]).status == 0)
        func run(_ arguments: [String]) throws -> ProcessRun {
            try ProcessRun.run(binary, ["--root", mirror.path, "search"] + arguments, environment: ["NO_COLOR": "1"])
        }

        let summary = try run(["--json", "--limit", "0", "subject:question"])
        #expect(summary.status == 0)
        let hits = try #require(try JSONSerialization.jsonObject(with: Data(summary.output.utf8)) as? [[String: Any]])
        let messageIds = hits.compactMap { $0["messageId"] as? String }
        #expect(messageIds.count == 5)

        let messages = try run(["--output", "messages", "--limit", "0", "subject:question"])
        #expect(messages.status == 0)
        #expect(messages.output.split(separator: "\n").map(String.init) == messageIds)
        let messagesJSON = try run(["--output", "messages", "--json", "--limit", "0", "subject:question"])
        #expect((try JSONSerialization.jsonObject(with: Data(messagesJSON.output.utf8)) as? [String]) == messageIds)

        var threadIds: [String] = []
        for hit in hits { if let id = hit["threadId"] as? String, !threadIds.contains(id) { threadIds.append(id) } }
        let threads = try run(["--output", "threads", "--limit", "0", "subject:question"])
        #expect(threads.output.split(separator: "\n").map(String.init) == threadIds)

        let none = try run(["--output", "messages", "nothingmatchesthis"])
        #expect(none.status == 0 && none.output.isEmpty)
        let wrong = try run(["--output", "files", "question"])
        #expect(wrong.status == 64 && wrong.errors.contains("summary, messages, threads"))
    }
}
