import FoundationEssentials
import MailMirror
import Synchronization
import Terminal

/// Shows a sync on a terminal: one progress bar per mailbox with something to download,
/// warnings as they come. Silent when `quiet` (errors still reach stderr at the end).
final class SyncProgressObserver: SyncObserver, Sendable {
    private let output: OutputSink
    private let quiet: Bool
    /// The current mailbox's bar and its counts; commit workers report concurrently.
    private let current = Mutex<(bar: ProgressBar?, messages: Int, bytes: Int64)>((nil, 0, 0))

    init(output: OutputSink, quiet: Bool) {
        self.output = output
        self.quiet = quiet
    }

    func accountStarted(_ account: String) {}

    func mailboxPlanned(account: String, mailbox: String, messages: Int, bytes: Int64) {
        guard !quiet, messages > 0 else { return }
        let bar = ProgressBar(label: "\(account)/\(mailbox)", totalMessages: messages, output: output)
        current.withLock { $0 = (bar, 0, 0) }
    }

    func messageCommitted(account: String, mailbox: String, bytes: Int) {
        current.withLock { current in
            current.messages += 1
            current.bytes += Int64(bytes)
            current.bar?.update(messages: current.messages, bytes: current.bytes)
        }
    }

    func mailboxFinished(_ result: MailboxSyncResult) {
        current.withLock { current in
            current.bar?.finish()
            current.bar = nil
        }
    }

    func warning(_ message: String) {
        guard !quiet else { return }
        current.withLock { $0.bar?.finish() }
        output.warning(message)
    }
}
