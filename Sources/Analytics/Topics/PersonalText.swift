import Foundation
import TextAnalysis

/// What in a message belongs to a person rather than to a question: the greeting line ("Bonjour
/// Marie,"), the sign-off and what follows it ("Bien à vous, Céline"), the display names seen in
/// the mailbox's own headers, and codes (order, ticket, tracking and phone numbers). Topics never
/// see them, and `--anonymize` masks the same.
struct PersonalText: Sendable {
    /// Folded words of display names (team and customers), minus words the lexicon knows.
    let names: Set<String>
    /// The same, stemmed like topic terms.
    let nameStems: Set<String>

    init(names: Set<String> = []) {
        self.names = names
        nameStems = Set(names.map { TopicStemmer.stem(Stemmer.stem($0)) })
    }

    /// Name words from every From/To/Cc display name of the messages.
    init(displayNames: [String]) {
        var names = Set<String>()
        let lexicon = ConceptLexicon.shared
        for name in displayNames {
            for word in name.split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "-" }) {
                let folded = Folding.fold(String(word))
                guard folded.count >= 3, TopicStopWords.flags[folded] == nil,
                    lexicon.phrases[[Stemmer.stem(folded)]] == nil
                else { continue }
                names.insert(folded)
            }
        }
        self.init(names: names)
    }

    static let greetings: [String] = [
        "hello", "hi", "hey", "dear", "good morning", "good afternoon", "good evening", "greetings", "bonjour",
        "bonsoir", "salut", "coucou", "madame", "monsieur", "chère", "cher", "hola",
    ]
    static let closings: [String] = [
        "thanks", "thank you", "many thanks", "thx", "regards", "best regards", "kind regards", "best", "cheers",
        "sincerely", "yours", "all the best", "warm regards", "merci", "merci d'avance", "merci beaucoup",
        "cordialement", "bien cordialement", "bien à vous", "bonne journée", "bonne soirée", "salutations",
        "sincères salutations", "à bientôt", "a bientot", "amicalement", "bisous", "respectueusement",
        "dans l'attente", "en vous remerciant", "je vous remercie", "sent from my", "envoyé de mon",
    ]

    /// The text without its greeting, its sign-off and what follows, and codes.
    ///
    /// Works on the lines' byte ranges: only the first line, the last non-empty ones (sign-off)
    /// and lines with three digits or more are made into strings, and the kept lines between are
    /// copied as they are (a report strips every message it reads). Same result as joining
    /// `lines(text)`, less the leading blank lines and the sign-off, with the greeting removed
    /// from the first and codes masked in each.
    func strip(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in strip(bytes) } ?? ""
    }

    private func strip(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let ranges = Self.lineRanges(bytes)
        func line(_ k: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[k]]), as: UTF8.self) }
        func isBlank(_ k: Int) -> Bool {
            for b in bytes[ranges[k]] where b != 0x20 && b != 0x09 {
                guard b >= 0x80 else { return false }
                return Self.isBlank(line(k))
            }
            return true
        }
        var first = 0
        while first < ranges.count, isBlank(first) { first += 1 }
        guard first < ranges.count else { return "" }
        let firstLine = Self.withoutGreeting(line(first))
        // The sign-off among the last six non-empty lines, the first kept line (greeting removed) included.
        var nonEmpty: [Int] = []
        for k in first..<ranges.count where k == first ? !Self.isBlank(firstLine) : !isBlank(k) { nonEmpty.append(k) }
        var end = ranges.count
        if nonEmpty.count >= 2 {
            for k in nonEmpty.suffix(6) where k != nonEmpty[0] {
                if Self.isSignOff(k == first ? firstLine : line(k)) {
                    end = k
                    break
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        for k in first..<end {
            if k > first { out.append(0x0A) }
            if k == first {
                out += maskCodes(firstLine).utf8
            } else if Self.isCode(bytes[ranges[k]]) {
                out += maskCodes(line(k)).utf8
            } else {
                out += bytes[ranges[k]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The byte ranges of `lines(_:)`.
    static func lineRanges(_ bytes: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        var previous: UInt8 = 0
        for i in 0..<bytes.count {
            let b = bytes[i]
            if b == 0x0A && previous != 0x0D {
                ranges.append(start..<i)
                start = i + 1
            }
            previous = b
        }
        ranges.append(start..<bytes.count)
        return ranges
    }

    /// The text cut at each "\n", as `split(separator: "\n")` over Characters cuts it ("\r\n" is
    /// one Character: no cut there), but over UTF-8 bytes without grapheme breaking.
    static func lines(_ text: String) -> [String] {
        let utf8 = text.utf8
        var lines: [String] = []
        var start = utf8.startIndex
        var previous: UInt8 = 0
        var i = start
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A && previous != 0x0D {
                lines.append(String(decoding: utf8[start..<i], as: UTF8.self))
                start = utf8.index(after: i)
            }
            previous = b
            i = utf8.index(after: i)
        }
        lines.append(String(decoding: utf8[start...], as: UTF8.self))
        return lines
    }

    /// A greeting at the start of a line, with the name after it, up to its punctuation.
    static func withoutGreeting(_ line: String) -> String {
        let lower = Folding.fold(line.trimmingCharacters(in: .whitespaces))
        guard foldedGreetings.contains(where: { startsWithPhrase(lower, $0) }) else { return line }
        let chars = Array(line)
        if let stop = chars.firstIndex(where: { ",!.:;\n".contains($0) }), stop <= 48 {
            return String(chars[(stop + 1)...])
        }
        return chars.count <= 48 ? "" : line
    }

    /// The first line, in the last six non-empty lines, that is a short closing ("Merci,",
    /// "Best regards", "Bien à vous, Céline").
    static func signOffLine(_ lines: [String]) -> Int? {
        let nonEmpty = lines.indices.filter { !isBlank(lines[$0]) }
        guard nonEmpty.count >= 2 else { return nil }
        for k in nonEmpty.suffix(6) where k != nonEmpty.first {
            if isSignOff(lines[k]) { return k }
        }
        return nil
    }

    /// A short closing line: at most six words, starting with a closing phrase.
    static func isSignOff(_ line: String) -> Bool {
        let folded = Folding.fold(line.trimmingCharacters(in: .whitespaces))
        let words = folded.split(whereSeparator: { $0 == " " || $0 == "," }).count
        return words <= 6 && foldedClosings.contains(where: { startsWithPhrase(folded, $0) })
    }

    /// Whether the line is only spaces and tabs (`CharacterSet.whitespaces`), without trimming a
    /// copy of every line: most lines fail on their first byte.
    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { s in
            s == " " || s == "\t" || (s.value >= 0x80 && CharacterSet.whitespaces.contains(s))
        }
    }

    /// Folded once, not on every line tested.
    static let foldedGreetings = greetings.map(Folding.fold)
    static let foldedClosings = closings.map(Folding.fold)

    /// `text` (folded) starts with `phrase` (folded) followed by no letter ("hi," but not "hiking").
    static func startsWithPhrase(_ text: String, _ p: String) -> Bool {
        guard text.hasPrefix(p) else { return false }
        guard let next = text.dropFirst(p.count).first else { return true }
        return !next.isLetter
    }

    /// Any space-separated chunk holding three or more digits (order, ticket, tracking, phone
    /// numbers and their prefixes such as "CMD-457088") becomes a break.
    func maskCodes(_ line: String, mask: String = " | ") -> String {
        // Fewer than three digits in the line: no chunk can be a code, the line comes back as it is.
        guard Self.isCode(Substring(line)) else { return line }
        var out = ""
        out.reserveCapacity(line.utf8.count)
        for (k, chunk) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if k > 0 { out += " " }
            if chunk.utf8.count >= 3 && Self.isCode(chunk) {
                out += mask
            } else {
                out += chunk
            }
        }
        return out
    }

    static func isCode(_ chunk: Substring) -> Bool {
        isCode(chunk.utf8)
    }

    static func isCode<Bytes: Sequence<UInt8>>(_ bytes: Bytes) -> Bool {
        var digits = 0
        for b in bytes where b >= 0x30 && b <= 0x39 {
            digits += 1
            if digits >= 3 { return true }
        }
        return false
    }

    func isName(_ folded: String) -> Bool { names.contains(folded) }
}
