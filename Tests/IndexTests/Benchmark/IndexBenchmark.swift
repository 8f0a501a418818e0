import Foundation
import Index
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Measurements on the bench corpus, not timed tests: runs only when
/// `MAILMIRROR_INDEX_BENCH` names a Maildir made by `gen_corpus.py`, and prints figures.
/// `MAILMIRROR_INDEX_BENCH=/tmp/idxbench/mail swift test -c release -Xswiftc -enable-testing --filter IndexBenchmark`
@Suite struct IndexBenchmark {
    static let maildir = ProcessInfo.processInfo.environment["MAILMIRROR_INDEX_BENCH"]

    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// CPU seconds of this process: the machine is shared, so wall time alone flatters no one.
    static func cpu() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }

    /// Peak resident memory so far, in MB.
    static func peakMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    static func size(_ dir: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.reduce(0) { sum, name in
            sum
                + ((try? FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(name).path)[.size]
                    as? Int) ?? 0)
        }
    }

    @Test(.enabled(if: maildir != nil, "a benchmark: set MAILMIRROR_INDEX_BENCH to a Maildir to run it")) func measure()
        throws
    {
        let source = URL(fileURLWithPath: IndexBenchmark.maildir!)
        var loaded: (documents: [IndexDocument], rawBytes: Int) = ([], 0)
        let loadTime = try IndexBenchmark.seconds { loaded = try CrudeMaildirLoader.load(directory: source) }
        let documents = loaded.documents
        let textBytes = documents.reduce(0) { $0 + $1.bodyText.utf8.count }
        print(
            "bench: loaded \(documents.count) messages (\(loaded.rawBytes / 1_000_000) MB raw, \(textBytes / 1_000_000) MB text) in \(String(format: "%.2f", loadTime)) s (crude loader, not measured)"
        )

        let dir = ScratchFolder.root.appendingPathComponent("mailmirror-index-bench-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        let peakBefore = IndexBenchmark.peakMB()
        let cpuBefore = IndexBenchmark.cpu()
        let build = try IndexBenchmark.seconds {
            let writer = try IndexWriter(directory: dir, rebuild: true)
            for document in documents { writer.add(document) }
            try writer.commit()
            writer.close()
        }
        let buildCPU = IndexBenchmark.cpu() - cpuBefore
        print(
            "bench: peak RSS \(Int(peakBefore)) MB after loading, \(Int(IndexBenchmark.peakMB())) MB after a one-commit build of everything"
        )
        let size = IndexBenchmark.size(dir)
        print(
            "bench: full build \(String(format: "%.2f", build)) s wall = \(Int(Double(documents.count) / build)) msg/s (CPU \(String(format: "%.2f", buildCPU)) s = \(Int(Double(documents.count) / buildCPU)) msg/s); index \(size / 1024) KiB = \(String(format: "%.2f", 100 * Double(size) / Double(loaded.rawBytes)))% of raw"
        )

        // Incremental: every message again into a fresh index, in commits of 100 (as sync does).
        let incrementalDir = dir.appendingPathExtension("inc")
        try? FileManager.default.removeItem(at: incrementalDir)
        let cpuBeforeIncremental = IndexBenchmark.cpu()
        let incremental = try IndexBenchmark.seconds {
            let writer = try IndexWriter(directory: incrementalDir)
            for (k, document) in documents.enumerated() {
                writer.add(document)
                if k % 100 == 99 { try writer.commit() }
            }
            try writer.commit()
            writer.close()
        }
        let incrementalCPU = IndexBenchmark.cpu() - cpuBeforeIncremental
        print(
            "bench: incremental build in commits of 100: \(String(format: "%.2f", incremental)) s wall = \(Int(Double(documents.count) / incremental)) msg/s (CPU \(String(format: "%.2f", incrementalCPU)) s); index \(IndexBenchmark.size(incrementalDir) / 1024) KiB"
        )

        var opened: SearchIndex? = nil
        let openTimes = try (0..<50).map { _ in
            try IndexBenchmark.seconds { opened = try SearchIndex.open(directory: dir) }
        }.sorted()
        print("bench: open median \(String(format: "%.1f", openTimes[25] * 1e6)) µs")
        let index = opened!
        let customer = documents.first { $0.summary.direction == .customer }!.summary.from!.address
        let queries = [
            // The four queries of ../shared/bench/peers.py (notmuch's date:2024-03-01..2024-05-31 is before:06-01).
            "remboursement", "\"app password\"", "from:marie.dupont@orange.fr",
            "after:2024-03-01 before:2024-06-01 export",
            "invoice", "facture", "\"mot de passe\"", "\"password reset\"", "from:\(customer)",
            "after:2024-03-01 before:2024-04-01 refund", "remboursement OR refund", "has:attachment",
            "subject:export -csv",
        ]
        for query in queries {
            var count = 0
            let times = try (0..<20).map { _ in
                try IndexBenchmark.seconds {
                    count = try index.search(query, options: SearchOptions(limit: 0, sort: .date)).count
                }
            }.sorted()
            let top50 = try (0..<20).map { _ in
                try IndexBenchmark.seconds {
                    _ = try SearchIndex.open(directory: dir).search(query, options: SearchOptions(limit: 50))
                }
            }.sorted()
            print(
                "bench: \(query) → \(count) hits; all hits median \(String(format: "%.2f", times[10] * 1e3)) ms; open+top 50 median \(String(format: "%.2f", top50[10] * 1e3)) ms"
            )
        }
        #expect(index.documentCount == documents.count)
        try? FileManager.default.removeItem(at: dir)
        try? FileManager.default.removeItem(at: incrementalDir)
    }
}
