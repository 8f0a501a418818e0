import Foundation
import Index
import MailCore
import Testing

/// What a +200 sync costs the index on a large one, not a timed test: runs only when
/// `MAILMIRROR_COMMIT_BENCH` names an index folder (a copy: it is written), adds 200 messages and commits,
/// then removes them and commits, and prints both times with the segments before and after, so a merge a
/// sync pays shows. `MAILMIRROR_COMMIT_BENCH=/tmp/copy/index swift test -c release -Xswiftc -enable-testing
/// --filter CommitBenchmark`
@Suite struct CommitBenchmark {
    static let directory = ProcessInfo.processInfo.environment["MAILMIRROR_COMMIT_BENCH"]

    static func segments(_ dir: URL) -> (count: Int, bytes: Int) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".seg") }
        let bytes = names.reduce(0) {
            $0 + (((try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent($1).path)[.size]) as? Int) ?? 0)
        }
        return (names.count, bytes)
    }

    @Test(.enabled(if: directory != nil, "a benchmark: set MAILMIRROR_COMMIT_BENCH to an index folder to run it"))
    func addTwoHundredAndCommit() throws {
        let dir = URL(fileURLWithPath: CommitBenchmark.directory!)
        let words = ["billing", "password", "reset", "invoice", "export", "refund", "account", "login", "error", "mobile"]
        let documents = (0..<200).map { n -> IndexDocument in
            let body = (0..<40).map { words[(n * 7 + $0 * $0) % words.count] }.joined(separator: " ") + " commitbench\(n)"
            let summary = MessageSummary(
                key: MessageKey(account: "commitbench", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(n + 1))),
                messageId: "commitbench\(n)@example.com", date: 1_710_000_000 + Int64(n),
                from: EmailAddress(address: "c\(n)@example.com"), subject: "commitbench \(n)", isReply: false,
                direction: .customer, threadId: "cb\(n)", size: 2000, replyText: body)
            return IndexDocument(summary: summary, bodyText: body)
        }
        let before = CommitBenchmark.segments(dir)
        var cpu = IndexBenchmark.cpu()
        let writer = try IndexWriter(directory: dir)
        let live = writer.documentCount
        let add = try IndexBenchmark.seconds {
            for document in documents { writer.add(document) }
            try writer.commit()
        }
        let addCPU = IndexBenchmark.cpu() - cpu
        let afterAdd = CommitBenchmark.segments(dir)
        cpu = IndexBenchmark.cpu()
        let remove = try IndexBenchmark.seconds {
            for document in documents { writer.remove(id: document.summary.id) }
            try writer.commit()
        }
        let removeCPU = IndexBenchmark.cpu() - cpu
        #expect(writer.documentCount == live)
        writer.close()
        let afterRemove = CommitBenchmark.segments(dir)
        print(
            "bench: \(before.count) segments, \(before.bytes / 1_000_000) MB; add 200 + commit \(String(format: "%.3f", add)) s wall, \(String(format: "%.3f", addCPU)) s CPU → \(afterAdd.count) segments; remove them + commit \(String(format: "%.3f", remove)) s wall, \(String(format: "%.3f", removeCPU)) s CPU → \(afterRemove.count) segments, \(afterRemove.bytes / 1_000_000) MB; peak RSS \(Int(IndexBenchmark.peakMB())) MB"
        )
    }
}
