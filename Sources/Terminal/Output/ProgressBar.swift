import FoundationEssentials
import Synchronization

/// A one-line progress display on standard error, for a person watching a long job.
///
/// Drawn only when standard error is a terminal (never in logs or pipes), redrawn at most
/// ten times a second however often `update` is called, and safe to update from several
/// threads. The line reads, fitted to the terminal width:
///
/// `Syncing support  1,234/10,000 messages  56.2 MB  3.1 MB/s  ETA 2 min 10 s`
///
/// `finish()` erases the line so the summary printed next starts on a clean line.
///
/// ```swift
/// let progress = ProgressBar(label: "Syncing support", totalMessages: plan.count, output: output)
/// for batch in batches { …; progress.update(messages: done, bytes: bytes) }
/// progress.finish()
/// ```
public final class ProgressBar: Sendable {
    private let label: String
    private let totalMessages: Int?
    private let output: any OutputSink
    private let enabled: Bool
    private let clock: @Sendable () -> TimeInterval
    private let minimumInterval: TimeInterval
    private let start: TimeInterval
    /// Held while the line is drawn, so lines from two threads never mix.
    private let state = Mutex(State())

    private struct State {
        var lastDraw: TimeInterval?
        var messages = 0
        var bytes: Int64 = 0
        var drawnSomething = false
        var drawCount = 0
    }

    /// How many times the line was drawn (for tests of the throttle).
    public var drawCount: Int { state.withLock { $0.drawCount } }

    /// - Parameters:
    ///   - label: what is being done, shown first.
    ///   - totalMessages: how many messages the job will handle, when known (for `done/total` and ETA).
    ///   - output: the line goes to its standard error, when `output.capabilities` says it is a terminal.
    ///   - minimumInterval: least time between two redraws, in seconds.
    ///   - clock: monotonic seconds; injectable for tests.
    public init(
        label: String, totalMessages: Int? = nil, output: any OutputSink,
        minimumInterval: TimeInterval = 0.1,
        clock: @escaping @Sendable () -> TimeInterval = { ProcessInfo.processInfo.systemUptime }
    ) {
        self.label = label
        self.totalMessages = totalMessages
        self.output = output
        self.enabled = output.capabilities.standardErrorIsTerminal
        self.minimumInterval = minimumInterval
        self.clock = clock
        self.start = clock()
    }

    /// Whether anything is drawn at all (standard error is a terminal).
    public var isEnabled: Bool { enabled }

    /// Records progress so far (absolute counts, not increments) and redraws if it is time.
    public func update(messages: Int, bytes: Int64) {
        state.withLock { state in
            state.messages = messages
            state.bytes = bytes
            guard enabled else { return }
            let now = clock()
            let complete = totalMessages.map { messages >= $0 } ?? false
            if let lastDraw = state.lastDraw, now - lastDraw < minimumInterval, !complete { return }
            state.lastDraw = now
            draw(&state, elapsed: now - start)
        }
    }

    /// Erases the line (if one was drawn). Call when the job ends or fails, and before writing
    /// anything else to the terminal mid-job (a warning); a later `update` draws the line again.
    public func finish() {
        state.withLock { state in
            guard enabled, state.drawnSomething else { return }
            output.write("\r\u{1B}[K", to: .error)
            state.drawnSomething = false
        }
    }

    private func draw(_ state: inout State, elapsed: TimeInterval) {
        let text = Self.line(
            label: label, messages: state.messages, totalMessages: totalMessages, bytes: state.bytes,
            elapsed: elapsed, width: output.capabilities.width)
        output.write("\r" + text + "\u{1B}[K", to: .error)
        state.drawnSomething = true
        state.drawCount += 1
    }

    /// The text of the line (without control sequences), at most `width - 1` columns so the
    /// cursor never wraps. Rate and ETA appear once a second has passed and something was done.
    public static func line(
        label: String, messages: Int, totalMessages: Int?, bytes: Int64, elapsed: TimeInterval, width: Int
    ) -> String {
        var parts = [label]
        if let totalMessages {
            parts.append("\(HumanFormat.count(messages))/\(HumanFormat.count(totalMessages)) messages")
        } else {
            parts.append("\(HumanFormat.count(messages)) messages")
        }
        parts.append(HumanFormat.bytes(bytes))
        if elapsed >= 1, bytes > 0 {
            parts.append(HumanFormat.bytes(Int64(Double(bytes) / elapsed)) + "/s")
        }
        if elapsed >= 1, messages > 0, let totalMessages, totalMessages > messages {
            let remaining = Double(totalMessages - messages) * elapsed / Double(messages)
            parts.append("ETA " + HumanFormat.duration(remaining))
        }
        return parts.joined(separator: "  ").truncated(toDisplayWidth: max(width - 1, 1))
    }
}
