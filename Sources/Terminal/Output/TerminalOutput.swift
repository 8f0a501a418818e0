/// The real output: standard output and standard error of this process.
///
/// Writes go straight to the file descriptors (no buffering), so progress lines on standard
/// error and results on standard output interleave in the order they were written.
public final class TerminalOutput: OutputSink, Sendable {
    public let capabilities: TerminalCapabilities

    /// - Parameter capabilities: detected from the process's descriptors and environment by default.
    public init(capabilities: TerminalCapabilities = .detect()) {
        self.capabilities = capabilities
    }

    public func write(_ text: String, to stream: StandardStream) {
        Syscalls.writeAll(text, to: stream == .output ? Syscalls.standardOutput : Syscalls.standardError)
    }
}
