import Foundation
import MailCore
import Testing
@testable import MIME

/// Parse + summarize throughput over a Maildir, for the closing note; runs only when
/// MIME_BENCH_DIR names one (e.g. the bench corpus `gen_corpus.py --count 10000 --seed 42`),
/// ideally with `swift test -c release`. It prints messages/s and asserts only correctness.
@Suite struct SummarizerBenchmarkTests {
    @Test func throughput() throws {
        guard let directory = ProcessInfo.processInfo.environment["MIME_BENCH_DIR"] else { return }
        let cur = URL(fileURLWithPath: directory).appendingPathComponent("cur")
        let names = try FileManager.default.contentsOfDirectory(atPath: cur.path).sorted()
        let messages = try names.map { try [UInt8](Data(contentsOf: cur.appendingPathComponent($0))) }
        let team = TeamMatcher(members: ["@helpcenter.example"])
        let bytes = messages.reduce(0) { $0 + $1.count }
        var summaries = [MessageSummary]()
        summaries.reserveCapacity(messages.count)
        let start = ContinuousClock.now
        for (index, raw) in messages.enumerated() {
            let key = MessageKey(account: "bench", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(index + 1)))
            let result = MessageSummarizer.summarize(bytes: raw, metadata: FetchedMetadata(key: key, size: raw.count), team: team)
            summaries.append(result.summary)
        }
        let elapsed = ContinuousClock.now - start
        let threadStart = ContinuousClock.now
        Threader.assignThreadIds(&summaries)
        let threadElapsed = ContinuousClock.now - threadStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let threads = Set(summaries.map(\.threadId)).count
        print("[bench] \(messages.count) messages, \(bytes / 1_000_000) MB: parse+summarize \(String(format: "%.2f", seconds)) s = \(Int(Double(messages.count) / seconds)) msg/s; threading \(threadElapsed); \(threads) threads; replies \(summaries.filter(\.isReply).count); with attachments \(summaries.filter { !$0.attachments.isEmpty }.count)")
        #expect(summaries.allSatisfy { !$0.threadId.isEmpty })
        // MIME_BENCH_SAMPLES=N prints N summaries spread over the corpus, to eyeball the reply text.
        if let samples = ProcessInfo.processInfo.environment["MIME_BENCH_SAMPLES"].flatMap(Int.init), samples > 0 {
            for index in stride(from: 0, to: summaries.count, by: max(1, summaries.count / samples)) {
                let summary = summaries[index]
                print("[sample] \(summary.subject) | from \(summary.from?.description ?? "-") | \(summary.direction) | reply=\(summary.isReply)\n\(summary.replyText)\n-----")
            }
        }
    }
}
