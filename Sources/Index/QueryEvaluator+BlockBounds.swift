import TextAnalysis

/// Exact block-max pruning for a relevance-sorted page of a phrase or an address: the document
/// ranges where no document can get ahead of the page's last hit are never read.
///
/// Pruned are one `.word` or `.phrase` made of several terms (a phrase, a dotted word) in any
/// fields, or an address in one field (`from:`, `to:`, `cc:`: the phrase of its pieces plus its
/// whole term). Anything else is left to `evaluate` or to the MaxScore words.
///
/// Each list's blocks (see `SkipEntry`) bound their documents' tf, field length and date. Between
/// two consecutive block ends of the lists, a document's score is at most the parts' bounds added
/// in the order `evaluate` adds the parts (a phrase occurs at most as often as its rarest term in
/// the document, and its field is at least as long as any term's block says), and its date at
/// most the newest block's. Every operation of BM25 is monotonic in tf and length once the tf
/// bound is taken over each tf up to the block's largest, and a sum of doubles is monotonic in
/// each term, so the bound is never below the score `evaluate` computes, bit for bit: a range is
/// skipped only when each of its documents would score below the bar, or equal to it and be older.
/// The documents left are evaluated exactly as before, so scores, ties and order are unchanged.
///
/// In the ranges kept, each document is then bounded on its own the same way, from its terms' tf
/// in the docs streams and its field lengths (`narrowedDocuments`): a phrase whose best documents
/// tie at the best score a block allows keeps only the documents that can tie and are newer. A
/// document is bounded first by its field lengths alone (from the length column), then part by
/// part, and dropped as soon as its bound cannot reach the bar, so most cursors never decode up to it.
extension QueryEvaluator {
    /// What a pruned query adds up, in the order `evaluate` adds it.
    struct BlockPlan {
        struct Part {
            let field: Field
            /// One term for a word or an address's whole term, several for a phrase.
            let terms: [String]
            let idf: Double
        }
        let parts: [Part]
    }

    /// The last hit of a full page: a document not ahead of it never makes the page.
    struct PageBar {
        let score: Double
        let date: Int64
    }

    /// The tf values a score bound is computed at one by one; above, a looser bound covers the rest.
    static let exactFrequencies: UInt32 = 16

    /// The plan of `query` when block bounds can prune it; nil otherwise.
    func blockPlan(_ query: Query) -> BlockPlan? {
        let field: TextField
        let text: String
        switch query {
        case .word(let f, let t), .phrase(let f, let t):
            field = f
            text = t
        default:
            return nil
        }
        if (field == .from || field == .to || field == .cc || field == .any) && Punycode.otherDomainForm(text) != nil {
            return nil
        }
        let all = analyzer.queryTerms(text)
        let terms = all.filter { !$0.isPart }.map(\.text)
        let wholes = all.filter(\.isPart)
        let address = wholes.count == 1 && wholes[0].text.contains("@") ? wholes[0].text : nil
        let fields = QueryEvaluator.fields(field)
        if terms.isEmpty || (address == nil && terms.count == 1) || (address != nil && fields.count != 1) {
            return nil
        }
        var parts: [BlockPlan.Part] = []
        for f in fields {
            var idf = 0.0
            for t in terms { idf += statistics.inverseDocumentFrequency(f, t) }
            parts.append(BlockPlan.Part(field: f, terms: terms, idf: idf))
            if let address {
                parts.append(
                    BlockPlan.Part(field: f, terms: [address], idf: statistics.inverseDocumentFrequency(f, address)))
            }
        }
        return BlockPlan(parts: parts)
    }

    /// The largest score a part can give a document whose terms occur at most `maxFrequency` times
    /// (the phrase at most that often) in a field at least `minLength` long.
    func scoreBound(_ field: Field, idf: Double, maxFrequency: UInt32, minLength: UInt32) -> Double {
        let norm = norm(length: minLength, field: Int(field.rawValue))
        var best = 0.0
        if maxFrequency > 0 {
            for tf in 1...min(maxFrequency, QueryEvaluator.exactFrequencies) {
                best = max(best, QueryEvaluator.bm25(weight: field.weight, idf: idf, tf: Double(tf), norm: norm))
            }
        }
        if maxFrequency > QueryEvaluator.exactFrequencies {
            // The numerator at the largest tf over the denominator at the smallest tf not tried.
            let smallest = Double(QueryEvaluator.exactFrequencies + 1)
            best = max(best, field.weight * idf * Double(maxFrequency) * (QueryEvaluator.k1 + 1) / (smallest + norm))
        }
        return best
    }

    /// The documents of this segment that may still get ahead of `bar`.
    func allowedDocuments(_ plan: BlockPlan, bar: PageBar) throws(IndexError) -> DocumentRanges {
        var lists: [Blocks] = []
        var partLists: [[Int]] = []
        for part in plan.parts {
            var numbers: [Int] = []
            for t in part.terms {
                guard let n = segment.lookup(part.field, t) else {
                    numbers = []
                    break
                }
                numbers.append(n)
            }
            var ids: [Int] = []
            for n in numbers {
                ids.append(lists.count)
                lists.append(try blocks(part.field, segment.info(n)))
            }
            partLists.append(ids)
        }
        var position = [Int](repeating: 0, count: lists.count)
        var ranges = DocumentRanges()
        var low = 0
        while true {
            var high = Int.max
            for i in lists.indices where position[i] < lists[i].last.count {
                high = min(high, lists[i].last[position[i]])
            }
            if high == Int.max { break }
            var bound = 0.0
            var newest = Int64.min
            for (p, part) in plan.parts.enumerated() {
                let ids = partLists[p]
                guard !ids.isEmpty, ids.allSatisfy({ position[$0] < lists[$0].last.count }) else { continue }
                var frequency = UInt32.max
                var length: UInt32 = 0
                var date = Int64.max
                for i in ids {
                    let k = position[i]
                    frequency = min(frequency, lists[i].maxFrequency[k])
                    length = max(length, lists[i].minLength[k])
                    date = min(date, lists[i].maxDate[k])
                }
                bound += scoreBound(part.field, idf: part.idf, maxFrequency: frequency, minLength: length)
                newest = max(newest, date)
            }
            if !(bound < bar.score || (bound <= bar.score && newest < bar.date)) { ranges.append(low...high) }
            low = high + 1
            for i in lists.indices where position[i] < lists[i].last.count && lists[i].last[position[i]] == high {
                position[i] += 1
            }
        }
        return ranges
    }

    /// The documents of `ranges` whose own bound may still get them ahead of `bar`: each part
    /// bounded at its terms' smallest tf in the document and the document's field length, read from
    /// the docs streams and the doc table, without positions; the parts added in their order, as
    /// the blocks' bounds are. Only documents holding every required part are looked at (a part
    /// without which the others' bounds over the segment, added in order, stay below the bar); with
    /// none required, only those holding an essential part: the parts of smallest bound whose
    /// bounds, added in order, stay below the bar cannot put a document holding nothing else ahead
    /// of it (MaxScore, by part).
    func narrowedDocuments(_ plan: BlockPlan, _ ranges: DocumentRanges, bar: PageBar) throws(IndexError)
        -> DocumentRanges
    {
        var parts: [[DocumentCursor]] = []
        var bounds: [Double] = []
        // Each part's largest tf over the segment (the smallest of its terms' largest).
        var frequencies: [UInt32] = []
        for part in plan.parts {
            var cursors: [DocumentCursor] = []
            var frequency = UInt32.max
            var length: UInt32 = 0
            for t in part.terms {
                guard let n = segment.lookup(part.field, t) else {
                    cursors = []
                    break
                }
                let info = segment.info(n)
                let blocks = try blocks(part.field, info)
                frequency = min(frequency, blocks.maxFrequency.max() ?? 0)
                length = max(length, blocks.minLength.min() ?? 0)
                cursors.append(DocumentCursor(segment: segment, info: info))
            }
            parts.append(cursors)
            frequencies.append(frequency)
            bounds.append(
                cursors.isEmpty ? 0 : scoreBound(part.field, idf: part.idf, maxFrequency: frequency, minLength: length))
        }
        var required: [Int] = []
        for p in parts.indices {
            var others = 0.0
            for q in parts.indices where q != p && !parts[q].isEmpty { others += bounds[q] }
            if others < bar.score {
                if parts[p].isEmpty { return DocumentRanges() }
                required.append(p)
            }
        }
        // The candidates, ascending: those of the rarest required part as its walk finds them, or the
        // union of the essential parts' through a dense table.
        var candidates: [Int32] = []
        if let lead = required.min(by: { Self.rarest(parts[$0]) < Self.rarest(parts[$1]) }) {
            var cursors = parts[lead]
            try forEachDocument(holdingAll: &cursors, in: ranges) { doc in candidates.append(Int32(doc)) }
        } else {
            let marks = accumulator
            marks.reset(count: segment.docCount)
            var essential = parts.map { !$0.isEmpty }
            for p in parts.indices.sorted(by: { bounds[$0] < bounds[$1] }) where essential[p] {
                essential[p] = false
                var sum = 0.0
                for q in parts.indices where !essential[q] && !parts[q].isEmpty { sum += bounds[q] }
                if !(sum < bar.score) {
                    essential[p] = true
                    break
                }
            }
            for p in parts.indices where essential[p] {
                var cursors = parts[p]
                try forEachDocument(holdingAll: &cursors, in: ranges) { doc in marks.add(doc, 0) }
            }
            candidates = marks.matches().docs
        }
        // The bounds of the parts after each, added in order: a candidate whose bound so far, with each
        // later part at its bound over the segment, stays below the bar is dropped before the later
        // parts' cursors (the body's and the reply's: long, dense lists) decode up to it.
        var boundsAfter = [Double](repeating: 0, count: parts.count)
        for p in parts.indices.dropLast().reversed() {
            boundsAfter[p] = boundsAfter[p + 1] + (parts[p + 1].isEmpty ? 0 : bounds[p + 1])
        }
        // Each part's bound at its largest tf by field length, computed once per length met (the
        // candidates' fields share few lengths); nan where not computed yet.
        var lengthBounds = [[Double]](repeating: [], count: parts.count)
        for p in parts.indices where !parts[p].isEmpty {
            lengthBounds[p] = [Double](repeating: .nan, count: Int(Self.cachedLengths))
        }
        var kept = DocumentRanges()
        candidates: for candidate in candidates {
            let doc = Int(candidate)
            // First bounded by its field lengths alone (each part at its largest tf over the segment),
            // read from the length column: most candidates are longer than the page's hits and are dropped
            // before any cursor decodes up to them.
            var lengthBound = 0.0
            for p in parts.indices where !parts[p].isEmpty {
                let field = plan.parts[p].field
                let length = segment.fieldLength(doc, Int(field.rawValue))
                if length < Self.cachedLengths, !lengthBounds[p][Int(length)].isNaN {
                    lengthBound += lengthBounds[p][Int(length)]
                    continue
                }
                let partBound = scoreBound(
                    field, idf: plan.parts[p].idf, maxFrequency: frequencies[p], minLength: length)
                if length < Self.cachedLengths { lengthBounds[p][Int(length)] = partBound }
                lengthBound += partBound
            }
            if lengthBound * (1 + QueryEvaluator.boundMargin) < bar.score { continue }
            for p in required {
                for i in parts[p].indices {
                    guard try parts[p][i].advance(to: doc), parts[p][i].doc == doc else { continue candidates }
                }
            }
            var bound = 0.0
            for p in parts.indices where !parts[p].isEmpty {
                var frequency = UInt32.max
                var all = true
                for i in parts[p].indices {
                    guard try parts[p][i].advance(to: doc), parts[p][i].doc == doc else {
                        all = false
                        break
                    }
                    frequency = min(frequency, parts[p][i].frequency)
                }
                if all {
                    let field = plan.parts[p].field
                    bound += scoreBound(
                        field, idf: plan.parts[p].idf, maxFrequency: frequency,
                        minLength: segment.fieldLength(doc, Int(field.rawValue)))
                }
                // A document's bound in a part never exceeds the part's over the segment (its tf is at most
                // its blocks' largest, its length at least their shortest); the margin covers the order of
                // the additions.
                if (bound + boundsAfter[p]) * (1 + QueryEvaluator.boundMargin) < bar.score { continue candidates }
            }
            if !(bound < bar.score || (bound <= bar.score && segment.date(doc) < bar.date)) {
                kept.append(doc...doc)
            }
        }
        return kept
    }

    /// The field lengths below which `narrowedDocuments` keeps each part's length bound once computed.
    static let cachedLengths: UInt32 = 1024

    /// The documents of a part's rarest term.
    private static func rarest(_ cursors: [DocumentCursor]) -> Int {
        cursors.map(\.documentCount).min() ?? 0
    }

    /// Calls `body` with each document of `ranges` holding every cursor's term, ascending.
    private func forEachDocument(
        holdingAll cursors: inout [DocumentCursor], in ranges: DocumentRanges, _ body: (Int) -> Void
    ) throws(IndexError) {
        var walk = ranges.walk()
        var target = 0
        walking: while let start = walk.first(atOrAfter: target) {
            var doc = start
            var agreed = false
            while !agreed {
                agreed = true
                for i in cursors.indices {
                    guard try cursors[i].advance(to: doc) else { break walking }
                    if cursors[i].doc > doc {
                        doc = cursors[i].doc
                        agreed = false
                    }
                }
            }
            if walk.first(atOrAfter: doc) == doc {
                body(doc)
                target = doc + 1
            } else {
                target = doc
            }
        }
    }

    /// A list's blocks, column by column.
    private struct Blocks {
        var last: [Int] = []
        var maxFrequency: [UInt32] = []
        var minLength: [UInt32] = []
        var maxDate: [Int64] = []
    }

    /// The blocks of a term: its skip entries, or one block read from a short list's postings.
    private func blocks(_ field: Field, _ info: TermInfo) throws(IndexError) -> Blocks {
        var blocks = Blocks()
        let f = Int(field.rawValue)
        if info.skipCount > 0 {
            for k in 0..<info.skipCount {
                let entry = segment.skip(info, k)
                guard entry.lastDoc < segment.docCount, k == 0 || entry.lastDoc > blocks.last[k - 1] else {
                    throw IndexError.corrupt("\(segment.name) has a damaged skip entry")
                }
                blocks.last.append(entry.lastDoc)
                blocks.maxFrequency.append(entry.maxFrequency)
                blocks.minLength.append(entry.minLength)
                blocks.maxDate.append(entry.maxDate)
            }
            return blocks
        }
        var last = -1
        var frequency: UInt32 = 0
        var length = UInt32.max
        var date = Int64.min
        try segment.forEachPosting(info) { doc, tf in
            last = doc
            frequency = max(frequency, tf)
            length = min(length, f < SegmentLayout.textFieldCount ? segment.fieldLength(doc, f) : 0)
            date = max(date, segment.date(doc))
        }
        if last >= 0 {
            blocks.last.append(last)
            blocks.maxFrequency.append(frequency)
            blocks.minLength.append(length)
            blocks.maxDate.append(date)
        }
        return blocks
    }
}
