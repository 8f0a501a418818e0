/// The bytes of one complete server response: its lines with CRLF and any literals inline.
public struct ResponseFrame: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// A one-line rendering for tracing: literal contents are replaced by their size and control
    /// characters are escaped, so a trace never dumps a message body or breaks the terminal.
    public var traceDescription: String {
        var out = ""
        var i = 0
        let b = bytes
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "{"), let (size, after) = Self.literalHeader(b, at: i) {
                out += "{\(size)}"
                out += "<\(size) bytes>"
                i = min(b.count, after + size)
                continue
            }
            if c == 0x0D || c == 0x0A {
                i += 1
                continue
            }
            if c < 0x20 || c == 0x7F {
                out += "\\x" + String(c, radix: 16)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(c))
            }
            if out.utf8.count > 2000 {
                out += "…"
                break
            }
            i += 1
        }
        return out
    }

    /// If `{n}` or `{n+}` ending a line starts at `i`, its size and the index where its bytes begin.
    static func literalHeader(_ b: [UInt8], at i: Int) -> (Int, Int)? {
        var j = i + 1
        var size = 0
        var digits = 0
        while j < b.count, b[j] >= 0x30, b[j] <= 0x39, digits < 12 {
            size = size * 10 + Int(b[j] - 0x30)
            j += 1
            digits += 1
        }
        guard digits > 0, j < b.count else { return nil }
        if b[j] == UInt8(ascii: "+") || b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < b.count, b[j] == UInt8(ascii: "}") else { return nil }
        j += 1
        if j < b.count, b[j] == 0x0D { j += 1 }
        guard j < b.count, b[j] == 0x0A else { return nil }
        return (size, j + 1)
    }
}
