/// Extra suffix folding for topics, on top of TextAnalysis's light stemmer (which search keeps
/// light on purpose): verb and noun forms of one word should be one term when messages are
/// grouped ("withdrawing", "withdrawal", "withdrawn" → "withdraw"; "remboursement",
/// "rembourser" → "rembours"). Input: a folded word already through `Stemmer.stem`.
enum TopicStemmer {
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 4, word.utf8.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        var w = Array(word.utf8)
        guard let suffix = suffixes.first(where: { w.count >= $0.minimum + $0.bytes.count && w.ends(with: $0.bytes) })
        else { return word }
        w.removeLast(suffix.bytes.count)
        if suffix.undouble, w.count >= 4, w[w.count - 1] == w[w.count - 2], !"lsz".utf8.contains(w[w.count - 1]) {
            w.removeLast()
        }
        return String(decoding: w, as: UTF8.self)
    }

    private struct Suffix {
        var bytes: [UInt8]
        /// Letters that must stay before it.
        var minimum: Int
        var undouble: Bool
    }

    /// Longest first; each applies once.
    private static let suffixes: [Suffix] = [
        ("ements", 4, false), ("ement", 4, false), ("ments", 4, false), ("ment", 4, false),
        ("ations", 4, false), ("ation", 4, false), ("ingli", 4, true), ("ing", 3, true), ("ement", 4, false),
        ("ied", 3, false), ("ed", 3, true), ("ally", 4, false), ("ly", 4, false), ("al", 5, false),
        ("er", 5, false), ("ez", 4, false), ("ait", 4, false), ("ant", 5, false), ("ir", 4, false), ("en", 5, false),
    ].map { Suffix(bytes: Array($0.0.utf8), minimum: $0.1, undouble: $0.2) }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
