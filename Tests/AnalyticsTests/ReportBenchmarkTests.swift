import Foundation
import Testing
import Analytics

/// Speed benchmark (not a timed test): `ANALYTICS_BENCH=1 swift test -c release -Xswiftc -enable-testing
/// --filter ReportBenchmark` builds ~100,000 planted messages and times one full report.
@Suite struct ReportBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ANALYTICS_BENCH"] == "1"))
    func reportOverOneHundredThousandMessages() {
        let threads = Int(ProcessInfo.processInfo.environment["ANALYTICS_BENCH_THREADS"] ?? "36000")!
        let corpus = PlantedCorpus(threads: threads, seed: 11)
        let options = ReportOptions(since: CalendarDay(year: 2024, month: 1, day: 1), until: CalendarDay(year: 2024, month: 12, day: 31),
                                    granularity: .week)
        let start = ContinuousClock.now
        let cpuStart = Self.processCPUSeconds()
        let files = ReportGenerator().generate(messages: corpus.messages, options: options)
        let cpu = Self.processCPUSeconds() - cpuStart
        let elapsed = ContinuousClock.now - start
        // CPU time (all threads) is printed beside wall time: the shared machine's load inflates wall time.
        print("benchmark: \(corpus.messages.count) messages, \(files.count) files, wall \(elapsed), cpu \(cpu) s")
        #expect(files.count == 13)
    }

    static func processCPUSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
