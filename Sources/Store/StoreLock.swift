import Durable
import Synchronization

/// The writer's hold on `<root>/lock` (`flock`, exclusive, non-blocking). Released by `release()`
/// or when the object goes away; the kernel also drops it when the process dies, so a kill -9
/// never leaves a stale lock. Readers never take it.
public final class StoreLock: Sendable {
    public let path: String
    /// The lock file's descriptor; -1 once released.
    private let fd: Mutex<Int32>

    init(path: String) throws {
        let fd = try io(Disk.open(path, flags: Disk.OpenFlags.readWriteCreate, operation: "open the lock file"))
        do {
            guard try io(Disk.tryLockExclusive(fd, path: path)) else {
                let text =
                    (try? Disk.read(fd, count: 32, offset: 0, path: path)).map { String(decoding: $0, as: UTF8.self) }
                    ?? ""
                // The file keeps the pid of the last sync that held it; one that has exited since (the lock
                // is then held by some other process, e.g. `flock`) is not named.
                let pid = Int32(text.trimmedSpaces.split(separator: "\n").first.map(String.init) ?? "")
                    .flatMap { Disk.isRunning($0) ? $0 : nil }
                let who = pid.map { "another sync is running (pid \($0))" } ?? "another process is using the mirror"
                throw StoreError(
                    .locked(pid: pid), path: path,
                    message:
                        "Cannot write to the store: \(who) and holds \(path). Wait for it to finish; the lock is freed when that process exits."
                )
            }
            try io(Disk.truncate(fd, length: 0, path: path))
            try io(Disk.write(fd, Array("\(Disk.processID)\n".utf8), path: path))
        } catch {
            Disk.close(fd)
            throw error
        }
        self.path = path
        self.fd = Mutex(fd)
    }

    /// Frees the lock for the next writer; calling it twice is harmless.
    public func release() {
        fd.withLock { fd in
            guard fd >= 0 else { return }
            Disk.unlock(fd)
            Disk.close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
