/// A cursor over one response frame with the primitive tokens of RFC 9051 §9: atoms, numbers,
/// quoted strings, literals, NIL. Every failure is an `IMAPProtocolError`, never a trap.
struct ParseBuffer {
    let bytes: [UInt8]
    var index: Int = 0
    /// Depth limit for nested lists, so a hostile `((((((…` cannot exhaust the stack.
    static let maxNesting = 64

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { index >= bytes.count }
    var atLineEnd: Bool { atEnd || bytes[index] == 0x0D || bytes[index] == 0x0A }
    func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    func error(_ expected: String) -> IMAPProtocolError {
        let lo = max(0, index - 30)
        let hi = min(bytes.count, index + 30)
        var excerpt = ""
        for b in bytes[lo..<hi] {
            if b >= 0x20 && b < 0x7F {
                excerpt.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                excerpt += "\\x" + String(b, radix: 16)
            }
        }
        return .malformed(expected: expected, excerpt: excerpt)
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(IMAPProtocolError) {
        guard peek() == byte else { throw error(what) }
        index += 1
    }
    mutating func consume(_ byte: UInt8) -> Bool {
        if peek() == byte {
            index += 1
            return true
        }
        return false
    }
    mutating func space() throws(IMAPProtocolError) {
        try expect(0x20, "a space")
        // Tolerate servers that send two spaces.
        while peek() == 0x20 { index += 1 }
    }
    mutating func skipSpaces() { while peek() == 0x20 { index += 1 } }

    /// True (and consumed) when the next word is `word`, case-insensitively, followed by a delimiter.
    mutating func consumeKeyword(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard index + w.count <= bytes.count else { return false }
        for (k, c) in w.enumerated() where Self.upper(bytes[index + k]) != c { return false }
        let next = index + w.count < bytes.count ? bytes[index + w.count] : 0x0D
        guard !Self.isAtomChar(next) || w.last == UInt8(ascii: "[") else { return false }
        index += w.count
        return true
    }

    static func upper(_ c: UInt8) -> UInt8 { c >= 0x61 && c <= 0x7A ? c - 0x20 : c }
    /// ATOM-CHAR: any CHAR except atom-specials `( ) { SP CTL % * " \ ]`.
    static func isAtomChar(_ c: UInt8) -> Bool {
        switch c {
        case 0x00...0x20, 0x7F, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "%"),
            UInt8(ascii: "*"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]"):
            return false
        default:
            return c < 0x80
        }
    }

    /// A run of bytes satisfying `accept`; at least one.
    mutating func token(_ what: String, _ accept: (UInt8) -> Bool) throws(IMAPProtocolError) -> [UInt8] {
        let start = index
        while index < bytes.count && accept(bytes[index]) { index += 1 }
        guard index > start else { throw error(what) }
        return Array(bytes[start..<index])
    }

    mutating func atom() throws(IMAPProtocolError) -> String {
        String(decoding: try token("an atom", Self.isAtomChar), as: UTF8.self)
    }

    /// A flag or attribute: `\Seen`, `\*`, `$Forwarded`, `Junk`.
    mutating func flagToken() throws(IMAPProtocolError) -> String {
        let start = index
        _ = consume(UInt8(ascii: "\\"))
        if consume(UInt8(ascii: "*")) { return "\\*" }
        while index < bytes.count && Self.isAtomChar(bytes[index]) { index += 1 }
        guard index > start else { throw error("a flag") }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func number64() throws(IMAPProtocolError) -> UInt64 {
        let digits = try token("a number", { $0 >= 0x30 && $0 <= 0x39 })
        guard digits.count <= 20 else { throw error("a number that fits 64 bits") }
        var value: UInt64 = 0
        for d in digits {
            let (t, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = t.addingReportingOverflow(UInt64(d - 0x30))
            guard !o1 && !o2 else { throw error("a number that fits 64 bits") }
            value = s
        }
        return value
    }
    mutating func number32() throws(IMAPProtocolError) -> UInt32 {
        let v = try number64()
        guard v <= UInt64(UInt32.max) else { throw error("a 32-bit number") }
        return UInt32(v)
    }
    /// nz-number (UIDs, UIDVALIDITY): 0 is refused.
    mutating func nzNumber32() throws(IMAPProtocolError) -> UInt32 {
        let v = try number32()
        guard v != 0 else { throw error("a non-zero number") }
        return v
    }

    mutating func quoted() throws(IMAPProtocolError) -> [UInt8] {
        try expect(UInt8(ascii: "\""), "a quoted string")
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw error("the end of a quoted string") }
            index += 1
            switch c {
            case UInt8(ascii: "\""): return out
            case UInt8(ascii: "\\"):
                guard let e = peek() else { throw error("an escaped character") }
                out.append(e)
                index += 1
            case 0x0D, 0x0A: throw error("the end of a quoted string before the line ends")
            default: out.append(c)
            }
        }
    }

    /// `{n}CRLF` followed by n bytes (the framer guaranteed they are present).
    mutating func literal() throws(IMAPProtocolError) -> [UInt8] {
        try expect(UInt8(ascii: "{"), "a literal")
        let size = try number64()
        _ = consume(UInt8(ascii: "+"))
        try expect(UInt8(ascii: "}"), "the end of a literal size")
        _ = consume(0x0D)
        try expect(0x0A, "a line end after a literal size")
        guard size <= UInt64(bytes.count - index) else { throw error("\(size) literal bytes") }
        let out = Array(bytes[index..<(index + Int(size))])
        index += Int(size)
        return out
    }

    mutating func string() throws(IMAPProtocolError) -> [UInt8] {
        switch peek() {
        case UInt8(ascii: "\""): return try quoted()
        case UInt8(ascii: "{"): return try literal()
        default: throw error("a string")
        }
    }

    mutating func nstring() throws(IMAPProtocolError) -> [UInt8]? {
        if consumeKeyword("NIL") { return nil }
        return try string()
    }

    /// astring: atom (with `]` allowed, RFC 9051 ASTRING-CHAR) or string.
    mutating func astring() throws(IMAPProtocolError) -> [UInt8] {
        if peek() == UInt8(ascii: "\"") || peek() == UInt8(ascii: "{") { return try string() }
        return try token("an astring", { Self.isAtomChar($0) || $0 == UInt8(ascii: "]") })
    }

    /// The rest of the line as text (lossy UTF-8), without the line end.
    mutating func restOfLine() -> String {
        let start = index
        while index < bytes.count && bytes[index] != 0x0D && bytes[index] != 0x0A { index += 1 }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func lineEnd() throws(IMAPProtocolError) {
        skipSpaces()
        _ = consume(0x0D)
        guard consume(0x0A) || atEnd else { throw error("the end of the line") }
    }

    /// Skips one value of any shape (atom, number, string, literal, NIL, nested list), for
    /// attributes and extension data we do not read.
    mutating func skipValue(depth: Int = 0) throws(IMAPProtocolError) {
        guard depth < Self.maxNesting else { throw error("lists nested less than \(Self.maxNesting) deep") }
        switch peek() {
        case UInt8(ascii: "("):
            index += 1
            skipSpaces()
            while !consume(UInt8(ascii: ")")) {
                guard !atLineEnd else { throw error("the end of a list") }
                try skipValue(depth: depth + 1)
                skipSpaces()
            }
        case UInt8(ascii: "\""): _ = try quoted()
        case UInt8(ascii: "{"): _ = try literal()
        case nil: throw error("a value")
        default:
            // Atoms, numbers, flags, and section tokens like BODY[HEADER.FIELDS (A B)]<0>.
            let start = index
            while let c = peek(), c != 0x20, c != UInt8(ascii: ")"), c != 0x0D, c != 0x0A, c != UInt8(ascii: "(") {
                if c == UInt8(ascii: "[") {
                    index += 1
                    while let d = peek(), d != UInt8(ascii: "]") {
                        guard d != 0x0D && d != 0x0A else { throw error("the end of a section") }
                        index += 1
                    }
                }
                index += 1
            }
            guard index > start else { throw error("a value") }
        }
    }

    /// `(` item *(SP item) `)`, or `()`.
    mutating func list<T>(_ item: (inout ParseBuffer) throws(IMAPProtocolError) -> T) throws(IMAPProtocolError) -> [T] {
        try expect(UInt8(ascii: "("), "a list")
        var out: [T] = []
        skipSpaces()
        while !consume(UInt8(ascii: ")")) {
            guard !atLineEnd else { throw error("the end of a list") }
            out.append(try item(&self))
            skipSpaces()
        }
        return out
    }
}
