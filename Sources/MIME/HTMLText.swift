/// HTML to readable plain text: block elements become line breaks, list items get a marker,
/// entities (named and numeric) are decoded, and script, style, head and comments vanish.
/// One pass over the UTF-8 bytes.
public enum HTMLText {
    public static func convert(_ html: String) -> String {
        convert(html, limit: .max)
    }

    /// The text of `html`, at most `limit` UTF-8 bytes of it: conversion stops once that much
    /// text is out, so a huge page costs no more than the text kept.
    public static func convert(_ html: String, limit: Int) -> String {
        var converter = Converter()
        converter.limit = limit
        var source = html
        source.withUTF8 { converter.run($0) }
        let text = converter.finish()
        return limit == .max ? text : text.utf8Prefix(limit)
    }

    /// `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` near the start of a page.
    static func metaCharset(_ bytes: [UInt8]) -> String? {
        let window = bytes.prefix(2048).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        let needle = Array("charset=".utf8)
        guard window.count >= needle.count else { return nil }
        var index = 0
        while index + needle.count <= window.count {
            if window[index] == needle[0], Array(window[index..<(index + needle.count)]) == needle {
                var start = index + needle.count
                while start < window.count, window[start] == UInt8(ascii: "\"") || window[start] == UInt8(ascii: "'") {
                    start += 1
                }
                var stop = start
                while stop < window.count, window[stop] != UInt8(ascii: "\""), window[stop] != UInt8(ascii: "'"),
                    window[stop] != UInt8(ascii: ";"), window[stop] != UInt8(ascii: ">"),
                    !HeaderSyntax.isSpace(window[stop])
                { stop += 1 }
                if stop > start { return String(decoding: window[start..<stop], as: UTF8.self) }
                return nil
            }
            index += 1
        }
        return nil
    }

    static let blockTags: Set<String> = [
        "p", "div", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
        "ul", "ol", "dl", "dt", "dd", "section", "article", "header", "footer", "address",
        "center", "form", "fieldset", "nav", "aside", "main", "figure", "figcaption",
        "tbody", "thead", "tfoot", "caption", "body", "html", "hr", "li", "title",
    ]
    static let paragraphTags: Set<String> = [
        "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table", "pre", "dl",
    ]
    /// Elements whose content is never shown.
    static let hiddenTags: Set<String> = [
        "script", "style", "head", "noscript", "template", "svg", "object", "title", "xml", "o:p-hidden",
    ]

    struct Converter {
        var output = [UInt8]()
        var pendingSpace = false
        /// Newlines owed before the next text (0, 1 or 2).
        var pendingBreaks = 0
        var preDepth = 0
        var lists = [(ordered: Bool, counter: Int)]()
        /// Output bytes past which the rest of the input is not read.
        var limit = Int.max

        mutating func run(_ input: UnsafeBufferPointer<UInt8>) {
            output.reserveCapacity(min(input.count / 2, limit))
            var index = 0
            let end = input.count
            while index < end, output.count <= limit {
                let byte = input[index]
                if byte == UInt8(ascii: "<") {
                    index = tag(input, at: index)
                    continue
                }
                if byte == UInt8(ascii: "&") {
                    index = entity(input, at: index)
                    continue
                }
                if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C {
                    if preDepth > 0 {
                        if byte == 0x0A { emitRaw(0x0A) } else if byte != 0x0D { emitRaw(0x20) }
                    } else {
                        pendingSpace = true
                    }
                    index += 1
                    continue
                }
                emitText(byte)
                index += 1
            }
        }

        mutating func flushPending() {
            if pendingBreaks > 0 {
                if !output.isEmpty {
                    // Drop trailing spaces before a break.
                    while output.last == 0x20 { output.removeLast() }
                    var existing = 0
                    var probe = output.count - 1
                    while probe >= 0, output[probe] == 0x0A, existing < 2 {
                        existing += 1
                        probe -= 1
                    }
                    for _ in existing..<max(existing, pendingBreaks) { output.append(0x0A) }
                }
                pendingBreaks = 0
                pendingSpace = false
            } else if pendingSpace {
                if let last = output.last, last != 0x0A, last != 0x20 { output.append(0x20) }
                pendingSpace = false
            }
        }

        @inline(__always) mutating func emitText(_ byte: UInt8) {
            if pendingBreaks > 0 || pendingSpace { flushPending() }
            output.append(byte)
        }

        mutating func emitRaw(_ byte: UInt8) {
            if pendingBreaks > 0 || pendingSpace { flushPending() }
            output.append(byte)
        }

        mutating func emitString(_ text: String) {
            for byte in text.utf8 { emitText(byte) }
        }

        mutating func requestBreaks(_ count: Int) {
            pendingBreaks = max(pendingBreaks, count)
        }

        /// Handles a tag (or comment, doctype) starting at `start`; returns the index after it.
        mutating func tag(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
            let end = input.count
            var index = start + 1
            guard index < end else {
                emitText(UInt8(ascii: "<"))
                return end
            }
            // Comments and declarations.
            if input[index] == UInt8(ascii: "!") {
                if index + 2 < end, input[index + 1] == UInt8(ascii: "-"), input[index + 2] == UInt8(ascii: "-") {
                    var probe = index + 3
                    while probe + 2 < end {
                        if input[probe] == UInt8(ascii: "-"), input[probe + 1] == UInt8(ascii: "-"),
                            input[probe + 2] == UInt8(ascii: ">")
                        {
                            return probe + 3
                        }
                        probe += 1
                    }
                    return end
                }
                while index < end, input[index] != UInt8(ascii: ">") { index += 1 }
                return min(end, index + 1)
            }
            if input[index] == UInt8(ascii: "?") {
                while index < end, input[index] != UInt8(ascii: ">") { index += 1 }
                return min(end, index + 1)
            }
            var closing = false
            if input[index] == UInt8(ascii: "/") {
                closing = true
                index += 1
            }
            let nameStart = index
            while index < end {
                let byte = input[index]
                let isNameByte =
                    (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                    || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "-")
                if !isNameByte { break }
                index += 1
            }
            if index == nameStart {
                // "a < b": not a tag.
                emitText(UInt8(ascii: "<"))
                return start + 1
            }
            var name = [UInt8]()
            name.reserveCapacity(index - nameStart)
            for offset in nameStart..<index {
                let byte = input[offset]
                name.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
            }
            let nameString = String(decoding: name, as: UTF8.self)
            // Attributes: skip to ">" honouring quotes.
            var attributesStart = index
            var quote: UInt8 = 0
            while index < end {
                let byte = input[index]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                } else if byte == UInt8(ascii: ">") {
                    break
                }
                index += 1
            }
            let tagEnd = min(end, index + 1)
            if attributesStart > index { attributesStart = index }
            if !closing, HTMLText.hiddenTags.contains(nameString) {
                // Skip to the matching close tag.
                return skipElement(input, from: tagEnd, name: name)
            }
            handle(nameString, closing: closing, attributes: input, attributesRange: attributesStart..<index)
            return tagEnd
        }

        mutating func skipElement(_ input: UnsafeBufferPointer<UInt8>, from start: Int, name: [UInt8]) -> Int {
            let end = input.count
            var index = start
            while index + 1 < end {
                if input[index] == UInt8(ascii: "<"), input[index + 1] == UInt8(ascii: "/") {
                    var matched = true
                    for (offset, expected) in name.enumerated() {
                        let position = index + 2 + offset
                        if position >= end || (input[position] | 0x20) != (expected | 0x20) {
                            matched = false
                            break
                        }
                    }
                    if matched {
                        var probe = index + 2 + name.count
                        while probe < end, input[probe] != UInt8(ascii: ">") { probe += 1 }
                        return min(end, probe + 1)
                    }
                }
                index += 1
            }
            return end
        }

        mutating func handle(
            _ name: String, closing: Bool, attributes: UnsafeBufferPointer<UInt8>, attributesRange: Range<Int>
        ) {
            switch name {
            case "br":
                if pendingBreaks > 0 || pendingSpace { flushPending() }
                while output.last == 0x20 { output.removeLast() }
                output.append(0x0A)
                pendingSpace = false
            case "li":
                if closing {
                    requestBreaks(1)
                    return
                }
                requestBreaks(1)
                flushPending()
                if var list = lists.last, list.ordered {
                    list.counter += 1
                    lists[lists.count - 1] = list
                    emitString("\(list.counter). ")
                } else {
                    emitString("- ")
                }
                pendingSpace = false
            case "ul", "ol":
                if closing {
                    if !lists.isEmpty { lists.removeLast() }
                } else {
                    lists.append((name == "ol", 0))
                }
                requestBreaks(lists.isEmpty ? 2 : 1)
            case "pre":
                preDepth += closing ? (preDepth > 0 ? -1 : 0) : 1
                requestBreaks(2)
            case "td", "th":
                if closing { pendingSpace = true } else if let last = output.last, last != 0x0A { pendingSpace = true }
            case "hr":
                requestBreaks(1)
                flushPending()
                emitString("----------")
                requestBreaks(1)
            case "img":
                // Alt text stands in for the picture only when it says something.
                break
            default:
                if HTMLText.paragraphTags.contains(name) {
                    requestBreaks(2)
                } else if HTMLText.blockTags.contains(name) {
                    requestBreaks(1)
                }
            }
        }

        /// Decodes an entity at `start` ("&amp;", "&#233;", "&#xE9;"); unknown ones stay literal.
        mutating func entity(_ input: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
            let end = input.count
            var index = start + 1
            if index < end, input[index] == UInt8(ascii: "#") {
                index += 1
                var hex = false
                if index < end, input[index] | 0x20 == UInt8(ascii: "x") {
                    hex = true
                    index += 1
                }
                var value: UInt32 = 0
                var digits = 0
                while index < end, digits < 8 {
                    let byte = input[index]
                    if let digit = hex
                        ? TransferDecoding.hexValue(byte).map(UInt32.init)
                        : (byte >= 0x30 && byte <= 0x39 ? UInt32(byte - 0x30) : nil)
                    {
                        value = value * (hex ? 16 : 10) + digit
                        digits += 1
                        index += 1
                    } else {
                        break
                    }
                }
                guard digits > 0 else {
                    emitText(UInt8(ascii: "&"))
                    return start + 1
                }
                if index < end, input[index] == UInt8(ascii: ";") { index += 1 }
                // Windows-1252 code points written as numeric references (&#146;) are common.
                if value >= 0x80 && value <= 0x9F {
                    value = UInt32(SingleByteTables.t_windows_1252[Int(value) - 0x80])
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                emitScalar(scalar)
                return index
            }
            let nameStart = index
            while index < end, index - nameStart < 10 {
                let byte = input[index]
                if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39) {
                    index += 1
                } else {
                    break
                }
            }
            let name = String(decoding: UnsafeBufferPointer(rebasing: input[nameStart..<index]), as: UTF8.self)
            if let scalar = HTMLEntities.named[name] {
                if index < end, input[index] == UInt8(ascii: ";") { index += 1 }
                emitScalar(scalar)
                return index
            }
            emitText(UInt8(ascii: "&"))
            return start + 1
        }

        mutating func emitScalar(_ scalar: Unicode.Scalar) {
            if scalar == "\u{A0}" {
                // A non-breaking space reads as a space.
                if preDepth > 0 { emitRaw(0x20) } else { pendingSpace = true }
                return
            }
            for byte in String(scalar).utf8 { emitText(byte) }
        }

        mutating func finish() -> String {
            // Trim trailing spaces on each line, at most one blank line in a row, trim the ends.
            var cleaned = [UInt8]()
            cleaned.reserveCapacity(output.count)
            var newlines = 0
            for byte in output {
                if byte == 0x0A {
                    while cleaned.last == 0x20 { cleaned.removeLast() }
                    newlines += 1
                    if newlines <= 2 && !cleaned.isEmpty { cleaned.append(0x0A) }
                } else {
                    if byte == 0x20 && (cleaned.last == 0x0A || cleaned.isEmpty) && preDepth == 0 && newlines > 0 {
                        continue
                    }
                    newlines = 0
                    cleaned.append(byte)
                }
            }
            while let last = cleaned.last, last == 0x0A || last == 0x20 { cleaned.removeLast() }
            return String(decoding: cleaned, as: UTF8.self)
        }
    }
}
