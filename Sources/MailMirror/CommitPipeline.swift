import Dispatch
import FoundationEssentials
import MailCore
import Synchronization

/// Commits downloaded messages on worker threads while the network thread reads the next
/// ones, so compression (the costliest step) runs on every core. Bounded: at most
/// `capacity` messages and `maxBytes` of message bytes wait in memory (one larger message is
/// always let through), and at most `workers` commits run at once, so a sync's footprint stays
/// flat whatever the mailbox size or its messages' sizes.
final class CommitPipeline {
    private let queue = DispatchQueue(label: "mailmirror.commit", attributes: .concurrent)
    private let group = DispatchGroup()
    private let admission = Condition()
    private let running: DispatchSemaphore
    private let capacity: Int
    private let maxBytes: Int
    private var waiting = 0
    private var waitingBytes = 0
    /// The first worker failure. (What was committed is counted where it becomes durable: `CommitGroup`.)
    private let failure = Mutex<Error?>(nil)

    /// Twice the cores: a commit spends part of its time waiting on the disk (writing its file, or
    /// publishing its group), and a core whose worker waits should compress the next message meanwhile.
    static let defaultWorkers = 2 * max(1, ProcessInfo.processInfo.activeProcessorCount)

    init(capacity: Int, maxBytes: Int = 32 << 20, workers: Int = CommitPipeline.defaultWorkers) {
        self.capacity = max(1, capacity)
        self.maxBytes = max(1, maxBytes)
        running = DispatchSemaphore(value: max(1, workers))
    }

    /// Queues one commit of a message of `bytes` bytes; blocks while the pipeline is full.
    /// Rethrows the first worker failure so the download stops at once.
    func submit(bytes cost: Int, _ work: @escaping () throws -> Void) throws {
        try raiseIfFailed()
        admission.lock()
        while waiting > 0 && (waiting >= capacity || waitingBytes + cost > maxBytes) { admission.wait() }
        waiting += 1
        waitingBytes += cost
        admission.unlock()
        group.enter()
        queue.async {
            self.running.wait()
            defer {
                self.running.signal()
                self.admission.lock()
                self.waiting -= 1
                self.waitingBytes -= cost
                self.admission.broadcast()
                self.admission.unlock()
                self.group.leave()
            }
            do {
                try work()
            } catch {
                self.failure.withLock { if $0 == nil { $0 = error } }
            }
        }
    }

    /// Waits for every queued commit and rethrows the first failure.
    func drain() throws {
        group.wait()
        try raiseIfFailed()
    }

    /// Waits for every queued commit; the first failure, if any.
    func settle() -> Error? {
        group.wait()
        return failure.withLock { $0 }
    }

    private func raiseIfFailed() throws {
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
