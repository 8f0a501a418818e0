import Foundation
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
    /// only what threading needs, and sends each summary and text to a `ScratchLog` in store order;
    /// the second reads them back in that order, gives each its thread, and streams the catalog
    /// (`CatalogRewriter`) and the index (committed in batches). Memory holds the threading fields
    /// and a batch of the index, never the texts or the whole summaries.
    ///
    /// Killed at any point, the old catalog stays until the new one is renamed over it, and
    /// `index.state` says the index must be redone until the end.
    @discardableResult
    func rebuild() throws -> Int {
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
                summary.threadId = threads[nextThread]
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

    /// Pass 1 and the threading: the thread id of every message the index holds, in store order, and
    /// per stored message whether the index holds it.
    private func threadStore(into scratch: ScratchLog) throws -> (threads: [String], isUnique: [Bool]) {
        let (unique, isUnique) = try summarizeStore(into: scratch)
        return (Threader.threadIds(for: unique), isUnique)
    }

    /// Pass 1: every stored message summarized on every core, a block at a time, in store order; its
    /// summary and text go to `scratch`. Returns the threading fields of the messages the index holds
    /// (one copy of a message present in several mailboxes), and per stored message whether it is one.
    private func summarizeStore(into scratch: ScratchLog) throws -> (unique: [MessageSummary], isUnique: [Bool]) {
        let previous = Self.previousFacts(store.catalog)
        let keys = try CatalogRecovery.storedMessages(in: store)
        var unique: [MessageSummary] = []
        var isUnique: [Bool] = []
        isUnique.reserveCapacity(keys.count)
        // Reserved once: growing by doubling would hold the old and the new buffer at once.
        unique.reserveCapacity(keys.count)
        var identities = Set<CatalogView.Identity>()
        var strings = Set<String>()
        for start in stride(from: 0, to: keys.count, by: Self.rebuildBlock) {
            let block = keys[start..<min(start + Self.rebuildBlock, keys.count)]
            let done = try Parallel.map(Array(block)) { key, flags in
                try summarizeForRebuild(key, flags: flags, previous: previous[key.id])
            }
            for (threading, record) in done {
                try scratch.append(record)
                let first = CatalogView.identity(of: threading).map { identities.insert($0).inserted } ?? true
                isUnique.append(first)
                if first { unique.append(Self.interned(threading, in: &strings)) }
            }
        }
        return (unique, isUnique)
    }

    /// `summary` with its strings shared with equal ones already kept: a reply's references are its
    /// parents' Message-IDs, and addresses and subjects recur, so the threading fields of a large
    /// store take about half the memory.
    private static func interned(_ summary: MessageSummary, in strings: inout Set<String>) -> MessageSummary {
        func intern(_ text: String) -> String { strings.insert(text).memberAfterInsert }
        func address(_ address: EmailAddress) -> EmailAddress {
            EmailAddress(name: nil, address: intern(address.address))
        }
        var summary = summary
        summary.key.account = intern(summary.key.account)
        summary.key.mailbox = intern(summary.key.mailbox)
        summary.messageId = summary.messageId.map(intern)
        summary.inReplyTo = summary.inReplyTo.map(intern)
        summary.references = summary.references.map(intern)
        summary.subject = intern(summary.subject)
        summary.from = summary.from.map(address)
        summary.to = summary.to.map(address)
        summary.cc = summary.cc.map(address)
        return summary
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
    static func previousFacts(_ catalog: CatalogFile) -> [String: PreviousFacts] {
        var facts: [String: PreviousFacts] = [:]
        do {
            try catalog.streamRecords { record in
                facts[record.id] = PreviousFacts(
                    date: record.date, gmailMessageId: record.gmailMessageId, gmailThreadId: record.gmailThreadId,
                    labels: record.labels)
            }
        } catch {
            return [:]
        }
        return facts
    }

    /// One stored message summarized: the fields threading needs (no reply text, attachments,
    /// labels, flags or names, which threading never reads: `interned` drops the names), and its scratch record (the whole summary
    /// and the text to index).
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
        var threading = message.summary
        threading.replyText = ""
        threading.attachments = []
        threading.labels = []
        threading.flags = []
        return (threading, record)
    }

    private static func decodeRebuildRecord(_ raw: UnsafeRawBufferPointer) throws -> (MessageSummary, String) {
        let length = Int(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
        let summary = try CatalogFile.decodedRecord(UnsafeRawBufferPointer(rebasing: raw[4..<(4 + length)]))
        return (summary, String(decoding: UnsafeRawBufferPointer(rebasing: raw[(4 + length)...]), as: UTF8.self))
    }
}
