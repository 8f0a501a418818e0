/// Which of the process's two text streams a write goes to.
public enum StandardStream: Sendable, Hashable {
    /// Standard output: the result, what a pipe or `--json` consumer reads.
    case output
    /// Standard error: errors, warnings, progress, prompts.
    case error
}

/// Where commands write their text, so libraries never call `print` and tests can read it back.
///
/// `TerminalOutput` writes to the real file descriptors; `MemoryOutput` keeps everything in
/// memory for tests. Both report the `TerminalCapabilities` that decide colours, table width and
/// whether a progress bar is drawn.
public protocol OutputSink: AnyObject, Sendable {
    /// What the destination can show (TTY or not, colours, width).
    var capabilities: TerminalCapabilities { get }
    /// Writes `text` exactly as given (no newline added).
    func write(_ text: String, to stream: StandardStream)
}

extension OutputSink {
    /// Writes `line` and a newline to standard output.
    public func line(_ line: String = "") { write(line + "\n", to: .output) }

    /// Writes `line` and a newline to standard error.
    public func errorLine(_ line: String) { write(line + "\n", to: .error) }

    /// Writes `Warning: message` to standard error (yellow on a colour terminal).
    public func warning(_ message: String) {
        write(errorStyle.apply(.yellow, to: "Warning:") + " " + message + "\n", to: .error)
    }

    /// Styles for text sent to standard output.
    public var style: Style { Style(enabled: capabilities.colorOnStandardOutput) }

    /// Styles for text sent to standard error.
    public var errorStyle: Style { Style(enabled: capabilities.colorOnStandardError) }
}
