/// RFC 2047 encoded words ("=?charset?B|Q?text?=") inside unstructured header text.
///
/// Lenient where real mail is broken: spaces inside an encoded word, a missing "?=" at the
/// end of the field, multi-byte characters split across adjacent words (their bytes are joined
/// before charset decoding), lower-case "b"/"q", and raw 8-bit text (UTF-8, else Windows-1252).
public enum EncodedWords {
    /// Decodes `raw` (one unfolded header value) into display text, whitespace runs collapsed
    /// to one space and trimmed.
    public static func decode<Bytes: RandomAccessCollection>(_ raw: Bytes, collapseWhitespace: Bool = true) -> String
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let text = decodeWords(raw)
        return collapseWhitespace ? collapse(text) : text
    }

    static func decodeWords<Bytes: RandomAccessCollection>(_ raw: Bytes) -> String
    where Bytes.Element == UInt8, Bytes.Index == Int {
        guard containsEncodedWordStart(raw) else { return Charset.decodeUTF8OrFallback(raw) }
        var result = ""
        var pendingBytes = [UInt8]()
        var pendingCharset: String?
        var literalStart = raw.startIndex
        var index = raw.startIndex
        let end = raw.endIndex

        func flushPending() {
            if !pendingBytes.isEmpty || pendingCharset != nil {
                result += Charset.decode(pendingBytes, charset: pendingCharset)
                pendingBytes.removeAll(keepingCapacity: true)
                pendingCharset = nil
            }
        }

        while index < end {
            if raw[index] == UInt8(ascii: "="), index + 1 < end, raw[index + 1] == UInt8(ascii: "?"),
                let word = parseWord(raw, at: index)
            {
                // Literal text between two encoded words that is only whitespace is dropped.
                let literal = raw[literalStart..<index]
                let onlySpace = literal.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }
                if !(onlySpace && pendingCharset != nil) || literal.isEmpty {
                    if !literal.isEmpty {
                        flushPending()
                        result += Charset.decodeUTF8OrFallback(literal)
                        // "[SPAM]=?utf-8?…": a word glued to text after it still reads as a new word.
                        if let last = literal.last, last != 0x20, last != 0x09, last != UInt8(ascii: "="),
                            last != UInt8(ascii: "\""), last != UInt8(ascii: "("), last != UInt8(ascii: "'")
                        {
                            result += " "
                        }
                    }
                }
                let canonical = Charset.canonicalName(word.charset)
                if pendingCharset != nil && pendingCharset != canonical { flushPending() }
                pendingCharset = canonical
                pendingBytes.append(contentsOf: word.bytes)
                index = word.end
                literalStart = index
                continue
            }
            index += 1
        }
        let tail = raw[literalStart..<end]
        flushPending()
        if !tail.isEmpty { result += Charset.decodeUTF8OrFallback(tail) }
        return result
    }

    static func containsEncodedWordStart<Bytes: RandomAccessCollection>(_ raw: Bytes) -> Bool
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var index = raw.startIndex
        while index + 1 < raw.endIndex {
            if raw[index] == UInt8(ascii: "="), raw[index + 1] == UInt8(ascii: "?") { return true }
            index += 1
        }
        return false
    }

    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses one encoded word starting at `start` ("=?"), or nil when it is not one.
    static func parseWord<Bytes: RandomAccessCollection>(_ raw: Bytes, at start: Int) -> Word?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let end = raw.endIndex
        var index = start + 2
        let charsetStart = index
        while index < end, raw[index] != UInt8(ascii: "?") {
            let byte = raw[index]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || index - charsetStart > 40 { return nil }
            index += 1
        }
        guard index + 2 < end, raw[index + 2] == UInt8(ascii: "?") else { return nil }
        let charset = String(decoding: raw[charsetStart..<index], as: UTF8.self)
        let encoding = raw[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q") else { return nil }
        let textStart = index + 3
        var textEnd = textStart
        // The text runs to "?=". Broken mailers put spaces in it, so allow those, but never
        // run into the next encoded word or past the end of a line.
        while textEnd + 1 < end {
            if raw[textEnd] == UInt8(ascii: "?"), raw[textEnd + 1] == UInt8(ascii: "=") { break }
            if raw[textEnd] == UInt8(ascii: "="), raw[textEnd + 1] == UInt8(ascii: "?"),
                textEnd + 2 < end, raw[textEnd + 2] != UInt8(ascii: "=")
            {
                return nil
            }
            if raw[textEnd] == 0x0A || raw[textEnd] == 0x0D { return nil }
            textEnd += 1
        }
        var wordEnd: Int
        if textEnd + 1 < end {
            wordEnd = textEnd + 2
        } else {
            // No "?=": accept the rest of the field as the text (truncated header).
            textEnd = end
            wordEnd = end
        }
        let text = raw[textStart..<textEnd]
        let bytes: [UInt8]
        if encoding == UInt8(ascii: "b") {
            bytes = TransferDecoding.base64(text)
        } else {
            bytes = TransferDecoding.quotedPrintable(Array(text), underscoreIsSpace: true)
        }
        // RFC 2231 language tag: "utf-8*fr".
        var charsetName = charset
        if let star = charsetName.firstIndex(of: "*") { charsetName = String(charsetName[..<star]) }
        if wordEnd > end { wordEnd = end }
        return Word(charset: charsetName, bytes: bytes, end: wordEnd)
    }

    /// Collapses whitespace runs (including folded line breaks) to one space and trims.
    static func collapse(_ text: String) -> String {
        var needsWork = false
        var previousSpace = true
        for byte in text.utf8 {
            let isSpace = byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
            if isSpace && (previousSpace || byte != 0x20) {
                needsWork = true
                break
            }
            previousSpace = isSpace
        }
        if !needsWork && !previousSpace { return text }
        var output = [UInt8]()
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace {
                    output.append(0x20)
                    pendingSpace = false
                }
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
