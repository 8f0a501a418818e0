import FoundationEssentials
import Glibc
import MailCore

/// Names topics: class-based TF-IDF picks each topic's most characteristic terms; concepts are
/// written in the report's language (and in the other one for the second label), other terms
/// in their most frequent written form in the topic's own messages.
struct TopicLabeler {
    let analyzer: TopicAnalyzer
    let lexicon: ConceptLexicon
    let personal: PersonalText
    let features: TopicFeatures
    let language: ReportLanguage

    struct Label {
        var label: String
        var keywords: [String]
        var otherLanguage: String
        var distinctiveness: Double
    }

    func labels(
        groups: [[Int]], documents: [TopicDocuments.Document], analysed: [TopicPipeline.Analysed], data: ReportData
    ) -> [Label] {
        var total = [Float](repeating: 0, count: features.textDimension)
        var classTf: [[Int32: Float]] = []
        for docs in groups {
            var tf: [Int32: Float] = [:]
            for d in docs {
                let c = features.counts[d]
                for (k, t) in c.ids.enumerated() {
                    tf[t, default: 0] += Float(c.tf[k])
                    total[Int(t)] += Float(c.tf[k])
                }
            }
            classTf.append(tf)
        }
        let average = total.reduce(0, +) / Float(max(1, groups.count))
        let frozen = total
        return Parallel.chunks(groups.count) { range in
            range.map { r in
                label(
                    docs: groups[r], documents: documents, analysed: analysed, data: data, total: frozen,
                    average: average)
            }
        }.flatMap { $0 }
    }

    private func label(
        docs: [Int], documents: [TopicDocuments.Document], analysed: [TopicPipeline.Analysed], data: ReportData,
        total: [Float], average: Float
    ) -> Label {
        let french = language == .french
        let own = docs.filter { analysed[$0].french == french }
        let other = docs.filter { analysed[$0].french != french }
        let enough = max(2, docs.count / 6)
        let ranked = rank(docs, total: total, average: average)
        let surfaces = self.surfaces(docs: docs, documents: documents, analysed: analysed, data: data)
        let main = render(
            own.count >= enough ? rank(own, total: total, average: average) : ranked, french: french,
            surfaces: surfaces)
        let second: [String]
        if other.count >= enough {
            second = render(rank(other, total: total, average: average), french: !french, surfaces: surfaces)
        } else {
            second = render(ranked.filter(isConceptOrHasConcept), french: !french, surfaces: surfaces)
        }
        let top = ranked.prefix(3)
        let classTotal = classCounts(docs)
        let share =
            top.reduce(Float(0)) { $0 + (classTotal[$1] ?? 0) / max(total[Int($1)], 1) } / Float(max(1, top.count))
        return Label(
            label: Self.label(main), keywords: Array(main.prefix(8)), otherLanguage: Self.label(second),
            distinctiveness: Double(share))
    }

    private func classCounts(_ docs: [Int]) -> [Int32: Float] {
        var tf: [Int32: Float] = [:]
        for d in docs {
            let c = features.counts[d]
            for (k, t) in c.ids.enumerated() { tf[t, default: 0] += Float(c.tf[k]) }
        }
        return tf
    }

    /// Terms by class-based TF-IDF, best first (ties: smaller id), at most 16.
    private func rank(_ docs: [Int], total: [Float], average: Float) -> [Int32] {
        let tf = classCounts(docs)
        let classTotal = tf.values.reduce(0, +)
        var scored = tf.map { t, f in
            (t, f / max(classTotal, 1) * Float(log(1 + Double(average / max(total[Int(t)], 1)))))
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return Self.pickTerms(scored.prefix(16).map(\.0), parts: parts, limit: 10)
    }

    private func parts(_ t: Int32) -> [Int32] {
        if Int(t) < features.vocabulary.count { return [t] }
        let key = features.phraseKeys[Int(t) - features.vocabulary.count]
        return [Int32(key >> 32), Int32(key & 0xFFFF_FFFF)]
    }

    private func isConcept(_ word: Int32) -> Bool {
        features.vocabulary.words[Int(word)].hasPrefix(ConceptLexicon.conceptPrefix)
    }

    private func isConceptOrHasConcept(_ t: Int32) -> Bool { parts(t).allSatisfy(isConcept) }

    /// Written forms, one per term, without repeats.
    private func render(_ terms: [Int32], french: Bool, surfaces: ([Int32: String], [Int32: [String: Int]])) -> [String]
    {
        var seen = Set<String>()
        return terms.compactMap { t -> String? in
            let p = parts(t)
            let text: String
            // A two-word term is written as the customers wrote it unless both words are concepts
            // (then in the label's language): half-translated phrases read badly.
            if p.count == 2, !p.allSatisfy(isConcept), let written = surfaces.0[t] {
                text = written
            } else {
                let ordered = p.count == 2 && reversed(t, french: french, counts: surfaces.1) ? p.reversed() : p
                text = ordered.map { word(of: $0, french: french, surfaces: surfaces.0) }.joined(separator: " ")
            }
            return seen.insert(text).inserted ? text : nil
        }
    }

    /// Whether the label's language writes the pair in the other order than its key: as written
    /// in that language, else the other language's order turned round.
    private func reversed(_ t: Int32, french: Bool, counts: [Int32: [String: Int]]) -> Bool {
        let forms = counts[t] ?? [:]
        func lean(_ language: String) -> Int {
            (forms["\u{1}>" + language] ?? 0) - (forms["\u{1}<" + language] ?? 0)
        }
        let own = lean(french ? "fr" : "en")
        if own != 0 { return own < 0 }
        return lean(french ? "en" : "fr") > 0
    }

    private func word(of id: Int32, french: Bool, surfaces: [Int32: String]) -> String {
        let term = features.vocabulary.words[Int(id)]
        return lexicon.written(term, french: french) ?? surfaces[id] ?? term
    }

    /// The most frequent written form of each word and two-word term in up to 60 of the topic's enquiries.
    private func surfaces(
        docs: [Int], documents: [TopicDocuments.Document], analysed: [TopicPipeline.Analysed], data: ReportData
    ) -> ([Int32: String], [Int32: [String: Int]]) {
        var counts: [Int32: [String: Int]] = [:]
        for d in docs.prefix(60) {
            let message = data.messages[documents[d].enquiry]
            let (body, subject) = TopicDocuments.text(of: message, personal: personal)
            for text in [body, subject] {
                let tokens = lexicon.map(analyzer.analyze(text, surfaces: true)).map { token -> TopicToken in
                    guard token.kind == .word, personal.isNameStem(token.term) else { return token }
                    return TopicToken(kind: .breakMark, term: "", surface: "")
                }
                count(tokens, text: text, french: analysed[d].french, into: &counts)
            }
        }
        var result: [Int32: String] = [:]
        for (term, forms) in counts {
            result[term] =
                forms.filter { !$0.key.hasPrefix("\u{1}") }.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        return (result, counts)
    }

    private func count(_ tokens: [TopicToken], text: String, french: Bool, into counts: inout [Int32: [String: Int]]) {
        let bytes = Array(text.utf8)
        var previous: (id: Int32, start: Int32)?
        var between = 0
        for token in tokens {
            switch token.kind {
            case .word:
                guard let id = features.vocabulary.id(of: token.term) else {
                    previous = nil
                    continue
                }
                counts[id, default: [:]][token.surface, default: 0] += 1
                if let p = previous, between <= 1, let phrase = features.phraseId[TopicFeatures.pairKey(p.id, id)],
                    p.start < token.end, Int(token.end) <= bytes.count
                {
                    let written = String(decoding: bytes[Int(p.start)..<Int(token.end)], as: UTF8.self).lowercased()
                    let tidy = written.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" })
                        .joined(separator: " ")
                    counts[phrase, default: [:]][tidy, default: 0] += 1
                    // Which order the words came in, per language ("≡app ≡password" / "≡password ≡app").
                    let order = p.id < id ? "\u{1}>" : "\u{1}<"
                    counts[phrase, default: [:]][order + (french ? "fr" : "en"), default: 0] += 1
                }
                previous = (id, token.start)
                between = 0
            case .connector:
                if previous != nil { between += 1 }
            case .breakMark:
                previous = nil
                between = 0
            }
        }
    }

    /// Up to `limit` terms: a two-word term absorbs the single words it contains.
    static func pickTerms(_ ranked: [Int32], parts: (Int32) -> [Int32], limit: Int) -> [Int32] {
        var chosen: [Int32] = []
        for t in ranked where chosen.count < limit {
            let p = parts(t)
            if p.count == 1 {
                if chosen.contains(where: { parts($0).count == 2 && parts($0).contains(t) }) { continue }
                chosen.append(t)
            } else if let at = chosen.firstIndex(where: { parts($0).count == 1 && p.contains($0) }) {
                chosen[at] = t
                chosen.removeAll { $0 != t && parts($0).count == 1 && p.contains($0) }
            } else {
                chosen.append(t)
            }
        }
        return chosen
    }

    /// A short name: the best two terms, a third when the name stays within about eight words.
    static func label(_ terms: [String]) -> String {
        var chosen: [String] = []
        var words = 0
        for term in terms.prefix(3) {
            let count = term.split(separator: " ").count
            if chosen.count >= 2 && words + count > 8 { break }
            chosen.append(term)
            words += count
        }
        return chosen.joined(separator: ", ")
    }
}
