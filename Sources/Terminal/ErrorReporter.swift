import FoundationEssentials

/// The one place that turns a thrown error into text on standard error and an exit code.
public enum ErrorReporter {
    /// Writes `Error: <message>` (and, for usage errors, the usage line) to standard error,
    /// and returns the exit code the process should end with.
    ///
    /// - `UsageError`: its sentence, the command's usage and a pointer to `--help`; exit 64.
    /// - `UserFacingError`: `userMessage`; its `exitCode`.
    /// - `CancellationError`: "Interrupted."; exit 130.
    /// - anything else: `LocalizedError.errorDescription` when present, else the error
    ///   described by Swift; exit 1.
    @discardableResult
    public static func report(_ error: any Error, to output: any OutputSink) -> ExitCode {
        let (message, code) = describe(error)
        output.write(Self.errorLine(message), to: .error)
        if let usage = error as? UsageError, let usageText = usage.usageText {
            output.write(usageText, to: .error)
        }
        return code
    }

    /// The message (without `Error: `) and exit code `report` would use for `error`.
    public static func describe(_ error: any Error) -> (message: String, exitCode: ExitCode) {
        switch error {
        case let error as UserFacingError:
            return (error.userMessage, error.exitCode)
        case is CancellationError:
            return ("Interrupted.", .interrupted)
        case let error as LocalizedError:
            if let description = error.errorDescription { return (description, .failure) }
            return (String(describing: error), .failure)
        default:
            return (String(describing: error), .failure)
        }
    }

    /// `Error: message` followed by a newline; a multi-line message keeps its lines.
    static func errorLine(_ message: String) -> String {
        var line = "Error: " + message
        if !line.hasSuffix("\n") { line += "\n" }
        return line
    }
}
