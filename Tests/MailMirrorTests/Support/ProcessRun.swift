import Foundation
import TestSupport
import Testing

/// One finished run of a program (usually the `mailmirror` binary), its output captured.
struct ProcessRun {
    var status: Int32
    /// Ended by a signal (a kill -9 or a crash point) rather than an exit.
    var killed: Bool
    var output: String
    var errors: String

    /// Standard output parsed as a JSON object (empty when it is not one).
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]) ?? [:] }

    /// `fetched` of the first mailbox of the first account in `sync --json` output.
    var fetched: Int? {
        ((json["accounts"] as? [[String: Any]])?.first?["mailboxes"] as? [[String: Any]])?.first?["fetched"] as? Int
    }

    /// Runs `executable` to its end; `environment` entries are added to this process's (nil removes one).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String?] = [:]) throws
        -> ProcessRun
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Both pipes are drained at once, so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errorData = Data()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            done.signal()
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        done.wait()
        process.waitUntilExit()
        return ProcessRun(
            status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
            output: String(decoding: data, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `executable` and returns its standard output; a non-zero exit throws with its standard error.
    @discardableResult
    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try run(executable, arguments)
        guard result.status == 0, !result.killed else {
            throw Failed(
                description: "\(executable) \(arguments.joined(separator: " ")) exited with \(result.status): "
                    + result.errors + result.output)
        }
        return result.output
    }

    /// Runs `executable` to its end and returns the run with its own peak resident memory in bytes
    /// (`ru_maxrss` from `wait4`), measured apart from the test process, without GNU time.
    ///
    /// A small python3 (installed by scripts/setup) spawns and reaps it: `posix_spawn` from this
    /// process would start the child with `CLONE_VM`, and Linux then counts the test runner's own
    /// peak (often over 100 MB) into the child's `ru_maxrss` when it executes; the python parent's
    /// peak (about 10 MB) is the floor here instead, as GNU time's was.
    static func measured(_ executable: String, _ arguments: [String]) throws -> (run: ProcessRun, peakBytes: Int) {
        let peakFile = ScratchFolder.root.appendingPathComponent("mm-peak-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: peakFile) }
        let reaper = """
            import os, sys
            pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)
            _, status, usage = os.wait4(pid, 0)
            open(sys.argv[1], "w").write(str(usage.ru_maxrss))
            sys.exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status))
            """
        var run = try Self.run("/usr/bin/python3", ["-c", reaper, peakFile, executable] + arguments)
        let kilobytes = try #require(
            Int((try? String(contentsOfFile: peakFile, encoding: .utf8)) ?? ""),
            "python3 did not report the peak memory: \(run.errors)")
        if run.status > 128 { run.killed = true }
        return (run, kilobytes * 1024)  // Linux reports kilobytes
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }
}
