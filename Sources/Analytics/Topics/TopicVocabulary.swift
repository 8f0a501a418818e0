/// Term ids for analysed text. Connectors and breaks keep their negative marks; words get ids
/// in order of first appearance, so the same input gives the same ids on every run.
struct TopicVocabulary {
    static let connector: Int32 = -1
    static let breakMark: Int32 = -2

    private(set) var ids: [String: Int32] = [:]
    private(set) var words: [String] = []

    var count: Int { words.count }

    func id(of term: String) -> Int32? { ids[term] }

    /// The token stream as ids. With `intern` unknown words get new ids; without, they break
    /// multi-word terms like punctuation does.
    mutating func stream(_ tokens: [TopicToken], intern: Bool) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(tokens.count)
        for token in tokens {
            switch token.kind {
            case .connector: out.append(Self.connector)
            case .breakMark: out.append(Self.breakMark)
            case .word:
                if let id = ids[token.term] {
                    out.append(id)
                } else if intern {
                    let id = Int32(words.count)
                    ids[token.term] = id
                    words.append(token.term)
                    out.append(id)
                } else {
                    out.append(Self.breakMark)
                }
            }
        }
        return out
    }

    /// A stream without new words (a frozen vocabulary).
    func lookup(_ tokens: [TopicToken]) -> [Int32] {
        var copy = self
        return copy.stream(tokens, intern: false)
    }

    /// Merges a vocabulary built elsewhere (one per core) and returns its id → this id map.
    mutating func absorb(_ other: TopicVocabulary) -> [Int32] {
        other.words.map { word in
            if let id = ids[word] { return id }
            let id = Int32(words.count)
            ids[word] = id
            words.append(word)
            return id
        }
    }
}
