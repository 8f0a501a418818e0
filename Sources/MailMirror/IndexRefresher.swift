import Dispatch
import FoundationEssentials
import Glibc
import Index
import MIME
import MailCore
import Store
import TextBasics

/// Keeps the search index in step with the catalog: indexes what the catalog gained since the
/// last refresh and re-adds messages whose thread changed (a late parent joins two threads).
/// `<root>/index.state` records how far the catalog has been indexed; a refresh killed half way
/// leaves the old index usable and simply redoes its work next time.
struct IndexRefresher {
    let store: MailStore
    let paths: MirrorPaths
    let teams: [String: TeamMatcher]
    /// Bytes of summaries and texts `rebuild` keeps in memory between its two passes; past it they go
    /// to a scratch file (tests make it small to take that path).
    var textBudget = 16 << 20
    /// Fewest superseded catalog records that send a refresh by lookup to the full path to compact the
    /// catalog (tests make it 0 to see compaction on a small catalog).
    var minCompaction = 2_000

    var stateURL: URL { paths.root.appendingPathComponent("index.state") }

    /// Indexes what is new; returns how many documents were (re)indexed. `texts` holds body
    /// texts already decoded (by the catalogue, during the sync), by message id; the others
    /// are read from the store.
    @discardableResult
    func refresh(texts known: IndexTextCache = IndexTextCache()) throws -> Int {
        // Nothing was catalogued since the last refresh: leave without reading the catalog.
        let catalogBytes = Self.fileSize(store.catalog.path)
        let recorded = readState()
        if let bytes = recorded.catalogBytes, bytes == catalogBytes { return 0 }
        // Only an index the state says is built can be brought up to date by lookup.
        if recorded.records > 0, (recorded.catalogBytes ?? -1) > 0, let count = try refreshByLookup(texts: known) {
            return count
        }
        return try refreshWhole(texts: known, watermark: recorded.records)
    }

    /// The full path: the whole catalog threaded (`CompactThreader`, a few dozen bytes per message) and
    /// walked a record at a time (`CatalogWalk`), never held: the messages catalogued since the watermark or
    /// whose thread changed are indexed, a few at a time; the changed records are appended (or the catalog
    /// rewritten without its superseded records), and `catalog/threads` written again.
    private func refreshWhole(texts known: IndexTextCache, watermark: Int) throws -> Int {
        // What the pull freed (message buffers, summaries) goes back to the system before threading takes its own.
        AllocatorPolicy.trim()
        let walk = try CatalogWalk(catalog: store.catalog)
        let threads = try Self.thread(walk)
        AllocatorPolicy.trim()
        var changed = 0
        var due = 0
        var writer: IndexWriter?
        defer { writer?.close() }
        var batch: [MessageSummary] = []
        // A few documents at a time, committed in batches, so memory stays flat however much the catalog
        // gained and however large its messages are.
        func flush() throws {
            guard !batch.isEmpty else { return }
            if writer == nil { writer = try IndexWriter(directory: paths.index) }
            try add(batch, to: writer!, texts: known, batch: 1_000)
            due += batch.count
            batch.removeAll(keepingCapacity: true)
        }
        var message = 0
        try walk.walk { position, summary, kept in
            guard kept else { return }
            let thread = threads.threadId(message)
            message += 1
            let moved = summary.threadId != thread
            if moved { changed += 1 }
            guard position >= watermark || moved else { return }
            var summary = summary
            summary.threadId = thread
            batch.append(summary)
            if batch.count >= 1_000 { try flush() }
        }
        try flush()
        // Every text this refresh will use is indexed: the cache's tables (100,000 entries after a first
        // pull) are not kept through the writing of the catalog and the thread table.
        known.removeAll()
        try saveThreads(walk, threads: threads, changed: changed)
        try ThreadTable.write(catalog: store.catalog)
        try writeState(records: walk.distinct)
        return due
    }

    /// The thread of every kept message, in the walk's order; the subject rule's participants are read again
    /// only when it has lone replies to place.
    private static func thread(_ walk: CatalogWalk) throws -> CompactThreads {
        var threader = CompactThreader(expected: walk.kept)
        try walk.walk { _, summary, kept in if kept { threader.add(summary) } }
        return try threader.finish { visit in
            var message = 0
            try walk.walk { _, summary, kept in
                guard kept else { return }
                visit(message, summary)
                message += 1
            }
        }
    }

    /// Most new records a refresh threads by lookup; past it (a first sync, a long catch-up) threading
    /// the whole catalog at once costs less than the lookups.
    static let maxLookupRecords = 5_000
    /// Most existing records a refresh by lookup reads; past it the full path runs (tests make it small
    /// to see that a window, not a whole subject, is read).
    var maxLookupReads = 50_000
    /// Records of a subject a window of the subject rule first reads on each side of what changed
    /// (`SubjectWindows`; tests make it small so that windows grow). Small: a window grows where a lone reply
    /// needs it to, by as many records as its threads missing seem to hold, and most need nothing (back-dated
    /// +200 at 101,200 messages, records the windows read: 7,690 at 32, 5,790 at 8, 5,178 at 4, 5,174 at 1).
    var subjectWindowStep = 4

    /// The full path must run instead (the lookups would read too much).
    private struct TooMuch: Error {}

    /// The refresh through `catalog/threads`, or nil when the full path must run: no usable table (missing,
    /// made for another catalog, a checksum that fails: the full path writes it again), too much new, or
    /// the catalog due for compaction.
    private func refreshByLookup(texts known: IndexTextCache) throws -> Int? {
        guard let table = ThreadTable.open(directory: store.catalog.directory, catalogPath: store.catalog.path) else {
            return nil
        }
        do {
            return try refresh(through: table, texts: known)
        } catch is ThreadTable.Damaged {
            return nil
        } catch is TooMuch {
            return nil
        } catch is ThreadLookup.TooMuch {
            return nil
        }
    }

    /// Only the records catalogued since the table was written are read, with what they touch:
    ///
    /// 1. their reference threads, found by lookup of every Message-ID they name (and of the ids the
    ///    records found name, until nothing new turns up) — a reference thread is a connected set, so the
    ///    threader gives it the same shape over this set as over the whole catalog;
    /// 2. for the subject rule (a reply with no reference joins one of the 64 latest earlier threads of the
    ///    same subject that shares its participants), a window of each subject those threads had or have,
    ///    around what changed in it (`SubjectWindows`), when that subject has such a reply dated at or
    ///    after the change: decisions of earlier replies cannot change (they only look at earlier threads).
    ///
    /// The threader runs over that set, and its ids are taken for the messages of step 1 and those step 2
    /// names; every other record read keeps its stored id. The result equals a full rethread
    /// (IndexRefresherTests).
    private func refresh(through table: ThreadTable, texts known: IndexTextCache) throws -> Int {
        let (fresh, end) = try store.catalog.records(from: table.covered)
        guard fresh.count <= Self.maxLookupRecords else { throw TooMuch() }
        // The records read (tens of thousands on a large mailbox) are gone before the index writer takes
        // its own memory: only what changed and what is due leave `rethread`.
        let (changed, due, newIds) = try rethread(fresh.map(\.summary), through: table)
        let frames = table.frames + fresh.count + changed.count
        let distinct = table.distinct + newIds
        // The catalog is due for compaction: the full path rewrites it (and the table). A small catalog
        // waits for a few thousand superseded records (a few hundred KB), or every sync would rewrite it.
        if (frames - distinct) * 5 > frames && frames - distinct > minCompaction { throw TooMuch() }
        if !due.isEmpty {
            let writer = try IndexWriter(directory: paths.index)
            defer { writer.close() }
            try add(due, to: writer, texts: known, batch: 1_000)
        }
        try record(fresh: fresh, changed: changed, in: table, catalogEnd: end, frames: frames, distinct: distinct)
        try writeState(records: distinct)
        return due.count
    }

    /// Steps 1 and 2 of `refresh(through:)`: the records whose thread changed and the messages to index
    /// (both in full), and how many of the new records' ids the table did not know.
    private func rethread(_ freshRecords: [MessageSummary], through table: ThreadTable) throws
        -> (changed: [MessageSummary], due: [MessageSummary], newIds: Int)
    {
        let freshIds = Set(freshRecords.map(\.id))
        var lookup = ThreadLookup(table: table, catalog: store.catalog, maxReads: maxLookupReads)
        // Step 1: the reference threads of the new records and of the earlier records of their ids.
        var earlier: [Int] = []
        for id in freshIds { if let known = try lookup.span(id) { earlier.append(known.latest) } }
        try lookup.close(freshRecords + lookup.read(earlier))
        let core = Set(lookup.existing.map(\.id)).union(freshIds)
        // Step 2: windows of the subjects those threads had and have, where the subject rule may decide anew.
        var windows = SubjectWindows(step: subjectWindowStep)
        let (taken, threaded) = try windows.taken(
            before: try lookup.ordered(), fresh: freshRecords, core: core, lookup: &lookup)
        // The windows' last round threaded exactly this set already; otherwise thread it here.
        let final: SubjectWindows.Threaded
        if let threaded {
            final = threaded
        } else {
            let view = CatalogView(records: try lookup.ordered() + freshRecords)
            final = (view.records, view.messages)
        }
        var (changed, due) = Self.rethreaded(final, taken: taken, freshIds: freshIds)
        // The records read hold only what threading needs: those written back or indexed are read in full.
        changed = try lookup.whole(changed, fresh: freshIds)
        due = try lookup.whole(due, fresh: freshIds)
        var newIds = 0
        for id in freshIds where try lookup.span(id) == nil { newIds += 1 }
        return (changed, due, newIds)
    }

    /// The threader's ids over `final`, taken for the messages of `taken` (every other record keeps its
    /// stored id): the records whose thread changed, and the messages to index again (those and the new ones).
    private static func rethreaded(
        _ final: SubjectWindows.Threaded, taken: Set<String>, freshIds: Set<String>
    ) -> (changed: [MessageSummary], due: [MessageSummary]) {
        // By index, reading fields in place: `for message in` copies every record read (tens of thousands,
        // each a dozen references to retain and release) to look at two of its strings.
        let messages = final.messages
        let records = final.records
        var assigned: [String: String] = [:]
        for index in messages.indices where taken.contains(messages[index].id) {
            assigned[messages[index].id] = messages[index].threadId
        }
        var changed: [MessageSummary] = []
        for index in records.indices {
            guard let thread = assigned[records[index].id], records[index].threadId != thread else { continue }
            var updated = records[index]
            updated.threadId = thread
            changed.append(updated)
        }
        let dueIds = Set(changed.map(\.id)).union(freshIds)
        var due: [MessageSummary] = []
        for index in messages.indices where dueIds.contains(messages[index].id) {
            var message = messages[index]
            if let thread = assigned[message.id] { message.threadId = thread }
            due.append(message)
        }
        return (changed, due)
    }

    /// Appends the changed records to the catalog, then the table entries of the new and changed records.
    private func record(
        fresh: [(offset: Int, summary: MessageSummary)], changed: [MessageSummary], in table: ThreadTable,
        catalogEnd end: Int, frames: Int, distinct: Int
    ) throws {
        var entries: [ThreadTable.Entry] = []
        for (offset, record) in fresh { entries += ThreadTable.entries(for: record, at: offset) }
        let offsets = try store.catalog.append(changed)
        for (offset, record) in zip(offsets, changed) { entries += ThreadTable.entries(for: record, at: offset) }
        let covered = offsets.isEmpty ? end : Int(Self.fileSize(store.catalog.path))
        guard !entries.isEmpty else { return }
        let last = offsets.last ?? fresh.last?.offset ?? 0
        try table.append(
            entries, covered: covered, lastFrame: try ThreadTable.lastFrame(store.catalog.path, offset: last),
            frames: frames, distinct: distinct)
    }

    /// The index document of a catalogued message: its text comes from the store again.
    private func document(_ summary: MessageSummary) throws -> IndexDocument {
        let bytes = try store.mailbox(account: summary.key.account, name: summary.key.mailbox)
            .readMessage(uidValidity: summary.key.uidValidity, uid: summary.key.uid)
        return IndexDocument(
            summary: summary, bodyText: Self.bodyText(bytes, summary: summary, team: team(for: summary)))
    }

    private func team(for summary: MessageSummary) -> TeamMatcher {
        teams[summary.key.account] ?? TeamMatcher(members: [])
    }

    static func bodyText(_ bytes: [UInt8], summary: MessageSummary, team: TeamMatcher) -> String {
        let metadata = FetchedMetadata(key: summary.key, internalDate: summary.date, size: bytes.count)
        return indexable(MessageSummarizer.summarize(bytes: bytes, metadata: metadata, team: team).bodyText)
    }

    /// Most body text indexed per message: the summarizer's own limit, so this cut only
    /// guards against a summary made some other way. Help-center mail is a few KB; past this
    /// it is pasted logs or an encoded attachment sent as text, whose unique "words" cost the
    /// index writer hundreds of MB (measured, a sync of four 4 MB base64 text/plain messages:
    /// 818 MB and 46 s without this cap, 466 MB and 24 s with it, before the summarizer cut
    /// bodies too). The message itself is mirrored whole either way.
    static let maxIndexedTextBytes = MessageSummarizer.maxTextBytes

    static func indexable(_ text: String) -> String {
        guard text.utf8.count > maxIndexedTextBytes else { return text }
        var bytes = Array(text.utf8.prefix(maxIndexedTextBytes + 1))
        // Never cut a character in two: drop continuation bytes, then the lead byte they follow.
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
        bytes.removeLast()
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Adds `summaries` to the index, a few at a time: the text from `texts` when it is there
    /// (taken out as it is used), else read from the store and parsed again. Commits every
    /// `batch` messages, or sooner when the batch holds `maxPendingTerms` terms.
    ///
    /// The analysis of each run of documents (`AnalyzedDocument`: finding the terms, a third of adding a
    /// document) runs on a second core while the writer takes the run before it, so the refresh after a
    /// first pull does not leave a core idle. The writer takes the documents in the same order, so the
    /// segments are the same.
    private func add(_ summaries: [MessageSummary], to writer: IndexWriter, texts: IndexTextCache, batch: Int) throws {
        let step = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
        var pending = 0
        var start = 0
        // The next run: known texts taken as they are, a run of unknown ones read from the store on every core.
        func analyzeRun() -> Result<[AnalyzedDocument], Error> {
            Result {
                var end = start
                var documents: [IndexDocument] = []
                var textBytes = 0
                while end < summaries.count, end - start < Self.analysisRun, textBytes < Self.analysisRunBytes,
                    let text = texts.take(summaries[end].id)
                {
                    documents.append(IndexDocument(summary: summaries[end], bodyText: text))
                    textBytes += text.utf8.count
                    end += 1
                }
                if documents.isEmpty {
                    while end < summaries.count, end - start < step, !texts.contains(summaries[end].id) { end += 1 }
                    documents = try Parallel.map(Array(summaries[start..<end]), document)
                }
                start = end
                return documents.map(AnalyzedDocument.init)
            }
        }
        func write(_ analyzed: [AnalyzedDocument]) -> Result<Void, Error> {
            Result {
                for document in analyzed {
                    writer.add(document)
                    pending += 1
                    if pending >= batch || writer.pendingTermCount >= Self.maxPendingTerms {
                        try writer.commit()
                        pending = 0
                    }
                }
            }
        }
        var next = analyzeRun()
        while true {
            let current = try next.get()
            if current.isEmpty { break }
            let (written, analyzed) = Parallel.both({ write(current) }, analyzeRun)
            try written.get()
            next = analyzed
        }
        try writer.commit()
    }

    /// Documents with known texts analyzed in one run while the writer takes the run before, and their most
    /// text: two runs' terms are held at once (a few tens of bytes per word), which must stay small.
    static let analysisRun = 64
    static let analysisRunBytes = 256 << 10

    /// Most distinct terms an index batch gathers before it is committed: the batch holds a few
    /// hundred bytes per term until then. Ordinary mail reaches the message count first (3,000
    /// messages of `scripts/gen-sample` hold 10,400 distinct terms in all); text where nearly
    /// every word is new (logs, base64 sent as text/plain, about 15,000 terms per message once
    /// cut) reaches this first. Measured (debug build), 24 such messages: 247 MB of heap in one
    /// batch; peak RSS of the whole sync 116 MB at 100,000 terms, 98-103 MB at 50,000. Fewer
    /// would mean more segments, and merging them costs more than it saves.
    static let maxPendingTerms = 50_000

    /// Records whose thread changed are appended (a message's latest record wins), so a sync that
    /// brings a few messages does not rewrite the whole catalog; the file is rewritten, without the
    /// superseded records, once those would make up more than a fifth of it. Either way a record at a time.
    private func saveThreads(_ walk: CatalogWalk, threads: CompactThreads, changed: Int) throws {
        // Checked even when nothing changed: the refresh by lookup leaves compaction to this path, and
        // would come back here on every sync if it did not happen.
        let superseded = walk.storedRecords - walk.distinct + changed
        var message = 0
        func threaded(_ summary: MessageSummary, kept: Bool) -> MessageSummary {
            guard kept else { return summary }
            var summary = summary
            summary.threadId = threads.threadId(message)
            message += 1
            return summary
        }
        if superseded * 5 > walk.storedRecords + changed {
            let rewriter = try CatalogRewriter(catalog: store.catalog)
            defer { rewriter.abandon() }
            try walk.walk { _, summary, kept in try rewriter.append(threaded(summary, kept: kept)) }
            try rewriter.commit()
        } else if changed > 0 {
            var pending: [MessageSummary] = []
            try walk.walk { _, summary, kept in
                let updated = threaded(summary, kept: kept)
                guard updated.threadId != summary.threadId else { return }
                pending.append(updated)
                if pending.count >= 1_000 {
                    try store.catalog.append(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
            try store.catalog.append(pending)
        }
    }

    /// `index.state`: how many catalog records are indexed, and the catalog's size then.
    private func readState() -> (records: Int, catalogBytes: Int64?) {
        guard let text = try? String(contentsOf: stateURL, encoding: .utf8) else { return (0, nil) }
        var records = 0
        var bytes: Int64?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmed(.whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "indexed-records" { records = Int(parts[1]) ?? 0 }
            if parts[0] == "catalog-bytes" { bytes = Int64(parts[1]) }
        }
        return (records, bytes)
    }

    func writeState(records: Int) throws {
        // Zero records means "start again": no catalog size, so the next refresh never skips.
        let bytes = records == 0 ? -2 : Self.fileSize(store.catalog.path)
        try StateFile.write(Data("indexed-records: \(records)\ncatalog-bytes: \(bytes)\n".utf8), to: stateURL)
    }

    private static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
