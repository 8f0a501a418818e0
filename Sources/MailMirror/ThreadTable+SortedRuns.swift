import Durable
import FoundationEssentials
import Glibc

extension ThreadTable {
    /// Entries sorted in bounded memory, for writing the table from a catalog of any size: up to
    /// `runEntries` are held and sorted, then spilled as a sorted run to a scratch file beside the
    /// catalog (unlinked as soon as it is opened, so a kill leaves nothing behind), and the runs are
    /// merged on reading. A catalog small enough for one run never touches the disk.
    final class SortedRuns {
        private let directory: String
        private let runEntries: Int
        private var pending: [Entry] = []
        private var descriptor: Int32 = -1
        /// Where each spilled run starts and how many entries it holds.
        private var runs: [(start: Int, count: Int)] = []
        private var fileEntries = 0
        /// Entries added in all.
        private(set) var count = 0

        private static let scratchName = "the thread table's scratch file beside the catalog"
        /// Entries read from a run at once while merging.
        private static let readEntries = 4_096

        /// 1 MB a run. Runs of 8 MB (2^19 entries) made the table's writing, at the end of a first pull of
        /// 100,000 messages, the top of that sync's resident size (the run, Swift's sort buffer, the ids):
        /// smaller runs cost a merge of a few more of them, read 64 KB at a time.
        static let defaultRunEntries = 1 << 16

        init(directory: String, runEntries: Int = SortedRuns.defaultRunEntries) {
            self.directory = directory
            self.runEntries = max(1, runEntries)
        }

        deinit {
            if descriptor >= 0 { Disk.close(descriptor) }
        }

        func add(_ entry: Entry) throws(DiskError) {
            // A run's room at once: growing by doubling would hold the old and the new array together.
            if pending.capacity == 0 { pending.reserveCapacity(runEntries) }
            pending.append(entry)
            count += 1
            if pending.count >= runEntries { try spill() }
        }

        /// Every entry in order, merged from the runs; may be called more than once.
        func forEachSorted(_ body: (Entry) throws(DiskError) -> Void) throws(DiskError) {
            pending.sort()
            guard descriptor >= 0 else {
                for entry in pending { try body(entry) }
                return
            }
            var cursors = runs.map { Cursor(next: $0.start, end: $0.start + $0.count) }
            if !pending.isEmpty { cursors.append(Cursor(next: 0, end: pending.count, inMemory: true)) }
            for index in cursors.indices { try refill(&cursors[index]) }
            // A binary heap of cursors by their current entry.
            var heap = cursors.indices.filter { !cursors[$0].buffer.isEmpty }
            func less(_ a: Int, _ b: Int) -> Bool { cursors[a].current < cursors[b].current }
            func siftDown(_ start: Int) {
                var parent = start
                while true {
                    let left = parent * 2 + 1
                    guard left < heap.count else { return }
                    var child = left
                    if left + 1 < heap.count, less(heap[left + 1], heap[left]) { child = left + 1 }
                    guard less(heap[child], heap[parent]) else { return }
                    heap.swapAt(child, parent)
                    parent = child
                }
            }
            for index in stride(from: heap.count / 2 - 1, through: 0, by: -1) { siftDown(index) }
            while let top = heap.first {
                try body(cursors[top].current)
                cursors[top].position += 1
                if cursors[top].position == cursors[top].buffer.count { try refill(&cursors[top]) }
                if cursors[top].buffer.isEmpty {
                    heap[0] = heap[heap.count - 1]
                    heap.removeLast()
                }
                siftDown(0)
            }
        }

        private struct Cursor {
            var next: Int
            var end: Int
            var inMemory = false
            var buffer: [Entry] = []
            var position = 0
            var current: Entry { buffer[position] }
        }

        /// The next entries of a run (none when it is done).
        private func refill(_ cursor: inout Cursor) throws(DiskError) {
            let take = min(Self.readEntries, cursor.end - cursor.next)
            cursor.position = 0
            guard take > 0 else {
                cursor.buffer = []
                return
            }
            if cursor.inMemory {
                cursor.buffer = Array(pending[cursor.next..<(cursor.next + take)])
            } else {
                var entries = [Entry](repeating: Entry(key: 0, value: 0), count: take)
                let fd = descriptor
                let offset = cursor.next * 16
                var got = 0
                var failure: DiskError?
                entries.withUnsafeMutableBytes { raw in
                    do throws(DiskError) {
                        got = try Disk.read(fd, into: raw, offset: offset, path: Self.scratchName)
                    } catch {
                        failure = error
                    }
                }
                if let failure { throw failure }
                guard got == take * 16 else {
                    throw DiskError(
                        .ioError, path: Self.scratchName,
                        message: "\(Self.scratchName) is shorter than what was written.")
                }
                // Written as the machine holds them (the file never outlives this process).
                cursor.buffer = entries
            }
            cursor.next += take
        }

        private func spill() throws(DiskError) {
            pending.sort()
            if descriptor < 0 {
                let path = "\(directory)/.threads-sort.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
                let fd = Glibc.open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw DiskError(errno: errno, operation: "create", path: path) }
                unlink(path)
                descriptor = fd
            }
            let fd = descriptor
            var failure: DiskError?
            pending.withUnsafeBytes { raw in
                do throws(DiskError) { try Disk.write(fd, raw, path: Self.scratchName) } catch { failure = error }
            }
            if let failure { throw failure }
            runs.append((fileEntries, pending.count))
            fileEntries += pending.count
            pending.removeAll(keepingCapacity: true)
        }
    }
}
