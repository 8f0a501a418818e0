import FoundationEssentials
import TextAnalysis

/// Evaluates a `Query` over one segment: sets of matching documents with BM25 scores.
struct QueryEvaluator {
    let segment: SegmentReader
    let deletions: DeletionSet?
    let statistics: CorpusStatistics
    let options: SearchOptions
    let analyzer: Analyzer
    /// Shared by the segments of one search (reset per word or phrase).
    let accumulator: ScoreAccumulator
    /// The only documents a relevance page still needs looked at (see `QueryEvaluator+BlockBounds`);
    /// nil for all of them.
    var allowed: DocumentRanges? = nil

    static let k1 = 1.2
    static let b = 0.75

    func evaluate(_ query: Query) throws(IndexError) -> Matches {
        var result = try match(query)
        if let deletions {
            var kept = Matches()
            for (i, doc) in result.docs.enumerated() where !deletions.contains(Int(doc)) {
                kept.docs.append(doc)
                kept.scores.append(result.scores[i])
            }
            result = kept
        }
        return result
    }

    private func match(_ query: Query) throws(IndexError) -> Matches {
        if let test = predicate(query) { return filter(test) }
        switch query {
        case .all:
            return Matches.all(count: segment.docCount)
        case .and(let items):
            var positives: [Query] = []
            var negatives: [Query] = []
            var tests: [(Int) -> Bool] = []
            for item in items {
                if case .not(let inner) = item {
                    negatives.append(inner)
                } else if let test = predicate(item) {
                    tests.append(test)
                } else {
                    positives.append(item)
                }
            }
            var result: Matches
            if positives.isEmpty {
                result = Matches.all(count: segment.docCount)
            } else {
                result = try match(positives[0])
                for item in positives.dropFirst() where !result.docs.isEmpty {
                    result = result.intersection(try match(item))
                }
            }
            // Dates and flags are tested on the documents the words left (their score is 0, so the
            // sums are unchanged), instead of each listing every document of the segment first.
            if !tests.isEmpty { result = result.filter { doc in tests.allSatisfy { $0(doc) } } }
            for item in negatives where !result.docs.isEmpty {
                result = result.subtracting(try match(item))
            }
            return result
        case .or(let items):
            var result = Matches()
            for item in items { result = result.union(try match(item)) }
            return result
        case .not(let inner):
            return Matches.all(count: segment.docCount).subtracting(try match(inner))
        case .word(let field, let value), .phrase(let field, let value):
            return try textMatches(field, value)
        case .label(let value):
            return try keyword(.label, value)
        case .mailbox(let value):
            return try keyword(.mailbox, value).union(try keyword(.label, value))
        case .thread(let value):
            return try keyword(.thread, value)
        case .messageId(let value):
            return try keyword(.messageId, value)
        case .is(.read):
            return try keyword(.flag, "seen")
        case .is(.unread):
            return Matches.all(count: segment.docCount).subtracting(try keyword(.flag, "seen"))
        case .is(.starred):
            return try keyword(.flag, "flagged")
        case .after, .before, .afterTime, .beforeTime, .olderThan, .newerThan, .hasAttachment, .is:
            preconditionFailure("answered by predicate(_:) above")
        }
    }

    /// Every document of the segment that passes `test`, with score 0.
    private func filter(_ test: (Int) -> Bool) -> Matches {
        var out = Matches()
        for doc in 0..<segment.docCount where test(doc) {
            out.docs.append(Int32(doc))
            out.scores.append(0)
        }
        return out
    }

    /// The per-document test of a date or flag query (score 0); nil for the others.
    private func predicate(_ query: Query) -> ((Int) -> Bool)? {
        let segment = segment
        switch query {
        case .after(let day):
            let start = options.startOfDay(day)
            return { segment.date($0) >= start }
        case .before(let day):
            let start = options.startOfDay(day)
            return { segment.date($0) < start }
        case .afterTime(let seconds):
            return { segment.date($0) >= seconds }
        case .beforeTime(let seconds):
            return { segment.date($0) < seconds }
        case .olderThan(let age):
            let limit = options.now - age.seconds
            return { segment.date($0) < limit }
        case .newerThan(let age):
            let limit = options.now - age.seconds
            return { segment.date($0) > limit }
        case .hasAttachment:
            return { segment.flags($0) & SegmentLayout.hasAttachment != 0 }
        case .is(.reply):
            return { segment.flags($0) & SegmentLayout.isReply != 0 }
        case .is(.outbound):
            return { segment.flags($0) & SegmentLayout.fromTeam != 0 }
        case .is(.inbound):
            return { segment.flags($0) & SegmentLayout.fromTeam == 0 }
        default:
            return nil
        }
    }

    private func keyword(_ field: Field, _ value: String) throws(IndexError) -> Matches {
        guard let n = segment.lookup(field, value) else { return Matches() }
        var out = Matches()
        var tfs: [UInt32] = []
        try segment.postings(segment.info(n), docs: &out.docs, frequencies: &tfs)
        out.scores = [Double](repeating: 0, count: out.docs.count)
        return out
    }

    static func fields(_ field: TextField) -> [Field] {
        switch field {
        case .any: return Field.anyText
        case .from: return [.from]
        case .to: return [.to]
        case .cc: return [.cc]
        case .subject: return [.subject]
        case .body: return [.body, .reply]
        case .filename: return [.filename]
        }
    }

    /// A word or phrase: one term matches by postings, several by positions. An address or a
    /// dotted word is looked for as the phrase of its pieces (see `Analyzer.queryTerms`); an
    /// address typed whole also finds its plus-addressed forms, and an international domain is
    /// also looked for in its other form (`bücher.de` ⇄ `xn--bcher-kva.de`).
    private func textMatches(_ field: TextField, _ text: String) throws(IndexError) -> Matches {
        var result = try textMatchesOneForm(field, text)
        if field == .from || field == .to || field == .cc || field == .any,
            let other = Punycode.otherDomainForm(text)
        {
            result = result.union(try textMatchesOneForm(field, other))
        }
        return result
    }

    private func textMatchesOneForm(_ field: TextField, _ text: String) throws(IndexError) -> Matches {
        let all = analyzer.queryTerms(text)
        let terms = all.filter { !$0.isPart }
        if terms.isEmpty { return Matches.all(count: segment.docCount) }
        let wholes = all.filter(\.isPart)
        let address = wholes.count == 1 && wholes[0].text.contains("@") ? wholes[0].text : nil
        let fields = QueryEvaluator.fields(field)
        if fields.count == 1 && address == nil {
            return terms.count == 1 ? try term(fields[0], terms[0].text) : try phrase(fields[0], terms)
        }
        // Several fields, or a phrase and an address's whole term: summed in a dense table, in the
        // order of the `union`s this stands for (the fields in turn; in a field, the phrase, then
        // the whole address).
        let sums = accumulator
        sums.reset(count: segment.docCount)
        for f in fields {
            if let address, !sums.isEmpty {
                // (earlier fields + (phrase + address)): the field's own sum first.
                var matches = terms.count == 1 ? try term(f, terms[0].text) : try phrase(f, terms)
                matches = matches.union(try term(f, address))
                sums.add(matches)
                continue
            }
            if terms.count == 1 {
                try addTerm(f, terms[0].text, to: sums)
            } else {
                try phrase(f, terms) { doc, score in sums.add(doc, score) }
            }
            if let address { try addTerm(f, address, to: sums) }
        }
        return sums.matches()
    }

    @inline(__always)
    func bm25(_ field: Field, _ doc: Int, tf: Double, idf: Double) -> Double {
        let f = Int(field.rawValue)
        return QueryEvaluator.bm25(
            weight: field.weight, idf: idf, tf: tf, norm: norm(length: segment.fieldLength(doc, f), field: f))
    }

    /// BM25's length normalisation of a field `length` terms long. Every operation is monotonic, so a
    /// shorter field never gets a larger norm (the block bounds rely on it).
    @inline(__always)
    func norm(length: UInt32, field f: Int) -> Double {
        QueryEvaluator.k1 * (1 - QueryEvaluator.b + QueryEvaluator.b * Double(length) / statistics.averageLengths[f])
    }

    @inline(__always)
    static func bm25(weight: Double, idf: Double, tf: Double, norm: Double) -> Double {
        weight * idf * tf * (k1 + 1) / (tf + norm)
    }

    private func term(_ field: Field, _ term: String) throws(IndexError) -> Matches {
        guard let n = segment.lookup(field, term) else { return Matches() }
        var out = Matches()
        var tfs: [UInt32] = []
        try segment.postings(segment.info(n), docs: &out.docs, frequencies: &tfs)
        let idf = statistics.inverseDocumentFrequency(field, term)
        out.scores.reserveCapacity(out.docs.count)
        for (k, doc) in out.docs.enumerated() {
            out.scores.append(bm25(field, Int(doc), tf: Double(tfs[k]), idf: idf))
        }
        return out
    }

    /// `term`'s scores added to `sums` straight from the docs stream.
    private func addTerm(_ field: Field, _ term: String, to sums: ScoreAccumulator) throws(IndexError) {
        guard let n = segment.lookup(field, term) else { return }
        let idf = statistics.inverseDocumentFrequency(field, term)
        guard var walk = allowed?.walk() else {
            try segment.forEachPosting(segment.info(n)) { doc, tf in
                sums.add(doc, bm25(field, doc, tf: Double(tf), idf: idf))
            }
            return
        }
        var cursor = DocumentCursor(segment: segment, info: segment.info(n))
        var target = 0
        while let start = walk.first(atOrAfter: target), try cursor.advance(to: start) {
            if walk.first(atOrAfter: cursor.doc) == cursor.doc {
                sums.add(cursor.doc, bm25(field, cursor.doc, tf: Double(cursor.frequency), idf: idf))
                target = cursor.doc + 1
            } else {
                target = cursor.doc
            }
        }
    }

    private func phrase(_ field: Field, _ terms: [Term]) throws(IndexError) -> Matches {
        var out = Matches()
        try phrase(field, terms) { doc, score in
            out.docs.append(Int32(doc))
            out.scores.append(score)
        }
        return out
    }

    /// The documents holding the terms at their relative positions, ascending, each with its score.
    /// The terms' postings are walked side by side, rarest first; positions are decoded only for
    /// documents holding every term.
    private func phrase(_ field: Field, _ terms: [Term], _ found: (Int, Double) -> Void) throws(IndexError) {
        var cursors: [PostingCursor] = []
        var frequencies: [Int] = []
        var idf = 0.0
        for t in terms {
            guard let n = segment.lookup(field, t.text) else { return }
            let info = segment.info(n)
            cursors.append(PostingCursor(segment: segment, info: info))
            frequencies.append(info.docFreq)
            idf += statistics.inverseDocumentFrequency(field, t.text)
        }
        let order = cursors.indices.sorted { frequencies[$0] < frequencies[$1] }
        let lead = order[0]
        let base = terms[0].position
        let offsets = terms.map { Int64($0.position - base) }
        var lists = [[UInt32]](repeating: [], count: terms.count)
        var walk = allowed?.walk()
        guard try cursors[lead].next() else { return }
        var target = cursors[lead].doc
        while true {
            if walk != nil {
                guard let start = walk!.first(atOrAfter: Int(target)) else { return }
                target = Int64(start)
            }
            var agreed = true
            for i in order {
                guard try cursors[i].advance(to: target) else { return }
                if cursors[i].doc > target {
                    target = cursors[i].doc
                    agreed = false
                    break
                }
            }
            if agreed {
                for i in cursors.indices { try cursors[i].positions(into: &lists[i]) }
                var count = 0
                for start in lists[0] {
                    let first = Int64(start)
                    var all = true
                    for i in 1..<lists.count where !lists[i].contains(where: { Int64($0) == first + offsets[i] }) {
                        all = false
                        break
                    }
                    if all { count += 1 }
                }
                if count > 0 { found(Int(target), bm25(field, Int(target), tf: Double(count), idf: idf)) }
                guard try cursors[lead].next() else { return }
                target = cursors[lead].doc
            }
        }
    }
}
