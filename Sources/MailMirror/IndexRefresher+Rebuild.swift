import FoundationEssentials
import Index
import MIME
import MailCore
import Store

extension IndexRefresher {
    /// Rebuilds the catalog and the index from the store alone (Gmail ids and labels, and the
    /// internal date, are kept from the old catalog when it has them); returns how many messages
    /// were indexed.
    ///
    /// Every message is read, inflated and parsed once. A message's thread depends on the whole
    /// store, so there are two passes: the first parses the store on every core, keeps per message
    /// only whether it is the first copy of its message, and sends each summary and text to a
    /// `ScratchLog` in store order; the threader is then fed from the scratch log, and the second
    /// pass reads it back in that order, gives each message its thread, and streams the catalog
    /// (`CatalogRewriter`) and the index (committed in batches). Each phase holds only its own
    /// tables: the store's listings and the old catalog's facts while parsing, the threading fields
    /// while threading, the threads and a batch of the index while writing; never the texts or the
    /// whole summaries.
    ///
    /// Killed at any point, the old catalog stays until the new one is renamed over it, and
    /// `index.state` says the index must be redone until the end.
    @discardableResult
    func rebuild() throws -> Int {
        // Large tables get their own mappings, given back when freed: each phase's tables leave before the
        // next phase makes its own (glibc otherwise keeps what the listings, the old catalog's facts and the
        // threader free).
        AllocatorPolicy.applied
        let scratch = ScratchLog(directory: paths.root, memoryBytes: textBudget)
        let (threads, isUnique) = try threadStore(into: scratch)
        let indexed = threads.count
        // The threading fields are gone: give their memory back before the index takes its own.
        AllocatorPolicy.trim()

        // Pass 2: the catalog and the index, in store order.
        try writeState(records: 0)
        let catalog = try CatalogRewriter(catalog: store.catalog)
        defer { catalog.abandon() }
        let writer = try IndexWriter(directory: paths.index, rebuild: true)
        defer { writer.close() }
        var pending = 0
        var block: [(summary: MessageSummary, text: String, indexed: Bool)] = []
        var nextThread = 0
        var position = 0
        // A block of documents is analyzed on every core, then written in store order.
        func writeBlock() throws {
            let analyzed = try Parallel.map(block) { item in
                item.indexed ? AnalyzedDocument(IndexDocument(summary: item.summary, bodyText: item.text)) : nil
            }
            for (item, document) in zip(block, analyzed) {
                try catalog.append(item.summary)
                guard let document else { continue }
                writer.add(document)
                pending += 1
                if pending >= Self.rebuildBatch || writer.pendingTermCount >= Self.maxPendingTerms {
                    try writer.commit()
                    pending = 0
                }
            }
            block.removeAll(keepingCapacity: true)
        }
        try scratch.readRecords { raw in
            var (summary, text) = try Self.decodeRebuildRecord(raw)
            let indexed = isUnique[position]
            position += 1
            if indexed {
                summary.threadId = threads.threadId(nextThread)
                nextThread += 1
            }
            block.append((summary, text, indexed))
            if block.count >= Self.analysisBlock { try writeBlock() }
        }
        try writeBlock()
        try catalog.commit()
        try ThreadTable.write(catalog: store.catalog)
        try writer.commit()
        try writeState(records: catalog.count)
        return indexed
    }

    /// Pass 1 and the threading: the thread of every message the index holds, in store order, and per
    /// stored message whether the index holds it. Pass 1's tables (listings, the old catalog's facts, copy
    /// identities) are gone before the threader is fed from `scratch`; it keeps a few dozen bytes per
    /// message, and the participants its subject rule needs are read back from `scratch` once more.
    private func threadStore(into scratch: ScratchLog) throws -> (threads: CompactThreads, isUnique: [Bool]) {
        let isUnique = try summarizeStore(into: scratch)
        AllocatorPolicy.trim()
        var threader = CompactThreader(expected: isUnique.count)
        try forEachUnique(in: scratch, isUnique) { _, summary in threader.add(summary) }
        let threads = try threader.finish { visit in
            try forEachUnique(in: scratch, isUnique) { index, summary in visit(index, summary) }
        }
        return (threads, isUnique)
    }

    /// The summaries `scratch` holds of the messages the index holds, numbered in store order.
    private func forEachUnique(
        in scratch: ScratchLog, _ isUnique: [Bool], _ body: (_ index: Int, _ summary: MessageSummary) -> Void
    ) throws {
        var position = 0
        var unique = 0
        try scratch.readRecords { raw in
            defer { position += 1 }
            guard isUnique[position] else { return }
            body(unique, try Self.decodeRebuildRecord(raw).0)
            unique += 1
        }
    }

    /// Pass 1: every stored message summarized on every core, a block at a time, in store order; its
    /// summary and text go to `scratch`. Returns per stored message whether it is the one the index holds
    /// (one copy of a message present in several mailboxes).
    private func summarizeStore(into scratch: ScratchLog) throws -> [Bool] {
        let previous = Self.previousFacts(store.catalog)
        let epochs = try CatalogRecovery.storedEpochs(in: store)
        let total = epochs.reduce(0) { $0 + $1.listing.count }
        var isUnique: [Bool] = []
        isUnique.reserveCapacity(total)
        var identities = Set<UInt64>(minimumCapacity: total)
        var block: [(key: MessageKey, flags: [Flag])] = []
        func summarizeBlock() throws {
            let done = try Parallel.map(block) { key, flags in
                try summarizeForRebuild(key, flags: flags, previous: previous[key.id])
            }
            block.removeAll(keepingCapacity: true)
            for (threading, record) in done {
                try scratch.append(record)
                let first = CatalogView.identityHash(of: threading).map { identities.insert($0).inserted } ?? true
                isUnique.append(first)
            }
        }
        // Keys are made a block at a time from the epochs' compact listings.
        for epoch in epochs {
            for (uid, _) in epoch.listing {
                block.append((epoch.key(uid), epoch.listing.flags(of: uid) ?? []))
                if block.count >= Self.rebuildBlock { try summarizeBlock() }
            }
        }
        try summarizeBlock()
        return isUnique
    }

    /// Messages summarized per block of the first pass: enough to keep every core busy, few enough
    /// that a block's texts are a few MB.
    static let rebuildBlock = 1_024
    /// Documents the second pass analyzes at once on every core (a few MB of terms).
    static let analysisBlock = 256
    /// Messages per index commit during a rebuild.
    static let rebuildBatch = 5_000

    /// What only the server knew of a message, from an earlier catalog record.
    struct PreviousFacts: Sendable {
        var date: Int64
        var gmailMessageId: UInt64?
        var gmailThreadId: UInt64?
        var labels: [String]
    }

    /// The old catalog's facts by id (the latest record wins), read one record at a time; none when
    /// it cannot be read to the end.
    static func previousFacts(_ catalog: CatalogFile) -> PreviousFactsTable {
        var table = PreviousFactsTable()
        do {
            try catalog.streamRecords { table.add($0) }
        } catch {
            return PreviousFactsTable()
        }
        table.seal()
        return table
    }

    /// One stored message summarized, and its scratch record (the whole summary and the text to index).
    private func summarizeForRebuild(_ key: MessageKey, flags: [Flag], previous: PreviousFacts?) throws -> (
        MessageSummary, [UInt8]
    ) {
        let message = try CatalogRecovery.summarize(
            key, flags: flags, store: store, team: teams[key.account] ?? TeamMatcher(members: []), previous: previous)
        let summary = CatalogFile.encodedRecord(message.summary)
        var record: [UInt8] = []
        var text = Self.indexable(message.bodyText)
        text.withUTF8 { utf8 in
            record.reserveCapacity(4 + summary.count + utf8.count)
            var length = UInt32(summary.count).littleEndian
            withUnsafeBytes(of: &length) { record.append(contentsOf: $0) }
            record += summary
            record.append(contentsOf: utf8)
        }
        return (message.summary, record)
    }

    private static func decodeRebuildRecord(_ raw: UnsafeRawBufferPointer) throws -> (MessageSummary, String) {
        let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
        let summary = try CatalogFile.decodedRecord(UnsafeRawBufferPointer(rebasing: raw[4..<(4 + length)]))
        return (summary, String(decoding: UnsafeRawBufferPointer(rebasing: raw[(4 + length)...]), as: UTF8.self))
    }
}
