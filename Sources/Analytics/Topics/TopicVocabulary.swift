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

    /// Marks a word `known` has not seen yet: `intern` numbers it.
    static let unknown: Int32 = -3

    /// The token stream as ids with the words not in the vocabulary yet left `unknown`: read-only, so the
    /// documents of a block are looked up on every core; `intern` then numbers the new words one document
    /// after the other, giving the ids `stream(_:intern: true)` would.
    func known(_ tokens: [TopicToken]) -> [Int32] {
        tokens.map { token in
            switch token.kind {
            case .connector: Self.connector
            case .breakMark: Self.breakMark
            case .word: ids[token.term] ?? Self.unknown
            }
        }
    }

    /// Gives the `unknown` words of a `known` stream their ids, new ones in order of appearance.
    mutating func intern(_ stream: inout [Int32], _ tokens: [TopicToken]) {
        for index in stream.indices where stream[index] == Self.unknown {
            let term = tokens[index].term
            if let id = ids[term] {
                stream[index] = id
            } else {
                let id = Int32(words.count)
                ids[term] = id
                words.append(term)
                stream[index] = id
            }
        }
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
