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
    /// First word of a phrase → the longest phrase starting with it: most words start none, and
    /// are passed over without building a key.
    let reach: [String: Int]

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
        var reach: [String: Int] = [:]
        for key in phrases.keys { reach[key[0]] = max(reach[key[0]] ?? 0, key.count) }
        self.reach = reach
    }

    /// Replaces the words of every known phrase (longest first, connectors allowed between
    /// its words) by the phrase's concept term.
    func map(_ tokens: [TopicToken]) -> [TopicToken] {
        var out: [TopicToken] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            guard tokens[i].kind == .word, let longest = reach[tokens[i].term] else {
                out.append(tokens[i])
                i += 1
                continue
            }
            // Word positions from i on, across at most one connector between two words.
            var positions: [Int] = [i]
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
            for length in stride(from: positions.count, through: 1, by: -1) {
                let key = positions.prefix(length).map { tokens[$0].term }
                guard let concept = phrases[key] else { continue }
                let last = positions[length - 1]
                var token = tokens[i]
                token.term = concept
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
