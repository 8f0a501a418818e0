import Foundation
import MailMirror
import Terminal

/// Shows a sync on a terminal: one progress bar per mailbox with something to download,
/// warnings as they come. Silent when `quiet` (errors still reach stderr at the end).
final class SyncProgressObserver: SyncObserver, @unchecked Sendable {
    private let output: OutputSink
    private let quiet: Bool
    private let lock = NSLock()
    private var bar: ProgressBar?
    private var messages = 0
    private var bytes: Int64 = 0

    init(output: OutputSink, quiet: Bool) {
        self.output = output
        self.quiet = quiet
    }

    func accountStarted(_ account: String) {}

    func mailboxPlanned(account: String, mailbox: String, messages: Int, bytes: Int64) {
        guard !quiet, messages > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        self.messages = 0
        self.bytes = 0
        bar = ProgressBar(label: "\(account)/\(mailbox)", totalMessages: messages, output: output)
    }

    func messageCommitted(account: String, mailbox: String, bytes: Int) {
        lock.lock()
        defer { lock.unlock() }
        messages += 1
        self.bytes += Int64(bytes)
        bar?.update(messages: messages, bytes: self.bytes)
    }

    func mailboxFinished(_ result: MailboxSyncResult) {
        lock.lock()
        bar?.finish()
        bar = nil
        lock.unlock()
    }

    func warning(_ message: String) {
        guard !quiet else { return }
        lock.lock()
        bar?.finish()
        lock.unlock()
        output.warning(message)
    }
}
