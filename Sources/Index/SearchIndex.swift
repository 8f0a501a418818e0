import Durable
import FoundationEssentials
import MailCore
import TextAnalysis

/// A read-only view of the committed index, for searching.
///
/// Opening reads the manifest and the deletion bitmaps and maps the segment files; the OS pages
/// in only the term-table entries and postings a query touches. A commit made after `open` is
/// not seen: open again to see it (opening costs microseconds). Safe to search from several
/// threads at once.
public final class SearchIndex: Sendable {
    public let directory: URL
    let segments: [SegmentReader]
    let deletions: [DeletionSet?]
    private let analyzer = Analyzer()

    private init(directory: URL, segments: [SegmentReader], deletions: [DeletionSet?]) {
        self.directory = directory
        self.segments = segments
        self.deletions = deletions
    }

    /// Opens the index in `directory`. Throws `.missing` when there is none yet.
    public static func open(directory: URL) throws(IndexError) -> SearchIndex {
        try open(directory: directory, path: directory.path)
    }

    /// Opens the index in the folder at `path`, as `open(directory:)` does, without reading `URL.path`
    /// (the first read of a process looks up a conformance by scanning the binary's records).
    public static func open(path: String) throws(IndexError) -> SearchIndex {
        try open(directory: URL(fileURLWithPath: path, isDirectory: true), path: path)
    }

    /// `path` is `directory.path`.
    private static func open(directory: URL, path: String) throws(IndexError) -> SearchIndex {
        var lastError = IndexError.missing(path: path)
        // A writer may delete files of the manifest we just read: read it again then.
        for _ in 0..<3 {
            guard let bytes = try io(Disk.readFileIfPresent(path + "/" + Manifest.fileName)) else {
                throw IndexError.missing(path: path)
            }
            let manifest = try Manifest(bytes: bytes)
            do throws(IndexError) {
                var segments: [SegmentReader] = []
                var deletions: [DeletionSet?] = []
                for entry in manifest.entries {
                    let reader = try SegmentReader(path: path + "/" + entry.name + ".seg", name: entry.name)
                    guard reader.docCount == entry.docCount else {
                        throw IndexError.corrupt("\(entry.name) does not match the manifest")
                    }
                    segments.append(reader)
                    if let name = entry.deletions {
                        guard let bytes = try io(Disk.readFileIfPresent(path + "/" + name)) else {
                            throw IndexError.io(path: name, reason: "missing")
                        }
                        deletions.append(try DeletionSet(bytes: bytes, count: reader.docCount))
                    } else {
                        deletions.append(nil)
                    }
                }
                return SearchIndex(directory: directory, segments: segments, deletions: deletions)
            } catch {
                lastError = error
                if case .corrupt = error { throw error }
            }
        }
        throw lastError
    }

    /// Live messages in the index.
    public var documentCount: Int {
        zip(segments, deletions).reduce(0) { $0 + $1.0.docCount - ($1.1?.count ?? 0) }
    }

    /// Parses and runs a query in Gmail's language. Throws `QueryError` or `IndexError`.
    public func search(_ query: String, options: SearchOptions = SearchOptions()) throws -> [SearchHit] {
        try search(QueryParser().parse(query), options: options)
    }

    /// Runs a parsed query.
    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws(IndexError) -> [SearchHit] {
        struct Candidate {
            var segment: Int
            var doc: Int
            var score: Double
            var date: Int64
            var id: UInt64
        }
        let byDate: (Candidate, Candidate) -> Bool = { a, b in a.date != b.date ? a.date > b.date : a.id < b.id }
        let order: (Candidate, Candidate) -> Bool
        switch options.sort {
        case .date: order = byDate
        case .relevance: order = { a, b in a.score != b.score ? a.score > b.score : byDate(a, b) }
        }
        var candidates: [Candidate] = []
        // With a limit, the candidates are cut back to the best `limit` whenever they pass this many,
        // so a word in most of a million messages holds a page of hits, not a million candidates.
        let keep = options.limit > 0 ? max(options.limit * 4, 8_192) : Int.max
        // Per search, so concurrent searches share nothing mutable.
        let statistics = CorpusStatistics(segments: segments)
        let accumulator = ScoreAccumulator()
        // Once the candidates were cut back, the last kept one is a bar: a match not ahead of it can
        // never make the page, so it is not kept at all.
        var bar: Candidate? = nil
        for s in visitingOrder {
            let segment = segments[s]
            var evaluator = QueryEvaluator(
                segment: segment, deletions: deletions[s], statistics: statistics, options: options, analyzer: analyzer,
                accumulator: accumulator)
            // A page sorted by relevance: once it holds `limit` candidates, a document scoring below the
            // last of them is not even scored (see `QueryEvaluator+TopScores`), and a phrase or an
            // address reads only the blocks that may beat it (see `QueryEvaluator+BlockBounds`).
            let words = options.sort == .relevance && options.limit > 0 ? evaluator.prunedWords(query) : nil
            let plan =
                options.sort == .relevance && options.limit > 0 && words == nil ? evaluator.blockPlan(query) : nil
            if let plan, let bar {
                let pageBar = QueryEvaluator.PageBar(score: bar.score, date: bar.date)
                let blocks = try evaluator.allowedDocuments(plan, bar: pageBar)
                evaluator.allowed = try evaluator.narrowedDocuments(plan, blocks, bar: pageBar)
            }
            var pruned: Matches? = nil
            if let words, let bar { pruned = try evaluator.evaluate(words, above: bar.score) }
            let matches: Matches
            if let pruned { matches = pruned } else { matches = try evaluator.evaluate(query) }
            for (k, doc) in matches.docs.enumerated() {
                let d = Int(doc)
                // On a relevance page a match scoring below the bar is never ahead of it, whatever its date:
                // it is passed over before its date and id are read (a cache miss into the doc table each,
                // for the thousands of matches MaxScore scores in a segment and leaves below the bar).
                if options.sort == .relevance, let bar, matches.scores[k] < bar.score { continue }
                let candidate = Candidate(
                    segment: s, doc: d, score: matches.scores[k], date: segment.date(d), id: segment.id(d))
                if let bar, !order(candidate, bar) { continue }
                candidates.append(candidate)
                if candidates.count > keep {
                    candidates = partialTop(candidates, options.limit, by: order)
                    bar = candidates.count == options.limit ? candidates.last : nil
                }
            }
            if (words != nil || plan != nil) && candidates.count > options.limit {
                candidates = partialTop(candidates, options.limit, by: order)
                bar = candidates.last
            }
            // On a large index the pages this segment's evaluation read leave the resident size (they
            // stay in the page cache; the hits shown below map theirs again): a million messages are a
            // hundred segments, and a phrase touched ~250 MB of them. A small one is left as it is: it
            // fits, and mapping the hits' pages again cost a few percent.
            if segments.count > Self.releaseAbove { segment.file.release(0..<segment.bytes.count) }
        }
        let top: [Candidate]
        if options.limit > 0 && candidates.count > options.limit * 4 {
            top = Array(partialTop(candidates, options.limit, by: order))
        } else {
            candidates.sort(by: order)
            top = options.limit > 0 ? Array(candidates.prefix(options.limit)) : candidates
        }

        var terms: Set<String> = []
        for text in options.snippets && options.summaries ? query.positiveTexts : [] {
            for term in analyzer.terms(text) { terms.insert(term.text) }
            for term in analyzer.queryTerms(text) { terms.insert(term.text) }
        }
        var hits: [SearchHit] = []
        hits.reserveCapacity(top.count)
        for c in top {
            let segment = segments[c.segment]
            guard options.summaries else {
                hits.append(try namedHit(segment, c.doc, id: c.id, date: c.date, score: c.score))
                continue
            }
            let stored = try segment.stored(c.doc, withText: options.snippets)
            let flags = segment.flags(c.doc)
            let (snippet, highlights) =
                options.snippets
                ? Snippet.make(stored.text, terms: terms, analyzer: analyzer, length: options.snippetLength)
                : ("", [])
            let key = MessageKey(
                account: stored.account, mailbox: stored.mailbox,
                uidValidity: UIDValidity(stored.uidValidity), uid: UID(stored.uid))
            hits.append(
                SearchHit(
                    id: DocumentID.string(c.id), key: key,
                    messageId: flags & SegmentLayout.hasMessageId != 0 ? stored.messageId : nil,
                    threadId: stored.threadId, date: c.date, utcOffsetSeconds: segment.utcOffset(c.doc),
                    from: flags & SegmentLayout.hasFrom != 0
                        ? EmailAddress(
                            name: stored.fromName.isEmpty ? nil : stored.fromName, address: stored.fromAddress) : nil,
                    subject: stored.subject, snippet: snippet, highlights: highlights, score: c.score))
        }
        return hits
    }

    /// A hit searched without summaries (see `SearchOptions.summaries`): its ids, date and score, the rest empty.
    private func namedHit(
        _ segment: SegmentReader, _ doc: Int, id: UInt64, date: Int64, score: Double
    ) throws(IndexError) -> SearchHit {
        let (messageId, threadId) = try segment.storedNames(doc)
        return SearchHit(
            id: DocumentID.string(id),
            key: MessageKey(account: "", mailbox: "", uidValidity: UIDValidity(0), uid: UID(0)),
            messageId: segment.flags(doc) & SegmentLayout.hasMessageId != 0 ? messageId : nil, threadId: threadId,
            date: date, utcOffsetSeconds: segment.utcOffset(doc), from: nil, subject: "", snippet: "",
            highlights: [], score: score)
    }

    /// The segments in the order a search visits them: the smallest first, so the page's bar is
    /// set after evaluating few documents without one (the first segment visited is evaluated in
    /// full), and every larger segment after it is pruned against it. In a mirror the small
    /// segments are the newest mail, whose hits win ties on date. The page is cut by a total order
    /// (score, date, id), so the visiting order never changes the hits.
    private var visitingOrder: [Int] {
        segments.indices.sorted { a, b in
            segments[a].docCount != segments[b].docCount ? segments[a].docCount < segments[b].docCount : a < b
        }
    }

    /// Segments beyond which a search releases each segment's pages once evaluated (about 80,000 messages).
    static let releaseAbove = 8

    /// The first `k` elements in `order`, without sorting everything.
    private func partialTop<T>(_ items: [T], _ k: Int, by order: (T, T) -> Bool) -> [T] {
        var heap: [T] = []  // kept sorted, at most k; fine for the small k of a result page
        heap.reserveCapacity(k + 1)
        for item in items {
            if heap.count == k, let last = heap.last, !order(item, last) { continue }
            var lo = 0
            var hi = heap.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if order(heap[mid], item) { lo = mid + 1 } else { hi = mid }
            }
            heap.insert(item, at: lo)
            if heap.count > k { heap.removeLast() }
        }
        return heap
    }
}
