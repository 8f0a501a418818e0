import Dispatch
import Foundation
import Index
import MailCore
import MIME
import Store

/// Keeps the search index in step with the catalog: indexes what the catalog gained since the
/// last refresh and re-adds messages whose thread changed (a late parent joins two threads).
/// `<root>/index.state` records how far the catalog has been indexed; a refresh killed half way
/// leaves the old index usable and simply redoes its work next time.
struct IndexRefresher {
    let store: MailStore
    let paths: MirrorPaths
    let teams: [String: TeamMatcher]
    /// See `rebuildTextBudget` (tests make it small to take the second-read path).
    var textBudget = IndexRefresher.rebuildTextBudget

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
        if recorded.records > 0, (recorded.catalogBytes ?? -1) > 0, let count = try refreshByLookup(texts: known) { return count }
        let view = try CatalogView(catalog: store.catalog)
        let watermark = recorded.records
        var position: [String: Int] = [:]
        var storedThread: [String: String] = [:]
        for (index, record) in view.records.enumerated() {
            position[record.id] = index
            storedThread[record.id] = record.threadId
        }
        let due = view.messages.filter { (position[$0.id] ?? 0) >= watermark || storedThread[$0.id] != $0.threadId }
        if !due.isEmpty {
            // A few documents at a time, committed in batches, so memory stays flat however
            // much the catalog gained and however large its messages are.
            let writer = try IndexWriter(directory: paths.index)
            defer { writer.close() }
            try add(due, to: writer, texts: known, batch: 1_000)
        }
        try saveThreads(view)
        try ThreadTable.write(try store.catalog.load(), catalog: store.catalog)
        try writeState(records: view.records.count)
        return due.count
    }

    /// Most new records a refresh threads by lookup; past it (a first sync, a long catch-up) threading
    /// the whole catalog at once costs less than the lookups.
    static let maxLookupRecords = 5_000

    /// The refresh when `catalog/threads` holds: only the records catalogued since it was written are
    /// read, the threads they touch are found by lookup (their Message-IDs, References and In-Reply-To,
    /// then every member of those threads, until nothing new turns up), and the threader runs over that
    /// closed set alone. A thread is a connected set of messages, so the ids it gives equal those of a
    /// full rethread; the one cross-thread rule, the subject fallback for a lone reply with no reference,
    /// sends the refresh to the full path whenever a new message could take part in it. Nil when the full
    /// path must run (no usable table, too much new, the subject fallback, the catalog due for compaction).
    private func refreshByLookup(texts known: IndexTextCache) throws -> Int? {
        guard let table = ThreadTable.open(directory: store.catalog.directory, catalogPath: store.catalog.path) else { return nil }
        let (fresh, end) = try store.catalog.records(from: table.covered)
        guard fresh.count <= Self.maxLookupRecords else { return nil }
        for record in fresh.map(\.summary) {
            if ThreadTable.mayJoinBySubject(record) { return nil }
            // A new message may become the thread an older lone reply joins by subject.
            if !table.lookup(ThreadTable.Key.loneSubject(record.subject)).isEmpty { return nil }
        }
        // Latest and first offset of each id the table knows.
        var spans: [String: (first: Int, latest: Int)] = [:]
        func span(_ id: String) -> (first: Int, latest: Int)? {
            if let known = spans[id] { return known }
            let offsets = table.lookup(ThreadTable.Key.record(id))
            guard let first = offsets.min(), let latest = offsets.max() else { return nil }
            spans[id] = (first, latest)
            return (first, latest)
        }
        var existing: [Int: MessageSummary] = [:] // latest records touched, by offset
        var seen = Set<Int>()
        var threads = Set<String>()
        var frontier = fresh.map(\.summary)
        var ids = Set<String>()
        for record in frontier where ids.insert(record.id).inserted {
            if let known = span(record.id) { seen.insert(known.latest) }
        }
        for offset in seen { if let record = try store.catalog.records(at: [offset])[offset] { existing[offset] = record } }
        frontier += existing.values
        while !frontier.isEmpty {
            var wanted = Set<Int>()
            for record in frontier {
                for id in [record.messageId].compactMap({ $0 }) + record.references + record.inReplyTo where !id.isEmpty {
                    wanted.formUnion(table.lookup(ThreadTable.Key.message(id)))
                }
            }
            var found = try latest(wanted.subtracting(seen), span: span)
            seen.formUnion(wanted)
            var members = Set<Int>()
            for record in found.values + frontier where !record.threadId.isEmpty && threads.insert(record.threadId).inserted {
                members.formUnion(table.lookup(ThreadTable.Key.thread(record.threadId)))
            }
            let joined = try latest(members.subtracting(seen), span: span).filter { threads.contains($0.value.threadId) }
            seen.formUnion(members)
            found.merge(joined) { a, _ in a }
            for (offset, record) in found { existing[offset] = record }
            frontier = Array(found.values)
            guard existing.count <= 50_000 else { return nil }
        }
        // The catalog's order: existing records at their id's first place, then the new ones.
        let ordered = existing.values.sorted { (span($0.id)?.first ?? 0) < (span($1.id)?.first ?? 0) }
        let view = CatalogView(records: ordered + fresh.map(\.summary))
        var storedThread: [String: String] = [:]
        for record in view.records { storedThread[record.id] = record.threadId }
        let freshIds = Set(fresh.map(\.summary.id))
        let due = view.messages.filter { freshIds.contains($0.id) || storedThread[$0.id] != $0.threadId }
        let changed = zip(threaded(view), view.records).filter { $0 != $1 }.map(\.0)
        let newIds = freshIds.filter { span($0) == nil }.count
        let frames = table.frames + fresh.count + changed.count, distinct = table.distinct + newIds
        // The catalog is due for compaction: the full path rewrites it (and the table).
        if (frames - distinct) * 5 > frames { return nil }
        if !due.isEmpty {
            let writer = try IndexWriter(directory: paths.index)
            defer { writer.close() }
            try add(due, to: writer, texts: known, batch: 1_000)
        }
        var entries: [ThreadTable.Entry] = []
        for (offset, record) in fresh { entries += ThreadTable.entries(for: record, at: offset) }
        let offsets = try store.catalog.append(changed)
        for (offset, record) in zip(offsets, changed) { entries += ThreadTable.entries(for: record, at: offset) }
        let covered = offsets.isEmpty ? end : Int(Self.fileSize(store.catalog.path))
        try table.append(entries, covered: covered, frames: frames, distinct: distinct)
        try writeState(records: distinct)
        return due.count
    }

    /// The records at `offsets` that are still the latest of their id.
    private func latest(_ offsets: Set<Int>, span: (String) -> (first: Int, latest: Int)?) throws -> [Int: MessageSummary] {
        try store.catalog.records(at: offsets.sorted()).filter { offset, record in span(record.id)?.latest == offset }
    }

    /// The index document of a catalogued message: its text comes from the store again.
    private func document(_ summary: MessageSummary) throws -> IndexDocument {
        let bytes = try store.mailbox(account: summary.key.account, name: summary.key.mailbox)
            .readMessage(uidValidity: summary.key.uidValidity, uid: summary.key.uid)
        return IndexDocument(summary: summary, bodyText: Self.bodyText(bytes, summary: summary, team: team(for: summary)))
    }

    /// Rebuilds the catalog and the index from the store alone (Gmail ids and labels are kept
    /// from the old catalog when it has them).
    @discardableResult
    func rebuild() throws -> Int {
        let old = (try? CatalogView(catalog: store.catalog))?.records ?? []
        var previous: [String: MessageSummary] = [:]
        for record in old { previous[record.id] = record }
        let keys = try CatalogRecovery.storedMessages(in: store)
        // The texts are kept for the index while they fit in `rebuildTextBudget`; the rest are
        // read and parsed again when their turn comes, so a large store never has all its
        // text in memory at once.
        let budget = TextBudget(bytes: textBudget)
        let summarized = try Parallel.map(keys) { key, flags -> (summary: MessageSummary, text: String?) in
            let message = try CatalogRecovery.summarize(key, flags: flags, store: store, team: teams[key.account] ?? TeamMatcher(members: []),
                                                        previous: previous[key.id])
            let text = Self.indexable(message.bodyText)
            return (message.summary, budget.take(text.utf8.count) ? text : nil)
        }
        let view = CatalogView(records: summarized.map(\.summary))
        let texts = IndexTextCache(memoryBytes: Int.max)
        for message in summarized { if let text = message.text { texts.keep(text, for: message.summary.id) } }
        try writeState(records: 0)
        try store.catalog.rewrite(threaded(view))
        try ThreadTable.write(try store.catalog.load(), catalog: store.catalog)
        let writer = try IndexWriter(directory: paths.index, rebuild: true)
        defer { writer.close() }
        try add(view.messages, to: writer, texts: texts, batch: 5_000)
        try writeState(records: view.records.count)
        return view.messages.count
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
    private func add(_ summaries: [MessageSummary], to writer: IndexWriter, texts: IndexTextCache, batch: Int) throws {
        let step = max(1, ProcessInfo.processInfo.activeProcessorCount) * 4
        var pending = 0
        var start = 0
        while start < summaries.count {
            // Known texts go straight in; a run of unknown ones is read on every core.
            var end = start
            var documents: [IndexDocument] = []
            if let text = texts.take(summaries[start].id) {
                documents = [IndexDocument(summary: summaries[start], bodyText: text)]
                end = start + 1
            } else {
                while end < summaries.count, end - start < step, !texts.contains(summaries[end].id) { end += 1 }
                documents = try Parallel.map(Array(summaries[start..<end]), document)
            }
            for document in documents {
                writer.add(document)
                pending += 1
                if pending >= batch || writer.pendingTermCount >= Self.maxPendingTerms {
                    try writer.commit()
                    pending = 0
                }
            }
            start = end
        }
        try writer.commit()
    }

    /// Most decoded text `rebuild` keeps between summarizing the store and indexing it; past it,
    /// texts are read and parsed a second time (slower, but memory no longer grows with the store).
    static let rebuildTextBudget = 64 << 20

    /// A byte budget shared by the threads of `Parallel.map`.
    final class TextBudget: @unchecked Sendable {
        private let lock = NSLock()
        private var left: Int

        init(bytes: Int) { left = bytes }

        /// Takes `bytes` from the budget when they fit.
        func take(_ bytes: Int) -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard bytes <= left else { return false }
            left -= bytes
            return true
        }
    }

    /// Most distinct terms an index batch gathers before it is committed: the batch holds a few
    /// hundred bytes per term until then. Ordinary mail reaches the message count first (3,000
    /// messages of `scripts/gen-sample` hold 10,400 distinct terms in all); text where nearly
    /// every word is new (logs, base64 sent as text/plain, about 15,000 terms per message once
    /// cut) reaches this first. Measured (debug build), 24 such messages: 247 MB of heap in one
    /// batch; peak RSS of the whole sync 116 MB at 100,000 terms, 98-103 MB at 50,000. Fewer
    /// would mean more segments, and merging them costs more than it saves.
    static let maxPendingTerms = 50_000

    /// The records with the thread ids the index now holds, so the next refresh sees what changed.
    private func threaded(_ view: CatalogView) -> [MessageSummary] {
        var assigned: [String: String] = [:]
        for message in view.messages { assigned[message.id] = message.threadId }
        return view.records.map { record in
            var record = record
            if let thread = assigned[record.id] { record.threadId = thread }
            return record
        }
    }

    /// Records whose thread changed are appended (a message's latest record wins), so a sync that
    /// brings a few messages does not rewrite the whole catalog; the file is rewritten, without the
    /// superseded records, once those would make up more than a fifth of it.
    private func saveThreads(_ view: CatalogView) throws {
        let records = threaded(view)
        var changed: [MessageSummary] = []
        for (new, old) in zip(records, view.records) where new != old { changed.append(new) }
        guard !changed.isEmpty else { return }
        let superseded = view.storedRecords - records.count + changed.count
        if superseded * 5 > view.storedRecords + changed.count {
            try store.catalog.rewrite(records)
        } else {
            try store.catalog.append(changed)
        }
    }

    /// `index.state`: how many catalog records are indexed, and the catalog's size then.
    private func readState() -> (records: Int, catalogBytes: Int64?) {
        guard let text = try? String(contentsOf: stateURL, encoding: .utf8) else { return (0, nil) }
        var records = 0
        var bytes: Int64?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { continue }
            if parts[0] == "indexed-records" { records = Int(parts[1]) ?? 0 }
            if parts[0] == "catalog-bytes" { bytes = Int64(parts[1]) }
        }
        return (records, bytes)
    }

    private func writeState(records: Int) throws {
        // Zero records means "start again": no catalog size, so the next refresh never skips.
        let bytes = records == 0 ? -2 : Self.fileSize(store.catalog.path)
        try StateFile.write(Data("indexed-records: \(records)\ncatalog-bytes: \(bytes)\n".utf8), to: stateURL)
    }

    private static func fileSize(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
