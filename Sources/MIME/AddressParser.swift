import MailCore

/// Parses address-list fields (From, To, Cc, Reply-To) into `EmailAddress` values, leniently:
/// groups are flattened, comments give a name when there is no phrase, a missing pair of
/// angle brackets or a missing closing bracket is tolerated, display names are RFC 2047 decoded.
public enum AddressParser {
    public static func parse<Bytes: RandomAccessCollection>(_ raw: Bytes) -> [EmailAddress]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var list = ListState()
        var index = raw.startIndex
        let end = raw.endIndex
        while index < end {
            let byte = raw[index]
            if byte == UInt8(ascii: "(") {
                // A comment names the mailbox or follows its name; inside the brackets it is not part of the
                // address, but kept like any comment.
                let (comment, close) = self.comment(in: raw, from: index + 1)
                list.entry.comments.append(comment)
                if !list.inAngle { list.entry.phrase.append(0x20) }
                index = close
            } else if list.inAngle {
                list.takeInAngle(byte)
            } else if byte == UInt8(ascii: "\"") {
                let (text, close) = quoted(in: raw, from: index + 1)
                list.entry.phrase.append(contentsOf: text)
                list.entry.sawQuote = true
                index = close
            } else {
                list.take(byte)
            }
            index += 1
        }
        list.entry.finish(into: &list.result)
        return list.result
    }

    /// The text of a comment whose "(" came just before `start` (nested comments and escapes kept, line
    /// breaks dropped), and the index of its closing ")" (or the end).
    static func comment<Bytes: RandomAccessCollection>(in raw: Bytes, from start: Int) -> (text: [UInt8], close: Int)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let end = raw.endIndex
        var index = start
        var depth = 1
        var comment = [UInt8]()
        while index < end, depth > 0 {
            let inner = raw[index]
            if inner == UInt8(ascii: "\\"), index + 1 < end {
                comment.append(raw[index + 1])
                index += 2
                continue
            }
            if inner == UInt8(ascii: "(") { depth += 1 }
            if inner == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { break }
            }
            if inner != 0x0D && inner != 0x0A { comment.append(inner) }
            index += 1
        }
        return (comment, index)
    }

    /// The content of a quoted string whose opening quote came just before `start` (escapes resolved, line
    /// breaks dropped), and the index of its closing quote (or the end).
    static func quoted<Bytes: RandomAccessCollection>(in raw: Bytes, from start: Int) -> (text: [UInt8], close: Int)
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let end = raw.endIndex
        var index = start
        var text = [UInt8]()
        while index < end, raw[index] != UInt8(ascii: "\"") {
            if raw[index] == UInt8(ascii: "\\"), index + 1 < end { index += 1 }
            if raw[index] != 0x0D && raw[index] != 0x0A { text.append(raw[index]) }
            index += 1
        }
        return (text, index)
    }

    /// The addresses read so far and the entry being read, fed the bytes that are not in quotes or comments.
    struct ListState {
        var result = [EmailAddress]()
        var entry = Entry()
        /// Between "<" and ">".
        var inAngle = false

        mutating func finishEntry() {
            entry.finish(into: &result)
            entry = Entry()
        }

        /// A byte between "<" and ">".
        mutating func takeInAngle(_ byte: UInt8) {
            if byte == UInt8(ascii: ">") {
                inAngle = false
                entry.phraseAtClose = entry.phrase.count
            } else if byte == UInt8(ascii: "\"") {
                // Quoted local part inside brackets: keep the quotes' content.
                entry.angle.append(byte)
            } else if byte == UInt8(ascii: ",") && !entry.angleHasAt() {
                // "<a, b>"? More likely a missing ">": end the entry.
                inAngle = false
                finishEntry()
            } else if byte != 0x0D && byte != 0x0A {
                entry.angle.append(byte)
            }
        }

        /// A byte outside brackets.
        mutating func take(_ byte: UInt8) {
            switch byte {
            case UInt8(ascii: "<"):
                if let close = entry.phraseAtClose, entry.angleHasAt() {
                    // "Bob <bob@x> Bobby <bobby@x>": a second bracketed address with no comma before it
                    // starts a second entry (as Python's email package and notmuch read it), the words
                    // since the first ">" being its name.
                    let name = Array(entry.phrase[close...])
                    entry.phrase.removeSubrange(close...)
                    finishEntry()
                    entry.phrase = name
                }
                inAngle = true
                entry.hasAngle = true
                entry.angle.removeAll()
                entry.angleScan = AtScan()
            case UInt8(ascii: ","):
                finishEntry()
            case UInt8(ascii: ":"):
                // Group name ends here (unless this looks like "mailto:" inside an address).
                if !entry.hasAngle && !entry.phraseHasAt() {
                    entry = Entry()
                } else {
                    entry.phrase.append(byte)
                }
            case UInt8(ascii: ";"):
                finishEntry()
            case 0x0D, 0x0A:
                entry.phrase.append(0x20)
            default:
                entry.phrase.append(byte)
            }
        }
    }

    /// Whether a growing byte buffer holds an "@", looking only at bytes added since the last
    /// question: asking at every comma or colon of a long field must not rescan it each time
    /// (a From of 50 000 "a", "@" and 50 000 "," took minutes before).
    struct AtScan {
        var scanned = 0
        var found = false

        mutating func contains(in bytes: [UInt8]) -> Bool {
            if scanned > bytes.count { self = AtScan() }
            if !found { found = bytes[scanned...].contains(UInt8(ascii: "@")) }
            scanned = bytes.count
            return found
        }
    }

    struct Entry {
        var phrase = [UInt8]()
        var angle = [UInt8]()
        var comments = [[UInt8]]()
        var hasAngle = false
        /// Where `phrase` ended when the bracketed address closed (nil: not closed yet).
        var phraseAtClose: Int?
        var sawQuote = false
        /// Reset whenever `angle` is emptied; `phrase` only grows.
        var angleScan = AtScan()
        var phraseScan = AtScan()

        mutating func angleHasAt() -> Bool { angleScan.contains(in: angle) }
        mutating func phraseHasAt() -> Bool { phraseScan.contains(in: phrase) }

        func finish(into result: inout [EmailAddress]) {
            var address = ""
            var nameBytes = [UInt8]()
            if hasAngle {
                var spec = angle
                // Obsolete source route "@a,@b:user@host".
                if spec.first == UInt8(ascii: "@"), let colon = spec.lastIndex(of: UInt8(ascii: ":")) {
                    spec = Array(spec[(colon + 1)...])
                }
                address = AddressParser.cleanAddress(spec)
                nameBytes = phrase
            } else {
                // No brackets: the last word with an "@" is the address, the rest is the name.
                let words = phrase.split(whereSeparator: HeaderSyntax.isSpace)
                if words.isEmpty { return }
                if let at = words.lastIndex(where: { $0.contains(UInt8(ascii: "@")) }) {
                    address = AddressParser.cleanAddress(Array(words[at]))
                    var rest = [UInt8]()
                    for (position, word) in words.enumerated() where position != at {
                        if !rest.isEmpty { rest.append(0x20) }
                        rest.append(contentsOf: word)
                    }
                    nameBytes = rest
                } else if sawQuote {
                    // Only a quoted name and no address at all.
                    nameBytes = phrase
                } else {
                    address = AddressParser.cleanAddress(phrase)
                }
            }
            var name = EncodedWords.decode(nameBytes)
            // Comments (RFC 5322 §3.2.2) name the mailbox when there is no phrase, and are kept
            // after it in parentheses when there is one, as mail clients show them.
            let commentText = EncodedWords.collapse(
                comments.map { EncodedWords.decode($0) }.filter { !$0.isEmpty }.joined(separator: " "))
            if !commentText.isEmpty { name = name.isEmpty ? commentText : "\(name) (\(commentText))" }
            if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") { name = String(name.dropFirst().dropLast()) }
            if address.isEmpty && name.isEmpty { return }
            result.append(EmailAddress(name: name.isEmpty ? nil : name, address: address))
        }
    }

    static func cleanAddress(_ bytes: [UInt8]) -> String {
        let trimmed = bytes.filter { !HeaderSyntax.isSpace($0) }
        var end = trimmed.count
        while end > 0,
            trimmed[end - 1] == UInt8(ascii: ".") || trimmed[end - 1] == UInt8(ascii: ">")
                || trimmed[end - 1] == UInt8(ascii: "'")
        { end -= 1 }
        // Indices, not removeFirst: an address of a million "<" must not cost a million shifts.
        var start = 0
        while start < end, trimmed[start] == UInt8(ascii: "<") || trimmed[start] == UInt8(ascii: "'") { start += 1 }
        return EncodedWords.decode(Array(trimmed[start..<end]))
    }
}
