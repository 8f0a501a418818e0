import Analytics
import Foundation
import Testing

/// Speed benchmark (not a timed test): `ANALYTICS_BENCH=1 swift test -c release -Xswiftc -enable-testing
/// --filter ReportBenchmark` builds ~100,000 planted messages and times one full report.
@Suite struct ReportBenchmarkTests {
    @Test(
        .enabled(
            if: ProcessInfo.processInfo.environment["ANALYTICS_BENCH"] == "1",
            "a benchmark: set ANALYTICS_BENCH=1 to run it"))
    func reportOverOneHundredThousandMessages() {
        let threads = Int(ProcessInfo.processInfo.environment["ANALYTICS_BENCH_THREADS"] ?? "36000")!
        let corpus = PlantedCorpus(threads: threads, seed: 11)
        let options = ReportOptions(
            since: CalendarDay(year: 2024, month: 1, day: 1), until: CalendarDay(year: 2024, month: 12, day: 31),
            granularity: .week)
        let start = ContinuousClock.now
        let cpuStart = Self.processCPUSeconds()
        let files = ReportGenerator().generate(messages: corpus.messages, options: options)
        let cpu = Self.processCPUSeconds() - cpuStart
        let elapsed = ContinuousClock.now - start
        // CPU time (all threads) is printed beside wall time: the shared machine's load inflates wall time.
        print("benchmark: \(corpus.messages.count) messages, \(files.count) files, wall \(elapsed), cpu \(cpu) s")
        #expect(files.count == 13)
        // Topic quality at this size, from topic_messages.csv (black box).
        var planted: [Int: Set<String>] = [:]
        var idOf: [String: String] = [:]
        for m in corpus.messages { idOf[m.messageId!] = m.id }
        for (id, topic) in corpus.topicOf { planted[topic, default: []].insert(id) }
        var reported: [String: Set<String>] = [:]
        for row in CSVReader.records(files.first { $0.name == "topic_messages.csv" }!.contents) {
            reported[row["topic_id"]!, default: []].insert(idOf[row["message_id"]!]!)
        }
        var recalls: [Double] = []
        var precisions: [Double] = []
        for topic in planted.keys.sorted() {
            let members = planted[topic]!
            let best = reported.max {
                ($0.value.intersection(members).count, $1.key) < ($1.value.intersection(members).count, $0.key)
            }
            let overlap = best.map { $0.value.intersection(members).count } ?? 0
            recalls.append(Double(overlap) / Double(members.count))
            precisions.append(best.map { Double(overlap) / Double($0.value.count) } ?? 0)
        }
        print(
            "benchmark quality: \(reported.count) topics, mean recall \(recalls.reduce(0, +) / Double(recalls.count)), "
                + "mean precision \(precisions.reduce(0, +) / Double(precisions.count)), min recall \(recalls.min()!), min precision \(precisions.min()!)"
        )
    }

    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
