/// The new text of a message: what its author wrote this time, without the quoted history,
/// forwarded blocks or signature.
///
/// Plain text is read line by line. ">" quoted lines are dropped, and so is a quote header
/// ("On … wrote:", "Le … a écrit :", "Am … schrieb", …) that introduces them, so inline and
/// bottom-posted replies keep their own lines. A quote header followed by unquoted history, an
/// Outlook header block ("From: … Sent: …", "De : … Envoyé : …"), an "-----Original Message-----"
/// style separator, a forwarded-message banner or a signature ("-- ", "Sent from my iPhone",
/// "Envoyé de mon iPhone", "Get Outlook for iOS" …) ends the new text.
/// HTML is cut at the quoted block (gmail_quote, blockquote type=cite, divRplyFwdMsg,
/// OLK_SRC_BODY_SECTION, moz-cite-prefix, an hr before a header block) before conversion.
public enum ReplyExtractor {
    /// The reply text of a parsed message: its text/plain body when there is one, else its HTML.
    public static func extract(message: MIMEMessage) -> String {
        let plainParts = message.bodyParts(preferHTML: false)
        if plainParts.contains(where: { $0.contentType.subtype != "html" }) {
            return extract(
                plain: plainParts.map { $0.contentType.subtype == "html" ? HTMLText.convert($0.text) : $0.text }.joined(
                    separator: "\n"))
        }
        if let html = message.htmlBody { return extract(html: html) }
        return extract(plain: message.textBody)
    }

    /// The reply text of an HTML body.
    public static func extract(html: String) -> String {
        let cut = HTMLQuoteCutter.cut(html)
        let text = extract(plain: HTMLText.convert(cut))
        guard text.isEmpty, cut.utf8.count < html.utf8.count else { return text }
        // A cut that leaves nothing: the customer's words sit inside the quoting element (a
        // forwarded message replied to), read the whole body line by line; or below it (a forward
        // commented underneath), read what follows the element.
        let whole = extract(plain: HTMLText.convert(html))
        if !whole.isEmpty { return whole }
        return HTMLQuoteCutter.afterQuote(html).map { extract(html: $0) } ?? ""
    }

    /// The reply text of a plain-text body.
    public static func extract(plain: String) -> String {
        let lines = splitLines(plain)
        var kept = [Substring]()
        kept.reserveCapacity(lines.count)
        var index = 0
        var previousQuotedLength = 0
        scan: while index < lines.count {
            let line = lines[index]
            if QuoteLines.isQuoted(line) {
                previousQuotedLength = line.utf8.count
                index += 1
                continue
            }
            // A long quoted line wrapped by the client: one unmarked line between quoted ones, after
            // a quoted line long enough to have been wrapped, or a broken-off word (URL tail).
            if previousQuotedLength > 0, !QuoteLines.isBlank(line), index + 1 < lines.count,
                QuoteLines.isQuoted(lines[index + 1]),
                previousQuotedLength >= 60 || !line.utf8.contains(0x20)
            {
                index += 1
                continue
            }
            previousQuotedLength = 0
            let shape = LineShape(line)
            if shape.mayStartQuoteHeader, let span = QuoteLines.quoteHeaderSpan(lines, at: index) {
                // "Merci ! Le 16 nov. 2016 à 02:22, X a écrit :" on one line (an HTML client's <div>s run
                // together): the words before the header are the author's.
                if let before = QuoteLines.textBeforeHeader(lines, at: index, span: span) { kept.append(before) }
                // Followed by ">" lines: an inline or bottom-posted reply, keep reading after them.
                var next = index + span
                while next < lines.count, QuoteLines.isBlank(lines[next]) { next += 1 }
                if next < lines.count, QuoteLines.isQuoted(lines[next]) {
                    index = next
                    continue
                }
                // Unquoted history follows (top posting): a lone header with nothing above it
                // and nothing after it is not a header at all.
                break scan
            }
            if shape.maySeparate && QuoteLines.isSeparator(lines, at: index)
                || shape.hasEarlyColon && QuoteLines.isHeaderBlock(lines, at: index)
            {
                break scan
            }
            if shape.maySign && QuoteLines.isSignatureStart(lines, at: index) {
                break scan
            }
            kept.append(line)
            index += 1
        }
        let text = tidy(kept)
        return text.isEmpty ? textAboveFirstQuote(lines) : text
    }

    /// What the author wrote above the first ">" line, less the quote header just above it: a
    /// reply is never empty when its author wrote something above the quote (a quote header
    /// whose lines swallowed the author's, a forwarded banner inside the quote).
    static func textAboveFirstQuote(_ lines: [Substring]) -> String {
        guard let quoted = lines.firstIndex(where: QuoteLines.isQuoted) else { return "" }
        var above = Array(lines[..<quoted])
        while let last = above.last, QuoteLines.isBlank(last) { above.removeLast() }
        if let last = above.last, QuoteLines.mayEndQuoteHeader(last) { above.removeLast() }
        while let last = above.last, QuoteLines.isBlank(last) { above.removeLast() }
        if let banner = above.indices.first(where: { QuoteLines.isSeparator(above, at: $0) }) {
            above.removeSubrange(banner...)
        }
        // "Envoyé de mon iPhone" alone above the quote: nothing was written.
        if let signature = above.indices.first(where: { QuoteLines.isSignatureStart(above, at: $0) }) {
            above.removeSubrange(signature...)
        }
        return tidy(above)
    }

    /// Lines of `text` split on LF, CRLF or CR, scanning bytes (much cheaper than Character splitting).
    static func splitLines(_ text: String) -> [Substring] {
        let utf8 = text.utf8
        var lines = [Substring]()
        var start = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 0x0A || byte == 0x0D {
                lines.append(Substring(utf8[start..<index]))
                var next = utf8.index(after: index)
                if byte == 0x0D, next != utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                index = next
                continue
            }
            index = utf8.index(after: index)
        }
        lines.append(Substring(utf8[start..<utf8.endIndex]))
        return lines
    }

    /// Trims trailing spaces, leading and trailing blank lines, and runs of blank lines.
    static func tidy(_ lines: [Substring]) -> String {
        var output = [Substring]()
        var blankRun = 0
        for line in lines {
            let trimmed = line.trimmingTrailing(" \t\u{A0}")
            if trimmed.isEmpty {
                blankRun += 1
                if blankRun > 1 || output.isEmpty { continue }
            } else {
                blankRun = 0
            }
            output.append(trimmed)
        }
        while let last = output.last, last.isEmpty { output.removeLast() }
        return output.joined(separator: "\n")
    }
}
