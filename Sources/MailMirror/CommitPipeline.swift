import Dispatch
import Foundation
import MailCore

/// Commits downloaded messages on worker threads while the network thread reads the next
/// ones, so compression (the costliest step) runs on the other core. Bounded: at most
/// `capacity` messages wait in memory, which keeps a sync's footprint flat whatever the
/// mailbox size.
final class CommitPipeline {
    private let queue = DispatchQueue(label: "mailmirror.commit", attributes: .concurrent)
    private let group = DispatchGroup()
    private let slots: DispatchSemaphore
    private let lock = NSLock()
    private var firstError: Error?
    private var committedCount = 0
    private var committedBytes: Int64 = 0

    init(capacity: Int) {
        slots = DispatchSemaphore(value: max(1, capacity))
    }

    /// Queues one commit; blocks when the pipeline is full. Rethrows the first worker
    /// failure so the download stops at once.
    func submit(_ work: @escaping () throws -> Int) throws {
        try raiseIfFailed()
        slots.wait()
        group.enter()
        queue.async {
            defer {
                self.slots.signal()
                self.group.leave()
            }
            do {
                let bytes = try work()
                self.lock.lock()
                self.committedCount += 1
                self.committedBytes += Int64(bytes)
                self.lock.unlock()
            } catch {
                self.lock.lock()
                if self.firstError == nil { self.firstError = error }
                self.lock.unlock()
            }
        }
    }

    /// Waits for every queued commit and rethrows the first failure.
    func drain() throws -> (count: Int, bytes: Int64) {
        group.wait()
        try raiseIfFailed()
        lock.lock()
        defer { lock.unlock() }
        return (committedCount, committedBytes)
    }

    /// Waits for every queued commit, keeping the counts even when one failed.
    func settle() -> (count: Int, bytes: Int64, error: Error?) {
        group.wait()
        lock.lock()
        defer { lock.unlock() }
        return (committedCount, committedBytes, firstError)
    }

    private func raiseIfFailed() throws {
        lock.lock()
        let error = firstError
        lock.unlock()
        if let error { throw error }
    }
}
