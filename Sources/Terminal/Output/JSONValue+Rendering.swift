extension JSONValue {
    /// How JSON text is laid out.
    public enum Layout: Sendable, Hashable {
        /// One line, no spaces: `{"a":1,"b":[true,null]}`.
        case compact
        /// Two-space indentation, `"key": value`, one member per line; empty containers as `{}` / `[]`.
        case pretty
    }

    /// The JSON text of this value, without a trailing newline.
    public func rendered(_ layout: Layout = .compact) -> String {
        rendered(layout, newline: false)
    }

    /// The JSON text, with a newline after it when `newline` (added to the bytes, not by copying
    /// the finished text into a second string: `search --json` prints hundreds of hits).
    func rendered(_ layout: Layout, newline: Bool) -> String {
        var bytes: [UInt8] = []
        write(into: &bytes, layout: layout, depth: 0)
        if newline { bytes.append(UInt8(ascii: "\n")) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Written as UTF-8 bytes and made a `String` once: appending to a `String` piece by piece
    /// cost a tenth of `search --json`'s whole run.
    private func write(into bytes: inout [UInt8], layout: Layout, depth: Int) {
        switch self {
        case .null: bytes += "null".utf8
        case .bool(let value): bytes += (value ? "true" : "false").utf8
        case .int(let value): bytes += String(value).utf8
        case .double(let value): bytes += Self.number(value).utf8
        case .string(let value): Self.quote(value, into: &bytes)
        case .array(let elements):
            guard !elements.isEmpty else {
                bytes += "[]".utf8
                return
            }
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.newline(&bytes, layout: layout, depth: depth + 1)
                element.write(into: &bytes, layout: layout, depth: depth + 1)
            }
            Self.newline(&bytes, layout: layout, depth: depth)
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                bytes += "{}".utf8
                return
            }
            bytes.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.newline(&bytes, layout: layout, depth: depth + 1)
                Self.quote(member.0, into: &bytes)
                bytes += (layout == .pretty ? ": " : ":").utf8
                member.1.write(into: &bytes, layout: layout, depth: depth + 1)
            }
            Self.newline(&bytes, layout: layout, depth: depth)
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ bytes: inout [UInt8], layout: Layout, depth: Int) {
        guard layout == .pretty else { return }
        bytes.append(UInt8(ascii: "\n"))
        bytes += repeatElement(UInt8(ascii: " "), count: 2 * depth)
    }

    /// A double in Swift's shortest round-trip form, which is valid JSON; `null` when not finite.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        return String(value)
    }

    /// `value` as a JSON string literal (RFC 8259 §7): `"` and `\` escaped, control characters
    /// as `\n`, `\t`… or `\u00XX`, U+2028 and U+2029 escaped so the text is also valid
    /// JavaScript; everything else as UTF-8.
    ///
    /// Works on the UTF-8 bytes and copies the runs between escapes whole.
    static func quote(_ value: String, into bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { source in
            var runStart = 0
            var index = 0
            while index < source.count {
                let byte = source[index]
                // Most bytes need no escape: pass over them before looking at which escape it is.
                if byte >= 0x20 && byte != 0x22 && byte != 0x5C && byte != 0xE2 {
                    index += 1
                    continue
                }
                let escape: String
                var width = 1
                switch byte {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0x08: escape = "\\b"
                case 0x0C: escape = "\\f"
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    escape = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                case 0xE2
                where index + 2 < source.count && source[index + 1] == 0x80
                    && (source[index + 2] == 0xA8 || source[index + 2] == 0xA9):
                    escape = source[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                bytes += escape.utf8
                index += width
                runStart = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
