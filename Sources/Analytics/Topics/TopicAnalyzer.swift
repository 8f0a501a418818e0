import TextAnalysis

/// One unit of analysed text, in reading order.
struct TopicToken: Equatable {
    enum Kind: Equatable {
        /// A content word: folded and stemmed in `term`.
        case word
        /// A stop word that may sit inside a multi-word term ("de" in "mot de passe").
        case connector
        /// Anything that ends a multi-word term: other stop words, punctuation, addresses.
        case breakMark
    }
    var kind: Kind
    var term: String
    /// The word as written, lower-cased with its accents (only when asked for).
    var surface: String
    /// Where the word is in the text's UTF-8 bytes (words only).
    var start: Int32 = 0
    var end: Int32 = 0
}

/// The text analysis topics need, on top of the shared TextAnalysis module (Unicode words,
/// accent and case folding, French elisions, light FR/EN stemming): stop words and greetings
/// marked, punctuation, e-mail addresses, URLs and long numbers (tickets, phones) turned into
/// breaks so multi-word terms never span them, and the message's likely language.
struct TopicAnalyzer {
    private let words = Analyzer(stemming: false, removeStopWords: false)

    func analyze(_ text: String, surfaces: Bool = false) -> [TopicToken] {
        analyzeDetectingLanguage(text, surfaces: surfaces).tokens
    }

    /// Tokens and whether the text reads as French (more French than English stop words);
    /// `french` forces the answer, e.g. for a subject analysed like its message body.
    func analyzeDetectingLanguage(_ text: String, surfaces: Bool = false, french forced: Bool? = nil) -> (
        tokens: [TopicToken], french: Bool
    ) {
        var text = text
        text.makeContiguousUTF8()
        let bytes = Array(text.utf8)
        var tokens: [TopicToken] = []
        var french = 0
        var english = 0
        var previousEnd = 0
        var skipUntil = -1
        func addBreak() {
            if tokens.last?.kind != .breakMark { tokens.append(TopicToken(kind: .breakMark, term: "", surface: "")) }
        }
        addBreak()
        words.forEachToken(in: text) { token in
            guard !token.term.isPart else { return true }
            let range = token.utf8Range
            guard range.lowerBound >= skipUntil else { return true }
            let gap = Self.gap(bytes, previousEnd, range.lowerBound)
            previousEnd = range.upperBound
            if gap == .url {
                // "https" + "://": drop the scheme and everything up to the next space.
                if let last = tokens.last, last.term == "http" || last.term == "https" { tokens.removeLast() }
                addBreak()
                var end = range.lowerBound
                while end < bytes.count, !Self.isSpace(bytes[end]) { end += 1 }
                skipUntil = end
                previousEnd = end
                return true
            }
            if gap == .punctuation { addBreak() }
            let folded = token.term.text
            if folded.utf8.contains(UInt8(ascii: "@")) {
                addBreak()
                return true
            }
            let flags = TopicStopWords.flags[folded] ?? 0
            if flags & 1 != 0 { french += 1 }
            if flags & 2 != 0 { english += 1 }
            if flags != 0 {
                if flags & 4 != 0 {
                    tokens.append(
                        TopicToken(kind: .connector, term: folded, surface: surfaces ? Self.surface(bytes, range) : ""))
                } else {
                    addBreak()
                }
                return true
            }
            let hasDigit = folded.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
            if hasDigit && folded.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ".") })
                && folded.utf8.count > 4
            {
                addBreak()  // tickets, phone pieces, ids: never a topic
                return true
            }
            guard folded.utf8.count >= 2 else { return true }
            let term = hasDigit ? folded : TopicStemmer.stem(Stemmer.stem(folded))
            tokens.append(
                TopicToken(
                    kind: .word, term: term, surface: surfaces ? Self.surface(bytes, range) : "",
                    start: Int32(range.lowerBound), end: Int32(range.upperBound)))
            return true
        }
        addBreak()
        return (tokens, forced ?? (french > english))
    }

    private enum Gap { case space, punctuation, url }

    /// What separates two words: only spaces (one line break included), punctuation or a
    /// paragraph break, or the "://" of a URL.
    private static func gap(_ bytes: [UInt8], _ from: Int, _ to: Int) -> Gap {
        guard from < to else { return .space }
        if to - from >= 3, bytes[from] == UInt8(ascii: ":"), bytes[from + 1] == UInt8(ascii: "/"),
            bytes[from + 2] == UInt8(ascii: "/")
        {
            return .url
        }
        var newlines = 0
        var k = from
        while k < to {
            let b = bytes[k]
            if b == 0x0A {
                newlines += 1
            } else if b < 0x80 {
                // Letters here are what the word scan dropped (elided "l'", lone letters): no break.
                if Self.asciiPunctuation.contains(b) { return .punctuation }
            } else if b == 0xC2, k + 1 < to,
                bytes[k + 1] == 0xAB || bytes[k + 1] == 0xBB || bytes[k + 1] == 0xBF || bytes[k + 1] == 0xA1
            {
                return .punctuation  // « » ¿ ¡
            } else if b == 0xE2, k + 2 < to, bytes[k + 1] == 0x80,
                [0xA6, 0x93, 0x94, 0x9C, 0x9D].contains(bytes[k + 2])
            {
                return .punctuation  // … – — “ ”
            }
            k += 1
        }
        return newlines >= 2 ? .punctuation : .space
    }

    private static let asciiPunctuation: Set<UInt8> = Set(".,;:!?()[]{}\"|*/\\#=+<>".utf8)

    private static func isSpace(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
    }

    private static func surface(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range], as: UTF8.self).lowercased()
    }
}
