import Foundation
import MailCore
import MIME
import Store

/// Catalogues each message as the sync commits it: parses it on the commit worker (the bytes
/// are still in memory) and appends its summary to the catalog in batches. Gmail's thread id,
/// message id and labels are known only here, which is why this happens during the sync.
/// The decoded body text goes to `texts`, for the index refresh after the sync.
final class Cataloguer: MessageIngest, @unchecked Sendable {
    private let catalog: CatalogFile
    private let team: TeamMatcher
    private let texts: IndexTextCache?
    private let batchSize: Int
    private let lock = NSLock()
    private var pending: [MessageSummary] = []
    private var failure: Error?
    /// Whether a batch of summaries could not be written during this sync (CatalogRecovery then stays armed).
    private(set) var lostSummaries = false

    init(catalog: CatalogFile, team: TeamMatcher, texts: IndexTextCache? = nil, batchSize: Int = 256) {
        self.catalog = catalog
        self.team = team
        self.texts = texts
        self.batchSize = batchSize
    }

    func ingest(key: MessageKey, message: RemoteMessage) {
        let metadata = FetchedMetadata(key: key, internalDate: message.internalDate, size: message.bytes.count,
                                       flags: message.flags, gmailMessageId: message.gmailMessageId,
                                       gmailThreadId: message.gmailThreadId, labels: message.labels)
        let summarized = MessageSummarizer.summarize(bytes: message.bytes, metadata: metadata, team: team)
        let summary = summarized.summary
        texts?.keep(IndexRefresher.indexable(summarized.bodyText), for: summary.id)
        lock.lock()
        defer { lock.unlock() }
        pending.append(summary)
        if pending.count >= batchSize { writePending() }
    }

    func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        writePending()
        if let failure {
            self.failure = nil
            throw failure
        }
    }

    /// A catalog write failure must not stop the mirror (the catalog is rebuilt from the store);
    /// it is reported at the next flush.
    private func writePending() {
        guard !pending.isEmpty else { return }
        do {
            try catalog.append(pending)
        } catch {
            lostSummaries = true
            failure = failure ?? error
        }
        pending.removeAll(keepingCapacity: true)
    }
}
