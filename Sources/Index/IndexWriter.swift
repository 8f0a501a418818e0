import Durable
import FoundationEssentials
import MailCore

/// Adds, replaces and removes messages in the search index, one crash-safe commit at a time.
///
/// A commit writes a new immutable segment (tmp, fsync, rename), new deletion bitmaps for older
/// segments whose messages were replaced or removed, then swaps the small manifest atomically:
/// a commit killed half way leaves the previous manifest and all its files untouched, so the
/// old index still opens. Files no manifest references (left by a crash, or replaced) are
/// removed by the next writer. One writer at a time (an advisory lock on `write.lock`).
///
/// Merges are tiered: segments fall in levels by size (each level `mergeFactor` times the one below,
/// from 1 MiB), and a level holding `mergeFactor` segments has its smallest merged into one, a level
/// up; so the segment count grows with the logarithm of the index and each message is rewritten about
/// once a level. A merge streams to disk (`SegmentMerger`), so its memory does not depend on its size;
/// its time does, so a commit merges at most `maxMergeBytes` of input, which keeps a +200 sync from
/// rewriting a gigabyte. A rebuild (`mailmirror reindex`) commits under the same budget: at 1,000,000
/// messages that leaves about 20 segments of 60 MB, each message merged once, where merging up the
/// levels made two of 630 MB (reindex 197 s and 217 MB against 158 s and 192 MB; searches slower too).
public final class IndexWriter {
    public let directory: URL
    private let path: String
    private let storedTextLimit: Int
    private let mergeFactor: Int
    private let maxMergeBytes: Int
    private var manifest: Manifest
    private var readers: [SegmentReader] = []
    private var deletions: [DeletionSet?] = []
    private var builder: SegmentBuilder
    /// Ids added or removed since the last commit: older copies of them go.
    private var touched: Set<UInt64> = []
    /// Pending adds superseded within this batch, and the latest pending doc for each id.
    private var pendingDead: Set<Int> = []
    private var latestPending: [UInt64: Int] = [:]
    private var lockDescriptor: Int32
    /// Tests only: called before each durable step of a commit ("deletions", "segment",
    /// "merge", "manifest", "cleanup"); throwing there leaves the disk as a crash at that step would.
    /// Also called with "merge-chunk" after each chunk a merge writes to its temporary file.
    var faultInjection: ((String) throws(IndexError) -> Void)?
    /// Tests only: the size of a merge's writes, small to stop a merge of small segments half way.
    var mergeChunkSize = SegmentMerger.defaultChunkSize

    /// The size below which every segment is in the lowest merge level (smaller in tests, to see levels
    /// with small documents).
    var levelFloorBytes = 1 << 20

    /// Opens (or creates) the index in `directory`. With `rebuild`, starts from an empty index:
    /// the old one stays readable until the first commit replaces it.
    /// `maxMergeBytes` bounds the input of the merges one commit does, all together.
    public init(
        directory: URL, rebuild: Bool = false, storedTextLimit: Int = 1024, mergeFactor: Int = 10,
        maxMergeBytes: Int = 64 << 20
    ) throws(IndexError) {
        self.directory = directory
        path = directory.path
        self.storedTextLimit = storedTextLimit
        self.mergeFactor = max(2, mergeFactor)
        self.maxMergeBytes = maxMergeBytes
        builder = SegmentBuilder(storedTextLimit: storedTextLimit)
        try io(Disk.makeDirectories(path))
        lockDescriptor = try Self.lock(path + "/write.lock")
        do throws(IndexError) {
            var loaded = Manifest()
            if rebuild {
                // A rebuild must work on a damaged index too: read nothing but fresh file numbers.
                loaded.next = 1 + (try io(Disk.sortedNames(in: path)).compactMap(IndexWriter.fileNumber).max() ?? 0)
                if let bytes = try? Disk.readFileIfPresent(path + "/" + Manifest.fileName),
                    let old = try? Manifest(bytes: bytes)
                {
                    loaded.next = max(loaded.next, old.next)
                }
            } else if let bytes = try io(Disk.readFileIfPresent(path + "/" + Manifest.fileName)) {
                loaded = try Manifest(bytes: bytes)
            }
            manifest = loaded
            for entry in loaded.entries {
                let reader = try SegmentReader(path: file(entry.name + ".seg"), name: entry.name)
                guard reader.docCount == entry.docCount else {
                    throw IndexError.corrupt("\(entry.name) does not match the manifest")
                }
                readers.append(reader)
                if let name = entry.deletions {
                    guard let bytes = try io(Disk.readFileIfPresent(file(name))) else {
                        throw IndexError.corrupt("\(name) is missing")
                    }
                    deletions.append(try DeletionSet(bytes: bytes, count: reader.docCount))
                } else {
                    deletions.append(nil)
                }
            }
        } catch {
            Self.unlock(lockDescriptor)
            lockDescriptor = -1
            throw error
        }
        if !rebuild { removeUnreferencedFiles() }
    }

    deinit { close() }

    /// Releases the writer lock; uncommitted changes are dropped. The writer must not be used after.
    public func close() {
        if lockDescriptor >= 0 { Self.unlock(lockDescriptor) }
        lockDescriptor = -1
    }

    private func file(_ name: String) -> String { path + "/" + name }

    /// The largest number in one of our file names (`seg-000012.seg`, `seg-000003.del-000014`).
    static func fileNumber(_ name: String) -> Int? {
        guard name.hasPrefix("seg-") else { return nil }
        return name.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }.max()
    }

    /// Messages added or removed since the last commit.
    public var pendingCount: Int { builder.count + touched.count }

    /// Distinct terms the pending messages brought: the uncommitted batch's memory grows with
    /// it (a few hundred bytes each until the commit), so a caller adding unusual text (logs,
    /// base64 sent as text: nearly every word new) can commit before it grows too large.
    public var pendingTermCount: Int { builder.termCount }

    /// Live messages in the committed index (pending changes not included).
    public var documentCount: Int {
        zip(readers, deletions).reduce(0) { $0 + $1.0.docCount - ($1.1?.count ?? 0) }
    }

    /// Adds a message; a message with the same id already in the index (or added earlier in
    /// this batch) is replaced when this batch commits.
    public func add(_ document: IndexDocument) {
        add(AnalyzedDocument(document))
    }

    /// `add` of a document analyzed already (`AnalyzedDocument`, on any core): the same segment.
    public func add(_ analyzed: AnalyzedDocument) {
        let id = DocumentID.value(of: analyzed.document.summary.id)
        if let previous = latestPending[id] { pendingDead.insert(previous) }
        latestPending[id] = builder.count
        touched.insert(id)
        builder.add(analyzed)
    }

    /// Removes the message with this id (`MessageKey.id`) at the next commit.
    public func remove(id: String) {
        let value = DocumentID.value(of: id)
        if let previous = latestPending.removeValue(forKey: value) { pendingDead.insert(previous) }
        touched.insert(value)
    }

    /// Makes every change since the last commit durable and visible to new readers.
    ///
    /// The steps, each durable before the next: deletion bitmaps for older segments, the new segment,
    /// the merges the levels call for, then the manifest swap that makes it all visible.
    public func commit() throws(IndexError) {
        guard lockDescriptor >= 0 else { throw IndexError.io(path: path, reason: "this index writer was closed") }
        guard !builder.isEmpty || !touched.isEmpty || manifest.entries.isEmpty else { return }
        var draft = CommitDraft(next: manifest.next)
        try deleteTouched(into: &draft)
        try writePendingSegment(into: &draft)
        var budget = maxMergeBytes
        while true {
            let chosen = segmentsToMerge(draft, budget: budget)
            if chosen.isEmpty { break }
            budget -= chosen.reduce(0) { $0 + draft.readers[$1].bytes.count }
            try merge(chosen, in: &draft)
        }
        try swapManifest(to: draft)
    }

    /// The segments a commit keeps, in order, with their deletions, and the files it makes obsolete.
    private struct CommitDraft {
        var next: Int
        var entries: [Manifest.Entry] = []
        var readers: [SegmentReader] = []
        var deletions: [DeletionSet?] = []
        var obsolete: [String] = []

        init(next: Int) { self.next = next }

        mutating func newName(_ prefix: String) -> String {
            defer { next += 1 }
            let digits = String(next)
            return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
        }

        mutating func keep(_ entry: Manifest.Entry, _ reader: SegmentReader, _ deletions: DeletionSet?) {
            entries.append(entry)
            readers.append(reader)
            self.deletions.append(deletions)
        }
    }

    /// Older segments: deletes their copies of every touched id (a new bitmap file when that changed);
    /// a segment left with no live document becomes obsolete.
    private func deleteTouched(into draft: inout CommitDraft) throws(IndexError) {
        for (i, reader) in readers.enumerated() {
            var set = deletions[i] ?? DeletionSet(count: reader.docCount)
            var changed = false
            for id in touched {
                for doc in reader.docs(forID: id) where !set.contains(doc) {
                    set.insert(doc)
                    changed = true
                }
            }
            var entry = manifest.entries[i]
            if set.count == reader.docCount {
                draft.obsolete.append(entry.name + ".seg")
                if let old = entry.deletions { draft.obsolete.append(old) }
                continue
            }
            if changed {
                try faultInjection?("deletions")
                let name = draft.newName(entry.name + ".del-")
                try io(Disk.writeAtomically(set.encoded, to: file(name)))
                if let old = entry.deletions { draft.obsolete.append(old) }
                entry.deletions = name
            }
            draft.keep(entry, reader, changed || entry.deletions != nil ? set : nil)
        }
        // The lookups mapped each segment's id index (and the pages the kernel maps around a fault): they
        // leave the resident size until the next commit looks again, rather than pile up over the segments.
        for reader in readers { reader.file.release(0..<reader.bytes.count) }
    }

    /// The new segment, with the adds superseded inside this batch already deleted.
    private func writePendingSegment(into draft: inout CommitDraft) throws(IndexError) {
        guard !builder.isEmpty && pendingDead.count < builder.count else { return }
        try faultInjection?("segment")
        let name = draft.newName("seg-")
        try io(Disk.writeAtomically(builder.encode(), to: file(name + ".seg")))
        let reader = try SegmentReader(path: file(name + ".seg"), name: name)
        var entry = Manifest.Entry(name: name, docCount: reader.docCount, deletions: nil)
        var set: DeletionSet? = nil
        if !pendingDead.isEmpty {
            var dead = DeletionSet(count: reader.docCount)
            for doc in pendingDead { dead.insert(doc) }
            let deletionName = draft.newName(name + ".del-")
            try io(Disk.writeAtomically(dead.encoded, to: file(deletionName)))
            entry.deletions = deletionName
            set = dead
        }
        draft.keep(entry, reader, set)
    }

    /// Positions in `draft` to merge into one, whose files together hold at most `budget` bytes: the smallest
    /// `mergeFactor` segments of the lowest level that holds that many (fewer when the budget cuts them, at
    /// least two); else a segment mostly made of replaced messages (flag changes re-add them), rewritten alone
    /// so deleted documents do not pile up. Empty: no merge.
    private func segmentsToMerge(_ draft: CommitDraft, budget: Int) -> Set<Int> {
        // A segment's size less its deleted share: what a merge would write of it.
        let live = draft.entries.indices.map { i -> Int in
            let count = draft.readers[i].docCount
            let deleted = draft.deletions[i]?.count ?? 0
            return count == 0 ? 0 : Int(Double(draft.readers[i].bytes.count) * Double(count - deleted) / Double(count))
        }
        var levels: [Int: [Int]] = [:]
        for i in draft.entries.indices { levels[level(of: live[i]), default: []].append(i) }
        for level in levels.keys.sorted() {
            let members = levels[level]!
            guard members.count >= mergeFactor else { continue }
            let smallest = members.sorted { live[$0] != live[$1] ? live[$0] < live[$1] : $0 < $1 }.prefix(mergeFactor)
            var chosen: Set<Int> = []
            var total = 0
            for i in smallest {
                total += draft.readers[i].bytes.count
                if total > budget { break }
                chosen.insert(i)
            }
            if chosen.count >= 2 { return chosen }
        }
        for i in draft.entries.indices {
            let deleted = draft.deletions[i]?.count ?? 0
            if deleted * 2 > draft.readers[i].docCount && draft.readers[i].bytes.count <= budget { return [i] }
        }
        return []
    }

    /// The merge level of a segment of `bytes` live bytes: 0 below `levelFloorBytes`, then one more for
    /// each factor of `mergeFactor`.
    private func level(of bytes: Int) -> Int {
        var level = 0
        var bound = levelFloorBytes
        while bytes >= bound {
            level += 1
            let (next, overflow) = bound.multipliedReportingOverflow(by: mergeFactor)
            if overflow { break }
            bound = next
        }
        return level
    }

    /// Writes the live documents of the `chosen` segments as one new segment, which replaces them at the end.
    private func merge(_ chosen: Set<Int>, in draft: inout CommitDraft) throws(IndexError) {
        let inputs = draft.entries.indices.filter { chosen.contains($0) }.map {
            SegmentMerger.Input(reader: draft.readers[$0], deletions: draft.deletions[$0])
        }
        try faultInjection?("merge")
        let name = draft.newName("seg-")
        let hook = faultInjection
        try SegmentMerger.merge(inputs, to: file(name + ".seg"), chunkSize: mergeChunkSize) { () throws(IndexError) in
            try hook?("merge-chunk")
        }
        let mergedReader = try SegmentReader(path: file(name + ".seg"), name: name)
        var kept = CommitDraft(next: draft.next)
        kept.obsolete = draft.obsolete
        for i in draft.entries.indices {
            if chosen.contains(i) {
                kept.obsolete.append(draft.entries[i].name + ".seg")
                if let d = draft.entries[i].deletions { kept.obsolete.append(d) }
            } else {
                kept.keep(draft.entries[i], draft.readers[i], draft.deletions[i])
            }
        }
        if mergedReader.docCount > 0 {
            kept.keep(Manifest.Entry(name: name, docCount: mergedReader.docCount, deletions: nil), mergedReader, nil)
        } else {
            kept.obsolete.append(name + ".seg")
        }
        draft = kept
    }

    /// Renames the new manifest into place (the commit point), then forgets the batch and removes what
    /// the old manifest alone referenced.
    private func swapManifest(to draft: CommitDraft) throws(IndexError) {
        var updated = Manifest()
        updated.next = draft.next
        updated.entries = draft.entries
        try faultInjection?("manifest")
        try io(Disk.writeAtomically(updated.encoded(), to: file(Manifest.fileName)))
        manifest = updated
        readers = draft.readers
        deletions = draft.deletions
        builder = SegmentBuilder(storedTextLimit: storedTextLimit)
        touched = []
        pendingDead = []
        latestPending = [:]
        try faultInjection?("cleanup")
        // The commit is done once the manifest is renamed: a file that cannot be removed now is only
        // litter, which the next writer removes (`removeUnreferencedFiles`), so it does not fail the commit.
        for name in draft.obsolete { _ = try? Disk.removeIfPresent(file(name)) }
        removeUnreferencedFiles()
    }

    /// Deletes files of ours that the manifest does not reference (a crashed commit's leftovers, the
    /// temporary files of writers killed before their rename). Best effort: what stays is retried next time.
    private func removeUnreferencedFiles() {
        let keep = manifest.referencedFiles
        _ = try? Disk.removeDeadTemporaries(in: path)
        for name in (try? Disk.sortedNames(in: path)) ?? [] where name.hasPrefix("seg-") || name.hasPrefix("manifest.")
        {
            if !keep.contains(name) { _ = try? Disk.removeIfPresent(file(name)) }
        }
    }

    /// Takes the writer lock (`flock`), or throws `.locked` when another writer holds it.
    private static func lock(_ path: String) throws(IndexError) -> Int32 {
        let fd = try io(Disk.open(path, flags: Disk.OpenFlags.readWriteCreate))
        let locked: Bool
        do throws(IndexError) {
            locked = try io(Disk.tryLockExclusive(fd, path: path))
        } catch {
            Disk.close(fd)
            throw error
        }
        guard locked else {
            Disk.close(fd)
            throw IndexError.locked(path: path)
        }
        return fd
    }

    private static func unlock(_ fd: Int32) {
        Disk.unlock(fd)
        Disk.close(fd)
    }
}
