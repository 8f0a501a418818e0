import FoundationEssentials
import Synchronization

/// An `OutputSink` that keeps what was written, for tests.
///
/// It reports the capabilities it was given, so a test can pretend to be a colour terminal
/// of a chosen width, or (the default) a pipe.
public final class MemoryOutput: OutputSink, Sendable {
    public let capabilities: TerminalCapabilities
    private let written = Mutex<(output: String, error: String)>(("", ""))

    public init(capabilities: TerminalCapabilities = .pipe) {
        self.capabilities = capabilities
    }

    public func write(_ text: String, to stream: StandardStream) {
        written.withLock { written in
            switch stream {
            case .output: written.output += text
            case .error: written.error += text
            }
        }
    }

    /// Everything written to standard output so far.
    public var standardOutput: String {
        written.withLock { $0.output }
    }

    /// Everything written to standard error so far.
    public var standardError: String {
        written.withLock { $0.error }
    }
}
