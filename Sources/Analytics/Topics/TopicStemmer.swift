/// Extra suffix folding for topics, on top of TextAnalysis's light stemmer (which search keeps
/// light on purpose): verb and noun forms of one word should be one term when messages are
/// grouped ("withdrawing", "withdrawal", "withdrawn" → "withdraw"; "remboursement",
/// "rembourser" → "rembours"). Input: a folded word already through `Stemmer.stem`.
enum TopicStemmer {
    static func stem(_ word: String) -> String {
        guard word.utf8.count > 4 else { return word }
        // Read in place (no copy of every word of every message): a stem is made only when a suffix goes.
        return word.utf8.withContiguousStorageIfAvailable { stem(word, $0) } ?? stem(word, Array(word.utf8))
    }

    private static func stem<Bytes: RandomAccessCollection<UInt8>>(_ word: String, _ w: Bytes) -> String
    where Bytes.Index == Int {
        guard w.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return word }
        let n = w.count
        guard let suffix = suffixes.first(where: { n >= $0.minimum + $0.bytes.count && ends(w, with: $0.bytes) })
        else { return word }
        var end = n - suffix.bytes.count
        if suffix.undouble, end >= 4, w[end - 1] == w[end - 2], !"lsz".utf8.contains(w[end - 1]) {
            end -= 1
        }
        return String(decoding: w[0..<end], as: UTF8.self)
    }

    private static func ends<Bytes: RandomAccessCollection<UInt8>>(_ w: Bytes, with suffix: [UInt8]) -> Bool
    where Bytes.Index == Int {
        guard w.count >= suffix.count else { return false }
        var k = w.count - suffix.count
        for b in suffix {
            guard w[k] == b else { return false }
            k += 1
        }
        return true
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
