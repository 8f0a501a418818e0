import Foundation
import MailCore
import Testing

@testable import MIME

/// Parse + summarize throughput over a Maildir, for the closing note; runs only when
/// MIME_BENCH_DIR names one (e.g. the bench corpus `gen_corpus.py --count 10000 --seed 42`),
/// ideally with `swift test -c release`. It prints messages/s and asserts only correctness.
@Suite struct SummarizerBenchmarkTests {
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["MIME_BENCH_DIR"] != nil,
            "a benchmark: set MIME_BENCH_DIR to a Maildir to run it"))
    func throughput() throws {
        let directory = try #require(ProcessInfo.processInfo.environment["MIME_BENCH_DIR"])
        let cur = URL(fileURLWithPath: directory).appendingPathComponent("cur")
        let names = try FileManager.default.contentsOfDirectory(atPath: cur.path).sorted()
        let messages = try names.map { try [UInt8](Data(contentsOf: cur.appendingPathComponent($0))) }
        let team = TeamMatcher(members: ["@helpcenter.example"])
        let bytes = messages.reduce(0) { $0 + $1.count }
        var summaries = [MessageSummary]()
        summaries.reserveCapacity(messages.count)
        let start = ContinuousClock.now
        for (index, raw) in messages.enumerated() {
            let key = MessageKey(
                account: "bench", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(index + 1)))
            let result = MessageSummarizer.summarize(
                bytes: raw, metadata: FetchedMetadata(key: key, size: raw.count), team: team)
            summaries.append(result.summary)
        }
        let elapsed = ContinuousClock.now - start
        let threadStart = ContinuousClock.now
        Threader.assignThreadIds(&summaries)
        let threadElapsed = ContinuousClock.now - threadStart
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let threads = Set(summaries.map(\.threadId)).count
        print(
            "[bench] \(messages.count) messages, \(bytes / 1_000_000) MB: parse+summarize \(String(format: "%.2f", seconds)) s = \(Int(Double(messages.count) / seconds)) msg/s; threading \(threadElapsed); \(threads) threads; replies \(summaries.filter(\.isReply).count); with attachments \(summaries.filter { !$0.attachments.isEmpty }.count)"
        )
        #expect(summaries.allSatisfy { !$0.threadId.isEmpty })
        // The generator's manifest (DIR/../<name>.manifest.json) is ground truth for threads and attachments.
        let manifest = URL(fileURLWithPath: directory).deletingLastPathComponent()
            .appendingPathComponent(URL(fileURLWithPath: directory).lastPathComponent + ".manifest.json")
        if let data = try? Data(contentsOf: manifest),
            let stats = (try? JSONSerialization.jsonObject(with: data) as? [String: Any])?["stats"] as? [String: Any]
        {
            #expect(threads == stats["threads"] as? Int)
            #expect(summaries.filter { !$0.attachments.isEmpty }.count == stats["attachments"] as? Int)
            #expect(summaries.filter(\.isReply).count == messages.count - threads)
        }
        // Reply texts that still carry a quote marker hint at history or signatures left behind.
        let markers = [
            "wrote:", "a écrit", "-----Original", "De :", "From:", "Envoyé de mon", "Sent from my", "\n>",
            "Get Outlook", "Télécharger Outlook",
        ]
        let leaks = summaries.filter { summary in markers.contains { summary.replyText.contains($0) } }
        print(
            "[bench] reply texts with a quote or signature marker left: \(leaks.count); empty reply texts: \(summaries.filter { $0.replyText.isEmpty }.count)"
        )
        for leak in leaks.prefix(5) { print("[leak] \(leak.subject)\n\(leak.replyText.suffix(400))\n-----") }
        // MIME_BENCH_SAMPLES=N prints N summaries spread over the corpus, to eyeball the reply text.
        if let samples = ProcessInfo.processInfo.environment["MIME_BENCH_SAMPLES"].flatMap(Int.init), samples > 0 {
            for index in stride(from: 0, to: summaries.count, by: max(1, summaries.count / samples)) {
                let summary = summaries[index]
                print(
                    "[sample] \(summary.subject) | from \(summary.from?.description ?? "-") | \(summary.direction) | reply=\(summary.isReply)\n\(summary.replyText)\n-----"
                )
            }
        }
    }
}
