import MailCore

/// Parses address-list fields (From, To, Cc, Reply-To) into `EmailAddress` values, leniently:
/// groups are flattened, comments give a name when there is no phrase, a missing pair of
/// angle brackets or a missing closing bracket is tolerated, display names are RFC 2047 decoded.
public enum AddressParser {
    public static func parse<Bytes: RandomAccessCollection>(_ raw: Bytes) -> [EmailAddress]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var result = [EmailAddress]()
        var entry = Entry()
        var index = raw.startIndex
        let end = raw.endIndex
        var inAngle = false
        while index < end {
            let byte = raw[index]
            if inAngle {
                if byte == UInt8(ascii: ">") {
                    inAngle = false
                    entry.phraseAtClose = entry.phrase.count
                } else if byte == UInt8(ascii: "(") {
                    // A comment inside the address: not part of it, but kept like any comment.
                    var depth = 1
                    index += 1
                    var comment = [UInt8]()
                    while index < end, depth > 0 {
                        let inner = raw[index]
                        if inner == UInt8(ascii: "\\"), index + 1 < end { comment.append(raw[index + 1]); index += 2; continue }
                        if inner == UInt8(ascii: "(") { depth += 1 }
                        if inner == UInt8(ascii: ")") { depth -= 1 }
                        if depth > 0 {
                            if inner != 0x0D && inner != 0x0A { comment.append(inner) }
                            index += 1
                        }
                    }
                    entry.comments.append(comment)
                } else if byte == UInt8(ascii: "\"") {
                    // Quoted local part inside brackets: keep the quotes' content.
                    entry.angle.append(byte)
                } else if byte == UInt8(ascii: ",") && !entry.angleHasAt() {
                    // "<a, b>"? More likely a missing ">": end the entry.
                    inAngle = false
                    entry.finish(into: &result)
                    entry = Entry()
                } else if byte != 0x0D && byte != 0x0A {
                    entry.angle.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                while index < end, raw[index] != UInt8(ascii: "\"") {
                    if raw[index] == UInt8(ascii: "\\"), index + 1 < end { index += 1 }
                    if raw[index] != 0x0D && raw[index] != 0x0A { entry.phrase.append(raw[index]) }
                    index += 1
                }
                entry.sawQuote = true
                index += 1
                continue
            case UInt8(ascii: "("):
                var depth = 1
                index += 1
                var comment = [UInt8]()
                while index < end, depth > 0 {
                    let inner = raw[index]
                    if inner == UInt8(ascii: "\\"), index + 1 < end {
                        comment.append(raw[index + 1]); index += 2; continue
                    }
                    if inner == UInt8(ascii: "(") { depth += 1 }
                    if inner == UInt8(ascii: ")") { depth -= 1; if depth == 0 { break } }
                    if inner != 0x0D && inner != 0x0A { comment.append(inner) }
                    index += 1
                }
                entry.comments.append(comment)
                entry.phrase.append(0x20)
                index += 1
                continue
            case UInt8(ascii: "<"):
                if let close = entry.phraseAtClose, entry.angleHasAt() {
                    // "Bob <bob@x> Bobby <bobby@x>": a second bracketed address with no comma before it
                    // starts a second entry (as Python's email package and notmuch read it), the words
                    // since the first ">" being its name.
                    let name = Array(entry.phrase[close...])
                    entry.phrase.removeSubrange(close...)
                    entry.finish(into: &result)
                    entry = Entry()
                    entry.phrase = name
                }
                inAngle = true
                entry.hasAngle = true
                entry.angle.removeAll()
                entry.angleScan = AtScan()
            case UInt8(ascii: ","):
                entry.finish(into: &result)
                entry = Entry()
            case UInt8(ascii: ":"):
                // Group name ends here (unless this looks like "mailto:" inside an address).
                if !entry.hasAngle && !entry.phraseHasAt() {
                    entry = Entry()
                } else {
                    entry.phrase.append(byte)
                }
            case UInt8(ascii: ";"):
                entry.finish(into: &result)
                entry = Entry()
            case 0x0D, 0x0A:
                entry.phrase.append(0x20)
            default:
                entry.phrase.append(byte)
            }
            index += 1
        }
        entry.finish(into: &result)
        return result
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
            let commentText = EncodedWords.collapse(comments.map { EncodedWords.decode($0) }.filter { !$0.isEmpty }.joined(separator: " "))
            if !commentText.isEmpty { name = name.isEmpty ? commentText : "\(name) (\(commentText))" }
            if name.count >= 2, name.hasPrefix("'"), name.hasSuffix("'") { name = String(name.dropFirst().dropLast()) }
            if address.isEmpty && name.isEmpty { return }
            result.append(EmailAddress(name: name.isEmpty ? nil : name, address: address))
        }
    }

    static func cleanAddress(_ bytes: [UInt8]) -> String {
        let trimmed = bytes.filter { !HeaderSyntax.isSpace($0) }
        var end = trimmed.count
        while end > 0, trimmed[end - 1] == UInt8(ascii: ".") || trimmed[end - 1] == UInt8(ascii: ">") || trimmed[end - 1] == UInt8(ascii: "'") { end -= 1 }
        // Indices, not removeFirst: an address of a million "<" must not cost a million shifts.
        var start = 0
        while start < end, trimmed[start] == UInt8(ascii: "<") || trimmed[start] == UInt8(ascii: "'") { start += 1 }
        return EncodedWords.decode(Array(trimmed[start..<end]))
    }
}
