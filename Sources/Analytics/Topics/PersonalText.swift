import FoundationEssentials
import TextAnalysis
import TextBasics

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

    /// E-mail addresses and phone numbers become breaks. Lines without "@" and without eight
    /// digits come back as they are, before any Character is looked at.
    static func maskContacts(_ line: String, mask: String = " | ") -> String {
        let worth = line.utf8.withContiguousStorageIfAvailable { mayHoldContact($0) } ?? true
        return worth ? Anonymizer.mask(line, emailMask: mask, phoneMask: mask) : line
    }

    /// Whether a line may hold an e-mail address (an "@") or a phone number (eight digits: one written
    /// "06 12 34 56 78" has no three in a row).
    static func mayHoldContact(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var digits = 0
        for b in bytes {
            if b == UInt8(ascii: "@") { return true }
            if b &- 0x30 < 10 {
                digits += 1
                if digits >= 8 { return true }
            }
        }
        return false
    }

    /// Street types that start a French address ("12 rue des Lilas", "place de la Mairie"), lower-cased,
    /// with and without accents.
    static let frenchStreetTypes: Set<String> = [
        "rue", "avenue", "av", "ave", "allée", "allee", "impasse", "bd", "boulevard", "chemin", "place", "route",
        "quai",
        "cours", "square", "passage", "résidence", "residence", "lotissement", "lieu-dit", "voie", "sentier", "hameau",
        "faubourg", "montée", "montee",
    ]
    /// Street types that end an English address ("12 Baker Street").
    static let englishStreetTypes: Set<String> = [
        "street", "st", "road", "rd", "lane", "ln", "close", "way", "court", "crescent", "terrace", "gardens", "grove",
        "avenue", "ave", "place", "square", "mews",
    ]
    static let streetParticles: Set<String> = ["de", "des", "du", "la", "le", "les", "d", "l", "of", "the"]

    /// For each first letter a–z and length below 32 of a street type, the last letters (bits) it can
    /// end with: one array load rules out nearly every word without building a String.
    private static let streetTypeShapes: [UInt32] = {
        var shapes = [UInt32](repeating: 0, count: 26 * 32)
        for type in frenchStreetTypes.union(englishStreetTypes) {
            let bytes = Array(type.utf8)
            shapes[Int(bytes[0] - 0x61) * 32 + bytes.count] |= 1 << UInt32(bytes[bytes.count - 1] - 0x61)
        }
        return shapes
    }()

    private static func mayBeStreetType(first: UInt8, last: UInt8, length: Int) -> Bool {
        guard first &- 0x61 < 26, last &- 0x61 < 26, length < 32 else { return false }
        return streetTypeShapes[Int(first - 0x61) * 32 + length] & (1 << UInt32(last - 0x61)) != 0
    }

    /// Postal addresses in a line ("12 rue des Lilas, 69003 Lyon", "avenue Jean Jaurès",
    /// "9 Baker Street") replaced by `mask`; lines without a street word come back as they are.
    static func maskStreets(_ line: String, mask: String = " | ") -> String {
        guard line.utf8.count >= 6, mayHoldStreet(line) else { return line }
        let words = line.split(separator: " ", omittingEmptySubsequences: false)
        let spans = streetSpans(words)
        guard !spans.isEmpty else { return line }
        var out: [Substring] = []
        var k = 0
        for span in spans {
            out += words[k..<span.lowerBound]
            // The last word's trailing punctuation stays ("…, 69003 Lyon." keeps its full stop).
            let trailing = words[span.upperBound - 1].reversed().prefix { ",.;:!?)".contains($0) }
            out.append(Substring(mask + String(trailing.reversed())))
            k = span.upperBound
        }
        out += words[k...]
        return out.joined(separator: " ")
    }

    /// Whether some word of the line is a street type, in one pass over its bytes.
    static func mayHoldStreet(_ line: String) -> Bool {
        line.utf8.withContiguousStorageIfAvailable { mayHoldStreet($0) } ?? true
    }

    static func mayHoldStreet(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var first: UInt8 = 0
        var last: UInt8 = 0
        var length = 0
        var start = 0
        func isType(_ end: Int) -> Bool {
            length > 0 && mayBeStreetType(first: first, last: last, length: length)
                && streetType(
                    Substring(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
                    != nil
        }
        for i in 0..<bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == UInt8(ascii: ",") || byte == UInt8(ascii: ".") {
                if isType(i) { return true }
                length = 0
            } else {
                let lower = byte &- 0x41 < 26 ? byte | 0x20 : byte
                if length == 0 {
                    first = lower
                    start = i
                }
                last = lower
                length += 1
            }
        }
        return isType(bytes.count)
    }

    /// The street type a word is ("Rue," → "rue"), or nil: its bytes are looked at first, a String
    /// is made only when their shape fits.
    static func streetType(_ word: Substring) -> String? {
        var utf8 = word.utf8[...]
        while let l = utf8.last,
            l == UInt8(ascii: ",") || l == UInt8(ascii: ".") || l == UInt8(ascii: ";") || l == UInt8(ascii: ":")
                || l == UInt8(ascii: "!") || l == UInt8(ascii: "?") || l == UInt8(ascii: ")")
        {
            utf8 = utf8.dropLast()
        }
        while let f = utf8.first, f == UInt8(ascii: "(") || f == UInt8(ascii: "\"") { utf8 = utf8.dropFirst() }
        guard let f = utf8.first, let l = utf8.last else { return nil }
        let lower: (UInt8) -> UInt8 = { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        guard mayBeStreetType(first: lower(f), last: lower(l), length: utf8.count) else { return nil }
        let text = String(Substring(utf8)).lowercased()
        return frenchStreetTypes.contains(text) || englishStreetTypes.contains(text) ? text : nil
    }

    /// A word without its surrounding punctuation, lower-cased ("Rue," → "rue").
    private static func lowered(_ word: Substring) -> String {
        word.trimmed(ScalarSet.punctuationCharacters.subtracting("-'")).lowercased()
    }

    /// "12", "12bis", "221B", "3-5": a house number.
    private static func isHouseNumber(_ word: Substring) -> Bool {
        guard let first = word.first, first.isASCII, first.isNumber, word.count <= 6, !endsClause(word) else {
            return false
        }
        let digits = word.prefix { $0.isASCII && ($0.isNumber || $0 == "-") }
        return digits.count <= 5 && word.dropFirst(digits.count).allSatisfy(\.isLetter)
    }

    private static func endsClause(_ word: Substring) -> Bool {
        guard let last = word.last else { return false }
        return ",.;:!?)".contains(last)
    }

    private static func isCapitalised(_ word: Substring) -> Bool {
        word.drop { $0 == "(" || $0 == "\"" || $0 == "'" }.first?.isUppercase == true
    }

    /// Index ranges of `words` that form postal addresses, found from their street types: French
    /// "[number] type [particles] Name…" (a name with a capital unless a house number says this is an
    /// address), English "number Name… type".
    static func streetSpans(_ words: [Substring]) -> [Range<Int>] {
        var spans: [Range<Int>] = []
        for t in words.indices {
            if let last = spans.last, t < last.upperBound { continue }
            guard let type = streetType(words[t]) else { continue }
            let french = frenchStreetTypes.contains(type)
            let numbered = t > 0 && isHouseNumber(words[t - 1])
            let start = numbered ? t - 1 : t
            if french, !endsClause(words[t]), spans.last.map({ start >= $0.upperBound }) ?? true {
                var j = t + 1
                while j < words.count, streetParticles.contains(lowered(words[j])), !endsClause(words[j]) { j += 1 }
                var named = 0
                while j < words.count, named < 4 {
                    let word = words[j]
                    guard word.contains(where: \.isLetter) else { break }
                    // The first name word has a capital, or follows a house number ("12 rue des lilas"); the
                    // next ones have capitals ("avenue Jean Jaurès") or are particles ("rue Jean de la Fontaine").
                    let elided = word.hasPrefix("d'") || word.hasPrefix("l'") || word.hasPrefix("d’")
                    let capital = isCapitalised(elided ? word.dropFirst(2) : word)
                    if named == 0 ? !(capital || numbered) : !(capital || streetParticles.contains(lowered(word))) {
                        break
                    }
                    named += 1
                    j += 1
                    if endsClause(word) { break }
                }
                if named > 0 {
                    spans.append(start..<withPostalCode(words, after: j))
                    continue
                }
            }
            // English: a house number, one to three capitalised words, the type ("221B Baker Street").
            guard englishStreetTypes.contains(type), isCapitalised(words[t]) else { continue }
            var k = t - 1
            while k >= 0, k > t - 4, isCapitalised(words[k]), !endsClause(words[k]) { k -= 1 }
            if k >= 0, k < t - 1, isHouseNumber(words[k]), spans.last.map({ k >= $0.upperBound }) ?? true {
                spans.append(k..<withPostalCode(words, after: t + 1))
            }
        }
        return spans
    }

    /// After an address that ended with a comma, a postal code and a town ("69003 Lyon", "44300 nantes",
    /// "F-75011 Paris", "SW1A 1AA"): the index after them, or `j` when there is none.
    private static func withPostalCode(_ words: [Substring], after j: Int) -> Int {
        guard j > 0, j < words.count, words[j - 1].hasSuffix(",") else { return j }
        let code = words[j].trimmed(ScalarSet(charactersIn: ",."))
        let digits = code.filter { $0.isASCII && $0.isNumber }.count
        guard digits >= 4, digits <= 5, code.count <= 8 else { return j }
        guard j + 1 < words.count, words[j + 1].contains(where: \.isLetter), !endsClause(words[j]) else { return j + 1 }
        return j + 2
    }

    /// The text without its greeting, its sign-off and what follows, postal addresses, e-mail
    /// addresses, phone numbers and codes.
    ///
    /// Works on the lines' byte ranges: only the first line, the last non-empty ones (sign-off)
    /// and lines with three digits or more, an "@" or a street word are made into strings, and the
    /// kept lines between are copied as they are (a report strips every message it reads). Same result as joining
    /// `lines(text)`, less the leading blank lines and the sign-off, with the greeting removed
    /// from the first and addresses, contacts and codes masked in each.
    func strip(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { bytes in strip(bytes) } ?? ""
    }

    private func strip(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let ranges = Self.lineRanges(bytes)
        func line(_ k: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[ranges[k]]), as: UTF8.self)
        }
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
                out += masked(firstLine).utf8
            } else if Self.isCode(bytes[ranges[k]])
                || Self.mayHoldContactOrStreet(UnsafeBufferPointer(rebasing: bytes[ranges[k]]))
            {
                out += masked(line(k)).utf8
            } else {
                out += bytes[ranges[k]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func masked(_ line: String) -> String { maskCodes(Self.maskContacts(Self.maskStreets(line))) }

    /// Whether a line may hold what `maskContacts` or `maskStreets` masks.
    private static func mayHoldContactOrStreet(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        mayHoldContact(bytes) || (bytes.count >= 6 && mayHoldStreet(bytes))
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
        let lower = Folding.fold(line.trimmed(.whitespaces))
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
        let folded = Folding.fold(line.trimmed(.whitespaces))
        let words = folded.split(whereSeparator: { $0 == " " || $0 == "," }).count
        return words <= 6 && foldedClosings.contains(where: { startsWithPhrase(folded, $0) })
    }

    /// Whether the line is only spaces and tabs (`ScalarSet.whitespaces`), without trimming a
    /// copy of every line: most lines fail on their first byte.
    static func isBlank(_ line: String) -> Bool {
        line.unicodeScalars.allSatisfy { s in
            s == " " || s == "\t" || (s.value >= 0x80 && ScalarSet.whitespaces.contains(s))
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
