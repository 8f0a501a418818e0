/// A bilingual customer-service lexicon: French and English words and phrases that name one
/// thing map to one shared concept, so "colis" and "parcel" count as the same term when
/// messages are compared, and a topic's label can be written in either language.
///
/// Each entry is `english, synonyms = french, synonyms`; the first phrase of a side is how the
/// concept is written in that language. Phrases are analysed like the messages (folded,
/// elisions dropped, lightly stemmed), so plural and accent forms need no entry of their own.
struct ConceptLexicon: Sendable {
    struct Concept: Sendable {
        var english: String
        var french: String
    }

    /// Concept term (as it appears in a token stream) → its two written forms.
    let concepts: [String: Concept]
    /// Stemmed word sequence → concept term; single words have one-element keys.
    let phrases: [[String]: String]
    /// First word of a phrase → the phrases starting with it, longest first (the words after the
    /// first, and the concept): most words start none and cost one lookup; the others are
    /// compared word by word, without building and hashing a key per length (`map` runs over
    /// every message of a report).
    let byFirstWord: [String: [(rest: [String], concept: String)]]

    static let conceptPrefix = "≡"

    static let shared = ConceptLexicon(entries: ConceptLexicon.entries)

    init(entries: [String]) {
        let analyzer = TopicAnalyzer()
        var concepts: [String: Concept] = [:]
        var phrases: [[String]: String] = [:]
        for entry in entries {
            let sides = entry.split(separator: "=", omittingEmptySubsequences: false)
            guard sides.count == 2 else { continue }
            let english = sides[0].split(separator: ",").map { $0.trimmingSpaces }
            let french = sides[1].split(separator: ",").map { $0.trimmingSpaces }
            guard let en = english.first, let fr = french.first else { continue }
            let term = Self.conceptPrefix + en
            concepts[term] = Concept(english: en, french: fr)
            for phrase in english + french {
                let tokens = analyzer.analyze(phrase)
                let stems = tokens.filter { $0.kind == .word }.map(\.term)
                // A phrase that lost words to the stop list ("sans contact" → "contact") would
                // capture a word it does not mean.
                let kept = tokens.filter { $0.kind != .breakMark }.count
                let written = phrase.split(whereSeparator: { $0 == " " || $0 == "-" }).count
                guard !stems.isEmpty, kept >= written, phrases[stems] == nil else { continue }
                phrases[stems] = term
            }
        }
        self.concepts = concepts
        self.phrases = phrases
        var byFirstWord: [String: [(rest: [String], concept: String)]] = [:]
        for (key, concept) in phrases { byFirstWord[key[0], default: []].append((Array(key.dropFirst()), concept)) }
        // One key per word sequence, so among phrases of one length at most one can match: the
        // order within a length does not matter, only longest first.
        self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.rest.count > $1.rest.count } }
    }

    /// Replaces the words of every known phrase (longest first, connectors allowed between
    /// its words) by the phrase's concept term.
    func map(_ tokens: [TopicToken]) -> [TopicToken] {
        var out: [TopicToken] = []
        out.reserveCapacity(tokens.count)
        // Word positions after i, across at most one connector between two words.
        var positions: [Int] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, let candidates = byFirstWord[tokens[i].term] else {
                out.append(tokens[i])
                i += 1
                continue
            }
            let longest = candidates[0].rest.count
            positions.removeAll(keepingCapacity: true)
            var j = i + 1
            while positions.count < longest && j < tokens.count {
                if tokens[j].kind == .word {
                    positions.append(j)
                    j += 1
                } else if tokens[j].kind == .connector && j + 1 < tokens.count && tokens[j + 1].kind == .word {
                    j += 1
                } else {
                    break
                }
            }
            var matched = false
            for candidate in candidates where candidate.rest.count <= positions.count {
                var same = true
                for (k, word) in candidate.rest.enumerated() where tokens[positions[k]].term != word {
                    same = false
                    break
                }
                guard same else { continue }
                let last = candidate.rest.isEmpty ? i : positions[candidate.rest.count - 1]
                var token = tokens[i]
                token.term = candidate.concept
                token.end = tokens[last].end
                out.append(token)
                i = last + 1
                matched = true
                break
            }
            if !matched {
                out.append(tokens[i])
                i += 1
            }
        }
        return out
    }

    func written(_ term: String, french: Bool) -> String? {
        guard let concept = concepts[term] else { return nil }
        return french ? concept.french : concept.english
    }
}

extension Substring {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
