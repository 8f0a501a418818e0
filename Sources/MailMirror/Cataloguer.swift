import FoundationEssentials
import MIME
import MailCore
import Store
import Synchronization

/// Catalogues each message as the sync commits it: parses it on the commit worker (the bytes
/// are still in memory) and appends its summary to the catalog in batches. Gmail's thread id,
/// message id and labels are known only here, which is why this happens during the sync.
/// The decoded body text goes to `texts`, for the index refresh after the sync.
final class Cataloguer: MessageIngest, Sendable {
    private let catalog: CatalogFile
    private let team: TeamMatcher
    private let texts: IndexTextCache?
    private let batchSize: Int
    /// Summaries not yet written and what went wrong since the last flush; held while a batch is written,
    /// so batches from several commit workers never interleave.
    private let batch = Mutex(Batch())

    private struct Batch {
        var pending: [MessageSummary] = []
        var failure: Error?
        var lostSummaries = false
    }

    /// Whether a batch of summaries could not be written during this sync (CatalogRecovery then stays armed).
    var lostSummaries: Bool { batch.withLock { $0.lostSummaries } }

    init(catalog: CatalogFile, team: TeamMatcher, texts: IndexTextCache? = nil, batchSize: Int = 256) {
        self.catalog = catalog
        self.team = team
        self.texts = texts
        self.batchSize = batchSize
    }

    func read(key: MessageKey, message: RemoteMessage) -> IngestedMessage {
        let metadata = FetchedMetadata(
            key: key, internalDate: message.internalDate, size: message.bytes.count,
            flags: message.flags, gmailMessageId: message.gmailMessageId,
            gmailThreadId: message.gmailThreadId, labels: message.labels)
        let summarized = MessageSummarizer.summarize(bytes: message.bytes, metadata: metadata, team: team)
        var summary = summarized.summary
        summary.threadId = Self.likelyThread(summary)
        texts?.keep(IndexRefresher.indexable(summarized.bodyText), for: summary.id)
        return IngestedMessage(summary: summary)
    }

    func record(_ message: IngestedMessage) {
        batch.withLock { batch in
            batch.pending.append(message.summary)
            if batch.pending.count >= batchSize { write(&batch) }
        }
    }

    /// The thread id the index refresh will most likely give `summary`: Gmail's thread, else the id the
    /// threader gives a thread whose root is the oldest Message-ID the summary names (its own when it names
    /// none). The refresh threads for real and appends again only the records whose id it changes; with no
    /// guess (an empty id) every new record was written twice, and a first sync rewrote the whole catalog.
    static func likelyThread(_ summary: MessageSummary) -> String {
        if let gmail = summary.gmailThreadId { return StableHash.hex(gmail) }
        let root =
            summary.references.suffix(200).first { !$0.isEmpty } ?? summary.inReplyTo.first { !$0.isEmpty }
            ?? summary.messageId
        guard let root, !root.isEmpty else { return summary.id }
        return StableHash.hex(StableHash.fnv1a64(root))
    }

    func flush() throws {
        let failure = batch.withLock { batch in
            write(&batch)
            defer { batch.failure = nil }
            return batch.failure
        }
        if let failure { throw failure }
    }

    /// A catalog write failure must not stop the mirror (the catalog is rebuilt from the store);
    /// it is reported at the next flush.
    private func write(_ batch: inout Batch) {
        guard !batch.pending.isEmpty else { return }
        do {
            try catalog.append(batch.pending)
        } catch {
            batch.lostSummaries = true
            batch.failure = batch.failure ?? error
        }
        batch.pending.removeAll(keepingCapacity: true)
    }
}
