/// Finds where the quoted history starts in an HTML reply and cuts it off, so only the new part
/// is converted to text.
enum HTMLQuoteCutter {
    /// Markers, lower-case, of the element that holds the quoted message in common clients.
    static let markers: [String] = [
        "<div class=\"gmail_quote", "<div class=gmail_quote", "<blockquote class=\"gmail_quote",
        "<div class=\"gmail_extra",
        "<blockquote type=\"cite\"", "<blockquote type=cite", "<div id=\"divrplyfwdmsg\"", "<div id=divrplyfwdmsg",
        "<div id=\"olk_src_body_section\"", "<div id=\"appendonsend\"", "<div class=\"moz-cite-prefix\"",
        "<div class=\"yahoo_quoted\"",
        "<div class=\"ymail_quoted", "<div id=\"mail-editor-reference-message-container\"", "<hr id=\"stopspelling\"",
        "<div class=\"protonmail_quote\"", "<blockquote class=\"protonmail_quote\"", "<div id=\"reply-intro\"",
        "<div class=\"zmail_extra\"", "<div style=\"border:none;border-top:solid #b5c4df 1.0pt",
        "<div style='border:none;border-top:solid #b5c4df 1.0pt",
        "<div style=\"border:none;border-top:solid #e1e1e1 1.0pt", "-----original message-----",
        "<span id=\"olk_src_body_section\"",
        "<div class=\"mail-quote", "<div data-marker=\"__quoted_content__\"", "<blockquote style=\"border-left:",
        "<div class=\"quote\"",
    ]

    static let markerBytes: [[UInt8]] = markers.map { Array($0.utf8) }

    static func cut(_ html: String) -> String {
        let bytes = Array(html.utf8)
        guard let cutAt = cutIndex(bytes) else { return html }
        return String(decoding: bytes[..<cutAt], as: UTF8.self)
    }

    /// What follows the quoting element, when the author wrote below it (a forwarded message
    /// commented underneath): nil when the cut is not at an element or nothing follows it.
    static func afterQuote(_ html: String) -> String? {
        let bytes = Array(html.utf8)
        guard let start = cutIndex(bytes), bytes[start] == UInt8(ascii: "<") else { return nil }
        var nameEnd = start + 1
        while nameEnd < bytes.count, (bytes[nameEnd] | 0x20) >= 0x61, (bytes[nameEnd] | 0x20) <= 0x7A { nameEnd += 1 }
        let name = bytes[(start + 1)..<nameEnd].map { $0 | 0x20 }
        guard !name.isEmpty, name != Array("hr".utf8) else { return nil }
        let open = [UInt8(ascii: "<")] + name
        let close = Array("</".utf8) + name
        var depth = 0
        var index = start
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "<") {
                if matches(bytes, at: index, close) {
                    depth -= 1
                    if depth == 0 {
                        guard let end = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
                        return end + 1 < bytes.count ? String(decoding: bytes[(end + 1)...], as: UTF8.self) : nil
                    }
                } else if matches(bytes, at: index, open), index + open.count < bytes.count,
                    [UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "/")]
                        .contains(bytes[index + open.count])
                {
                    depth += 1
                }
            }
            index += 1
        }
        return nil
    }

    /// Where the quoted history starts, or nil.
    static func cutIndex(_ bytes: [UInt8]) -> Int? {
        let count = bytes.count
        var cutAt: Int?
        var index = 0
        var rulesChecked = 0
        // One pass: at each "<" (or "-"), try the markers that start with it, case-insensitively.
        scan: while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") || byte == UInt8(ascii: "-") {
                for marker in markerBytes where marker[0] == byte && matches(bytes, at: index, marker) {
                    cutAt = index
                    break scan
                }
                // Each <hr> costs a small conversion: look at the first few only.
                if byte == UInt8(ascii: "<"), index + 3 < count, bytes[index + 1] | 0x20 == UInt8(ascii: "h"),
                    bytes[index + 2] | 0x20 == UInt8(ascii: "r"),
                    !((bytes[index + 3] | 0x20) >= 0x61 && (bytes[index + 3] | 0x20) <= 0x7A), rulesChecked < 16
                {
                    rulesChecked += 1
                    if isHeaderBlockAfterRule(bytes, at: index) {
                        cutAt = index
                        break scan
                    }
                }
            }
            index += 1
        }
        return cutAt
    }

    static func matches(_ bytes: [UInt8], at start: Int, _ marker: [UInt8]) -> Bool {
        guard start + marker.count <= bytes.count else { return false }
        for offset in 0..<marker.count {
            var byte = bytes[start + offset]
            if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
            if byte != marker[offset] { return false }
        }
        return true
    }

    /// An <hr> directly followed (within a little markup) by a From:/De : header block.
    static func isHeaderBlockAfterRule(_ bytes: [UInt8], at start: Int) -> Bool {
        let end = min(bytes.count, start + 1500)
        let window = HTMLText.convert(String(decoding: bytes[start..<end], as: UTF8.self))
        let lines = window.split(separator: "\n", omittingEmptySubsequences: true).prefix(8).map { $0 }
        guard let firstHeader = lines.firstIndex(where: { QuoteLines.headerField($0) != nil }), firstHeader <= 2 else {
            return false
        }
        return QuoteLines.isHeaderBlock(lines, at: firstHeader)
    }
}
