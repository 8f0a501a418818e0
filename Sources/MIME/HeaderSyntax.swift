/// Shared lexical helpers for structured header fields (RFC 5322 §3.2).
enum HeaderSyntax {
    @inline(__always) static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Replaces (nested) comments outside quoted strings with a space.
    static func stripComments<Bytes: RandomAccessCollection>(_ raw: Bytes) -> [UInt8]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var output = [UInt8]()
        output.reserveCapacity(raw.count)
        var depth = 0
        var inQuote = false
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            if inQuote {
                output.append(byte)
                if byte == UInt8(ascii: "\\"), index + 1 < raw.endIndex {
                    output.append(raw[index + 1])
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "\"") { inQuote = false }
            } else if depth > 0 {
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                if byte == UInt8(ascii: "(") { depth += 1 }
                if byte == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 { output.append(0x20) }
                }
            } else if byte == UInt8(ascii: "(") {
                depth = 1
            } else {
                if byte == UInt8(ascii: "\"") { inQuote = true }
                output.append(byte)
            }
            index += 1
        }
        return output
    }

    /// Reads a quoted string starting at the opening quote; returns its unescaped content and
    /// leaves `index` after the closing quote (or at the end when it is missing).
    static func readQuoted(_ bytes: [UInt8], at index: inout Int) -> [UInt8] {
        var output = [UInt8]()
        index += 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
                output.append(bytes[index + 1])
                index += 2
                continue
            }
            if byte == UInt8(ascii: "\"") {
                index += 1
                return output
            }
            if byte != 0x0A && byte != 0x0D { output.append(byte) }
            index += 1
        }
        return output
    }
}
