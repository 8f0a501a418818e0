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
        var text = ""
        write(into: &text, layout: layout, depth: 0)
        return text
    }

    private func write(into text: inout String, layout: Layout, depth: Int) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .int(let value): text += String(value)
        case .double(let value): text += Self.number(value)
        case .string(let value): Self.quote(value, into: &text)
        case .array(let elements):
            guard !elements.isEmpty else {
                text += "[]"
                return
            }
            text += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { text += "," }
                Self.newline(&text, layout: layout, depth: depth + 1)
                element.write(into: &text, layout: layout, depth: depth + 1)
            }
            Self.newline(&text, layout: layout, depth: depth)
            text += "]"
        case .object(let members):
            guard !members.isEmpty else {
                text += "{}"
                return
            }
            text += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { text += "," }
                Self.newline(&text, layout: layout, depth: depth + 1)
                Self.quote(member.0, into: &text)
                text += layout == .pretty ? ": " : ":"
                member.1.write(into: &text, layout: layout, depth: depth + 1)
            }
            Self.newline(&text, layout: layout, depth: depth)
            text += "}"
        }
    }

    private static func newline(_ text: inout String, layout: Layout, depth: Int) {
        guard layout == .pretty else { return }
        text += "\n"
        text += String(repeating: "  ", count: depth)
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
    /// Works on the UTF-8 bytes and copies the runs between escapes whole: appending scalar by
    /// scalar made this most of `search --json`'s time.
    static func quote(_ value: String, into text: inout String) {
        text += "\""
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            func flush() {
                guard runStart < index else { return }
                text += String(decoding: UnsafeBufferPointer(rebasing: bytes[runStart..<index]), as: UTF8.self)
            }
            while index < bytes.count {
                let byte = bytes[index]
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
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                    && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    escape = bytes[index + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    index += 1
                    continue
                }
                flush()
                text += escape
                index += width
                runStart = index
            }
            flush()
        }
        text += "\""
    }
}
