import FoundationEssentials
import Index
import MIME
import MailCore
import Store

/// One message as `show` prints it.
public struct MessageView: Sendable {
    public var summary: MessageSummary
    /// The exact bytes the server sent.
    public var raw: [UInt8]
    /// The decoded text (text/plain, else the HTML as text).
    public var text: String
}

extension LocalMirror {
    /// The entry check (`checkDerivedData()`, its notices handed to `notice`) and the search, in one:
    /// when the check finds nothing changed, the index it opened to count its documents is the one
    /// searched, instead of opening it a second time.
    public func checkedSearch(
        _ query: String, options: SearchOptions, notice: (String) -> Void
    ) throws -> [SearchHit] {
        try checkedIndex(notice: notice).search(query, options: options)
    }

    /// The entry check (`checkDerivedData()`, its notices handed to `notice`), then the index to search:
    /// the one the check opened when it found nothing changed, else opened here (throwing as `search`
    /// does when there is none). For a caller that keeps the index after the search: a command that
    /// exits right after leaves its mappings to the exit instead of unmapping each segment.
    public func checkedIndex(notice: (String) -> Void) throws -> SearchIndex {
        let opened = DerivedCoverage.OpenedIndex()
        for text in try checkDerivedData(opened: opened) { notice(text) }
        return try opened.index ?? openIndex()
    }

    /// Offline search over the index; never touches the network or the store.
    public func search(_ query: String, options: SearchOptions) throws -> [SearchHit] {
        try openIndex().search(query, options: options)
    }

    /// The committed index; `.derivedDataOutOfStep` when it is missing while the store holds mail,
    /// `.notMirroredYet` when nothing was mirrored.
    func openIndex() throws -> SearchIndex {
        guard FileManager.default.fileExists(atPath: paths.index.appendingPathComponent("manifest").path) else {
            // No index: nothing mirrored yet, unless the store holds mail (then the index was lost).
            if FileManager.default.fileExists(atPath: paths.root.path), let store = try? MailStore(root: paths.root),
                let stamp = try? DerivedCoverage(store: store, paths: paths).currentStamp(reusing: nil, listing: true),
                (stamp.storedMessages ?? 0) > 0
            {
                throw MailMirrorError.derivedDataOutOfStep(
                    "The search index (\(paths.index.path)) is missing although the store holds mail. Run `mailmirror reindex` to rebuild it."
                )
            }
            throw MailMirrorError.notMirroredYet("search")
        }
        return try SearchIndex.open(directory: paths.index)
    }

    func catalogView() throws -> CatalogView {
        let contents = try checkedCatalog()
        return CatalogView(loaded: contents.summaries, storedRecords: contents.records)
    }

    /// The catalog's records, one per id, healed first when they do not cover the store.
    func checkedCatalog() throws -> CatalogFile.Contents {
        guard FileManager.default.fileExists(atPath: paths.root.path) else {
            throw MailMirrorError.notMirroredYet("the catalog")
        }
        let store = try MailStore(root: paths.root)
        let contents = try store.catalog.loadInBlocks()
        // Loading the catalog is the moment to see, for free, that it lost records even when its size
        // and time still match `derived.state` (or no entry check ran): compare with the store's count.
        let coverage = DerivedCoverage(store: store, paths: paths)
        let stored = try coverage.currentStamp(reusing: coverage.readStamp()).storedMessages
        if contents.ignoredBytes > 0 || (stored != nil && contents.summaries.count != stored) {
            _ = try checkDerivedData(store: store, coverage: coverage)
            return try store.catalog.loadInBlocks()
        }
        return contents
    }

    /// One message by the id search prints, or by `<Message-ID>`.
    public func show(_ reference: String) throws -> MessageView {
        let view = try catalogView()
        guard let summary = view.resolve(reference) else { throw MailMirrorError.messageNotFound(reference) }
        let raw = try MailStore(root: paths.root).mailbox(account: summary.key.account, name: summary.key.mailbox)
            .readMessage(uidValidity: summary.key.uidValidity, uid: summary.key.uid)
        return MessageView(summary: summary, raw: raw, text: MIMEParser.parse(raw).textBody)
    }

    /// The whole thread of a message (by its id or `<Message-ID>`), or a thread by its thread id, oldest first.
    public func thread(_ reference: String) throws -> (threadId: String, messages: [MessageSummary]) {
        let view = try catalogView()
        let threadId = view.resolve(reference)?.threadId ?? reference
        let messages = view.thread(threadId)
        guard !messages.isEmpty else { throw MailMirrorError.messageNotFound(reference) }
        return (threadId, messages)
    }

    /// Every catalogued message (deduplicated, threaded): what reports read.
    public func catalogMessages() throws -> [MessageSummary] {
        try catalogView().messages
    }
}
