import Foundation

/// An `OutputSink` that keeps what was written, for tests.
///
/// It reports the capabilities it was given, so a test can pretend to be a colour terminal
/// of a chosen width, or (the default) a pipe.
public final class MemoryOutput: OutputSink, @unchecked Sendable {
    public let capabilities: TerminalCapabilities
    private let lock = NSLock()
    private var outputText = ""
    private var errorText = ""

    public init(capabilities: TerminalCapabilities = .pipe) {
        self.capabilities = capabilities
    }

    public func write(_ text: String, to stream: StandardStream) {
        lock.lock()
        defer { lock.unlock() }
        switch stream {
        case .output: outputText += text
        case .error: errorText += text
        }
    }

    /// Everything written to standard output so far.
    public var standardOutput: String {
        lock.lock()
        defer { lock.unlock() }
        return outputText
    }

    /// Everything written to standard error so far.
    public var standardError: String {
        lock.lock()
        defer { lock.unlock() }
        return errorText
    }
}
