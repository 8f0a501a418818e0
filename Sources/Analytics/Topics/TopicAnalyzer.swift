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
}

/// The text analysis the topic pipeline needs: accent and case folding, French elisions,
/// stop words, light stemming by the message's likely language.
///
/// A small private analyzer: the shared TextAnalysis module was not available when this was
/// written. Everything goes through `analyze`, so swapping in TextAnalysis is one change here.
struct TopicAnalyzer {
    func analyze(_ text: String, surfaces: Bool = false) -> [TopicToken] {
        analyzeDetectingLanguage(text, surfaces: surfaces).tokens
    }

    /// Tokens and whether the text reads as French (more French than English stop words);
    /// `french` forces the language, e.g. a subject analysed like its message body.
    func analyzeDetectingLanguage(_ text: String, surfaces: Bool = false, french forced: Bool? = nil) -> (tokens: [TopicToken], french: Bool) {
        var raw = Self.scan(text, surfaces: surfaces)
        var flags = [UInt8](repeating: 0, count: raw.count)
        var french = 0, english = 0
        for i in raw.indices where raw[i].kind == .word {
            let f = StopWords.flags[raw[i].term] ?? 0
            flags[i] = f
            if f & 1 != 0 { french += 1 }
            if f & 2 != 0 { english += 1 }
        }
        let isFrench = forced ?? (french > english)
        for i in raw.indices where raw[i].kind == .word {
            let word = raw[i].term
            if flags[i] != 0 {
                raw[i].kind = flags[i] & 4 != 0 ? .connector : .breakMark
            } else if word.utf8.count < 2 {
                raw[i].kind = .breakMark
            } else {
                raw[i].term = isFrench ? LightStemmer.french(word) : LightStemmer.english(word)
            }
        }
        return (raw, isFrench)
    }

    /// Splits into folded words; elided articles ("l'", "qu'") dropped, e-mail addresses, URLs and
    /// long numbers (ids, tickets, phones) turned into breaks.
    static func scan(_ text: String, surfaces: Bool) -> [TopicToken] {
        var tokens: [TopicToken] = []
        var folded: [UInt8] = []
        var surface = ""
        var skipChunk = false
        var digitsOnly = true

        func flush(_ brk: Bool) {
            if !folded.isEmpty && !skipChunk {
                if digitsOnly && folded.count > 4 {
                    tokens.append(TopicToken(kind: .breakMark, term: "", surface: ""))
                } else {
                    tokens.append(TopicToken(kind: .word, term: String(decoding: folded, as: UTF8.self), surface: surface))
                }
            }
            folded.removeAll(keepingCapacity: true)
            if surfaces { surface = "" }
            digitsOnly = true
            if brk, tokens.last?.kind != .breakMark { tokens.append(TopicToken(kind: .breakMark, term: "", surface: "")) }
        }

        func elision() {
            let word = String(decoding: folded, as: UTF8.self)
            if ["l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"].contains(word) {
                folded.removeAll(keepingCapacity: true)
                if surfaces { surface = "" }
                digitsOnly = true
            } else {
                flush(false)
            }
        }

        // Walk the UTF-8 bytes, decoding multi-byte scalars by hand: much cheaper than
        // materialising an array of Unicode scalars per message.
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            var v = UInt32(lead)
            if lead < 0x80 {
                index += 1
            } else if lead >= 0xF0, index + 3 < bytes.count {
                v = (UInt32(lead & 0x07) << 18) | (UInt32(bytes[index + 1] & 0x3F) << 12) | (UInt32(bytes[index + 2] & 0x3F) << 6)
                    | UInt32(bytes[index + 3] & 0x3F)
                index += 4
            } else if lead >= 0xE0, index + 2 < bytes.count {
                v = (UInt32(lead & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6) | UInt32(bytes[index + 2] & 0x3F)
                index += 3
            } else if lead >= 0xC0, index + 1 < bytes.count {
                v = (UInt32(lead & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
                index += 2
            } else {
                index += 1
                v = 0xFFFD
            }
            let scalar = Unicode.Scalar(v) ?? "\u{FFFD}"
            if skipChunk {
                if v == 0x20 || v == 0x0A || v == 0x09 || v == 0x0D || v == 0xA0 {
                    skipChunk = false
                    folded.removeAll(keepingCapacity: true)
                    if surfaces { surface = "" }
                    digitsOnly = true
                }
                continue
            }
            if v < 0x80 {
                let b = UInt8(v)
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if b >= UInt8(ascii: "a") { digitsOnly = false }
                    folded.append(b)
                    if surfaces { surface.unicodeScalars.append(scalar) }
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    digitsOnly = false
                    folded.append(b + 32)
                    if surfaces { surface.unicodeScalars.append(Unicode.Scalar(b + 32)) }
                case UInt8(ascii: "'"):
                    elision()
                case UInt8(ascii: "-"):
                    // "e-mail" → "email"; other hyphens separate words of one term.
                    if folded == [UInt8(ascii: "e")] {
                        continue
                    }
                    flush(false)
                case UInt8(ascii: "@"):
                    skipChunk = true
                    tokens.append(TopicToken(kind: .breakMark, term: "", surface: ""))
                case UInt8(ascii: ":"):
                    if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: "/") {
                        skipChunk = true
                        tokens.append(TopicToken(kind: .breakMark, term: "", surface: ""))
                    } else {
                        flush(true)
                    }
                case UInt8(ascii: " "), 0x09, 0x0A, 0x0D, UInt8(ascii: "_"), UInt8(ascii: "/"):
                    flush(false)
                default:
                    flush(true)
                }
                continue
            }
            if let mapped = fold(v) {
                digitsOnly = false
                folded.append(contentsOf: mapped.utf8)
                if surfaces { surface += Character(scalar).lowercased() }
            } else if v == 0x2019 || v == 0x2018 || v == 0x02BC {
                elision()
            } else if v == 0xA0 || v == 0x202F || v == 0x2009 || v == 0x2010 || v == 0x2011 {
                flush(false)
            } else if scalar.properties.isAlphabetic {
                digitsOnly = false
                let lower = Character(scalar).lowercased()
                folded.append(contentsOf: lower.utf8)
                if surfaces { surface += lower }
            } else {
                flush(true)
            }
        }
        flush(true)
        return tokens
    }

    /// Folded form of the Latin-1 and Latin Extended-A letters French and English mail uses.
    static func fold(_ v: UInt32) -> String? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7: return "c"
        case 0xC8...0xCB, 0xE8...0xEB: return "e"
        case 0xCC...0xCF, 0xEC...0xEF: return "i"
        case 0xD1, 0xF1: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8: return "o"
        case 0xD9...0xDC, 0xF9...0xFC: return "u"
        case 0xDD, 0xFD, 0xFF, 0x178: return "y"
        case 0xDF: return "ss"
        case 0x152, 0x153: return "oe"
        default: return nil
        }
    }
}
