import TextAnalysis

/// Exact top-k pruning (MaxScore) for a relevance-sorted page: documents that cannot reach the
/// page's current last score are never scored.
///
/// Only queries made of plain words are pruned: one `.word`, or an `.and` of `.word`s, each
/// analysed to a single term with no address and no other domain form. Anything else (negations,
/// phrases, dates, flags, `OR`, `from:` addresses) is evaluated exhaustively.
///
/// Every BM25 contribution of a term in a field is below `weight × idf × (k1 + 1)` (its tf part
/// `tf (k1 + 1) / (tf + norm)` stays under `k1 + 1` because `norm >= k1 (1 - b) > 0`). The lists
/// whose bounds sum to less than the threshold are "non-essential": a document found only in them
/// scores less than the threshold, so only the documents of the other lists are candidates. A
/// candidate's score is computed exactly as `evaluate` computes it (same terms, same order of
/// additions), so the scores, and with them the ties broken by date and id, are identical. A
/// candidate is bounded in the essential lists first, then list by list, each list's score taking the
/// place of its bound, and dropped as soon as the sum cannot reach the threshold.
extension QueryEvaluator {
    /// One word of a pruned query: its term and the fields it is looked for in, in scoring order.
    struct PrunedWord {
        let term: String
        let fields: [Field]
    }

    /// The relative margin kept between a sum of bounds and the threshold, far above the rounding
    /// of a sum of a few BM25 terms (about 1e-15), so rounding never prunes a document that the
    /// exhaustive evaluation would keep.
    static let boundMargin = 1e-9

    /// The upper bound of one term's BM25 contribution in `field`, whatever the document.
    static func scoreBound(_ field: Field, idf: Double) -> Double {
        field.weight * idf * (k1 + 1)
    }

    /// The words of `query` when it can be pruned, in the order `evaluate` intersects them.
    func prunedWords(_ query: Query) -> [PrunedWord]? {
        let items: [Query]
        switch query {
        case .and(let list): items = list
        case .word: items = [query]
        default: return nil
        }
        if items.isEmpty { return nil }
        var words: [PrunedWord] = []
        for item in items {
            guard case .word(let field, let text) = item else { return nil }
            if (field == .from || field == .to || field == .cc || field == .any)
                && Punycode.otherDomainForm(text) != nil
            {
                return nil
            }
            let terms = analyzer.queryTerms(text)
            guard terms.count == 1, !terms[0].isPart else { return nil }
            words.append(PrunedWord(term: terms[0].text, fields: QueryEvaluator.fields(field)))
        }
        return words
    }

    /// The documents of this segment matching every word whose score may reach `threshold`, with
    /// the scores `evaluate` gives them, ascending; documents certain to score below `threshold`
    /// are left out. Nil when no list can be pruned (then `evaluate` is as fast).
    func evaluate(_ words: [PrunedWord], above threshold: Double) throws(IndexError) -> Matches? {
        struct List {
            let word: Int
            let field: Field
            let idf: Double
            let bound: Double
            let info: TermInfo
            var cursor: DocumentCursor
        }
        var lists: [List] = []
        for (w, word) in words.enumerated() {
            var found = false
            for field in word.fields {
                guard let n = segment.lookup(field, word.term) else { continue }
                let idf = statistics.inverseDocumentFrequency(field, word.term)
                let info = segment.info(n)
                lists.append(
                    List(
                        word: w, field: field, idf: idf, bound: QueryEvaluator.scoreBound(field, idf: idf),
                        info: info, cursor: DocumentCursor(segment: segment, info: info)))
                found = true
            }
            if !found { return Matches() }  // a word missing from the segment: nothing matches all
        }
        // Lists by bound, smallest first: the longest prefix whose bounds stay under the threshold.
        let byBound = lists.indices.sorted { lists[$0].bound < lists[$1].bound }
        var nonEssential = 0
        var sum = 0.0
        for i in byBound {
            sum += lists[i].bound
            if sum * (1 + QueryEvaluator.boundMargin) >= threshold { break }
            nonEssential += 1
        }
        if nonEssential == 0 { return nil }

        var candidates: [Int32] = []
        var frequencies: [UInt32] = []
        for i in byBound[nonEssential...] {
            try segment.postings(lists[i].info, docs: &candidates, frequencies: &frequencies)
        }
        candidates.sort()
        let essential = Array(byBound[nonEssential...])
        var nonEssentialBound = 0.0
        for i in byBound[..<nonEssential] { nonEssentialBound += lists[i].bound }
        // The other lists, largest bound first, each with the sum of the bounds of those after it.
        let others = Array(byBound[..<nonEssential].reversed())
        var boundsAfter = [Double](repeating: 0, count: others.count)
        for j in others.indices.dropLast().reversed() {
            boundsAfter[j] = boundsAfter[j + 1] + lists[others[j + 1]].bound
        }

        var out = Matches()
        var previous: Int32 = -1
        for candidate in candidates where candidate != previous {
            previous = candidate
            let doc = Int(candidate)
            if let deletions, deletions.contains(doc) { continue }
            // Scored first in the essential lists alone: a candidate that cannot reach the
            // threshold even with every other list's bound is dropped before the other lists'
            // cursors (long, dense lists, mostly) decode up to it.
            var partial = 0.0
            for i in essential {
                if try lists[i].cursor.advance(to: doc), lists[i].cursor.doc == doc {
                    partial += bm25(lists[i].field, doc, tf: Double(lists[i].cursor.frequency), idf: lists[i].idf)
                }
            }
            if (partial + nonEssentialBound) * (1 + QueryEvaluator.boundMargin) < threshold { continue }
            // Then in the other lists one by one, each list's score taking the place of its bound: a
            // candidate that can no longer reach the threshold is dropped before the lists left decode
            // up to it (a word's score in a long body is mostly far below its bound).
            var reached = partial
            var reachable = true
            for (j, i) in others.enumerated() {
                if try lists[i].cursor.advance(to: doc), lists[i].cursor.doc == doc {
                    reached += bm25(lists[i].field, doc, tf: Double(lists[i].cursor.frequency), idf: lists[i].idf)
                }
                if (reached + boundsAfter[j]) * (1 + QueryEvaluator.boundMargin) < threshold {
                    reachable = false
                    break
                }
            }
            if !reachable { continue }
            var total = 0.0
            var matched = true
            var l = 0
            for w in words.indices {
                // The word's fields in order, the first score stored and the others added, as
                // `ScoreAccumulator` sums them; the words added in turn, as `Matches.intersection`.
                var wordScore = 0.0
                var present = false
                while l < lists.count && lists[l].word == w {
                    if try lists[l].cursor.advance(to: doc), lists[l].cursor.doc == doc {
                        let score = bm25(
                            lists[l].field, doc, tf: Double(lists[l].cursor.frequency), idf: lists[l].idf)
                        wordScore = present ? wordScore + score : score
                        present = true
                    }
                    l += 1
                }
                if !present {
                    matched = false
                    break
                }
                total = w == 0 ? wordScore : total + wordScore
            }
            if matched {
                out.docs.append(candidate)
                out.scores.append(total)
            }
        }
        return out
    }
}
