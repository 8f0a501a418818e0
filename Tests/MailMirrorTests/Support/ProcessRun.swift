import Foundation

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
    static func run(_ executable: String, _ arguments: [String], environment: [String: String?] = [:]) throws -> ProcessRun {
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
        return ProcessRun(status: process.terminationStatus, killed: process.terminationReason == .uncaughtSignal,
                          output: String(decoding: data, as: UTF8.self), errors: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs `executable` and returns its standard output; a non-zero exit throws with its standard error.
    @discardableResult
    static func output(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try run(executable, arguments)
        guard result.status == 0, !result.killed else {
            throw Failed(description: "\(executable) \(arguments.joined(separator: " ")) exited with \(result.status): "
                         + result.errors + result.output)
        }
        return result.output
    }

    struct Failed: Error, CustomStringConvertible {
        var description: String
    }
}
