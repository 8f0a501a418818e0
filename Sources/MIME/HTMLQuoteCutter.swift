/// Finds where the quoted history starts in an HTML reply and cuts it off, so only the new part
/// is converted to text.
enum HTMLQuoteCutter {
    /// Markers, lower-case, of the element that holds the quoted message in common clients.
    static let markers: [String] = [
        "<div class=\"gmail_quote", "<div class=gmail_quote", "<blockquote class=\"gmail_quote", "<div class=\"gmail_extra",
        "<blockquote type=\"cite\"", "<blockquote type=cite", "<div id=\"divrplyfwdmsg\"", "<div id=divrplyfwdmsg",
        "id=\"olk_src_body_section\"", "<div id=\"appendonsend\"", "<div class=\"moz-cite-prefix\"", "<div class=\"yahoo_quoted\"",
        "<div class=\"ymail_quoted", "<div id=\"mail-editor-reference-message-container\"", "<hr id=\"stopspelling\"",
        "<div class=\"protonmail_quote\"", "<blockquote class=\"protonmail_quote\"", "<div id=\"reply-intro\"",
        "<div class=\"zmail_extra\"", "<div style=\"border:none;border-top:solid #b5c4df 1.0pt", "<div style='border:none;border-top:solid #b5c4df 1.0pt",
        "<div style=\"border:none;border-top:solid #e1e1e1 1.0pt", "-----original message-----", "<span id=\"olk_src_body_section\"",
        "<div class=\"mail-quote", "<div data-marker=\"__quoted_content__\"", "<blockquote style=\"border-left:", "<div class=\"quote\"",
    ]

    static func cut(_ html: String) -> String {
        let lower = html.lowercased()
        var earliest: String.Index?
        for marker in markers {
            if let range = lower.range(of: marker) {
                if earliest == nil || range.lowerBound < earliest! { earliest = range.lowerBound }
            }
        }
        // An <hr> directly followed (within a little markup) by a From:/De : header block.
        var searchStart = lower.startIndex
        while let hr = lower.range(of: "<hr", range: searchStart..<lower.endIndex) {
            if let earliestIndex = earliest, hr.lowerBound >= earliestIndex { break }
            let windowEnd = lower.index(hr.upperBound, offsetBy: 1500, limitedBy: lower.endIndex) ?? lower.endIndex
            let window = HTMLText.convert(String(html[hr.lowerBound..<windowEnd]))
            let lines = window.split(separator: "\n", omittingEmptySubsequences: true).prefix(8).map { $0 }
            if let firstHeader = lines.firstIndex(where: { QuoteLines.headerField($0) != nil }), firstHeader <= 2,
               QuoteLines.isHeaderBlock(lines, at: firstHeader) {
                earliest = hr.lowerBound
                break
            }
            searchStart = hr.upperBound
        }
        guard let cutAt = earliest else { return html }
        // Map the index in the lower-cased copy back: lowercasing can change lengths, so cut by offset
        // in UTF-8 only when lengths agree, else by character offset.
        let offset = lower.distance(from: lower.startIndex, to: cutAt)
        let original = html.index(html.startIndex, offsetBy: offset, limitedBy: html.endIndex) ?? html.endIndex
        return String(html[..<original])
    }
}
