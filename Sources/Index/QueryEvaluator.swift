import Foundation
import TextAnalysis

/// Evaluates a `Query` over one segment: sets of matching documents with BM25 scores.
struct QueryEvaluator {
    let segment: SegmentReader
    let deletions: DeletionSet?
    let statistics: CorpusStatistics
    let options: SearchOptions
    let analyzer: Analyzer

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
        var result = Matches()
        for f in QueryEvaluator.fields(field) {
            var matches = terms.count == 1 ? try term(f, terms[0].text) : try phrase(f, terms)
            if let address { matches = matches.union(try term(f, address)) }
            result = result.union(matches)
        }
        return result
    }

    @inline(__always)
    private func bm25(_ field: Field, _ doc: Int, tf: Double, idf: Double) -> Double {
        let f = Int(field.rawValue)
        let length = Double(segment.fieldLength(doc, f))
        let norm = QueryEvaluator.k1 * (1 - QueryEvaluator.b + QueryEvaluator.b * length / statistics.averageLengths[f])
        return field.weight * idf * tf * (QueryEvaluator.k1 + 1) / (tf + norm)
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

    private func phrase(_ field: Field, _ terms: [Term]) throws(IndexError) -> Matches {
        // Documents holding every term first (doc streams only, rarest first), then positions
        // for just those documents.
        var infos: [TermInfo] = []
        var idf = 0.0
        for t in terms {
            guard let n = segment.lookup(field, t.text) else { return Matches() }
            infos.append(segment.info(n))
            idf += statistics.inverseDocumentFrequency(field, t.text)
        }
        var found: [Int32]? = nil
        for i in infos.indices.sorted(by: { infos[$0].docFreq < infos[$1].docFreq }) {
            var docs: [Int32] = []
            var tfs: [UInt32] = []
            try segment.postings(infos[i], docs: &docs, frequencies: &tfs)
            found = found.map { Matches(docs: $0).intersectionDocs(docs) } ?? docs
            if found!.isEmpty { return Matches() }
        }
        let candidates = found ?? []
        let lists = try infos.map { info throws(IndexError) in try segment.positions(info, in: candidates) }
        let base = terms[0].position
        var out = Matches()
        for (k, doc) in candidates.enumerated() {
            var count = 0
            let first = lists[0]
            for p in Int(first.offsets[k])..<Int(first.offsets[k + 1]) {
                let start = Int64(first.positions[p])
                var all = true
                for i in 1..<lists.count {
                    let want = start + Int64(terms[i].position - base)
                    let list = lists[i]
                    var found = false
                    for q in Int(list.offsets[k])..<Int(list.offsets[k + 1]) where Int64(list.positions[q]) == want {
                        found = true
                        break
                    }
                    if !found {
                        all = false
                        break
                    }
                }
                if all { count += 1 }
            }
            if count > 0 {
                out.docs.append(doc)
                out.scores.append(bm25(field, Int(doc), tf: Double(count), idf: idf))
            }
        }
        return out
    }
}
