import MailCore

/// A parsed message: its header fields decoded on demand, its part tree, and the bodies and
/// attachments a reader cares about.
public struct MIMEMessage: Sendable {
    /// The top of the part tree; its headers are the message's headers.
    public var root: MIMEPart

    public init(root: MIMEPart) {
        self.root = root
    }

    public var headers: MIMEHeaders { root.headers }

    /// Subject, RFC 2047 decoded ("" when missing).
    public var subject: String { headers["subject"] ?? "" }

    public var from: EmailAddress? {
        (headers.raw("from").map { AddressParser.parse($0) })?.first
            ?? headers.raw("sender").flatMap { AddressParser.parse($0).first }
    }

    public var to: [EmailAddress] { headers.allRaw("to").flatMap { AddressParser.parse($0) } }
    public var cc: [EmailAddress] { headers.allRaw("cc").flatMap { AddressParser.parse($0) } }
    public var replyTo: [EmailAddress] { headers.allRaw("reply-to").flatMap { AddressParser.parse($0) } }

    /// The Date header, when it can be read.
    public var date: MIMEDate? { headers.raw("date").flatMap { DateParser.parse($0) } }

    /// Message-ID without angle brackets.
    public var messageId: String? { headers.raw("message-id").flatMap { MessageIDParser.parse($0).first } }
    public var inReplyTo: [String] { headers.allRaw("in-reply-to").flatMap { MessageIDParser.parse($0) } }
    public var references: [String] { headers.allRaw("references").flatMap { MessageIDParser.parse($0) } }

    /// The parts that make up the readable body, with multipart/alternative resolved.
    /// `preferHTML` picks the HTML alternative where there is one.
    public func bodyParts(preferHTML: Bool) -> [MIMEPart] {
        var result = [MIMEPart]()
        Self.collectBody(root, preferHTML: preferHTML, into: &result)
        return result
    }

    static func collectBody(_ part: MIMEPart, preferHTML: Bool, into result: inout [MIMEPart]) {
        switch part.kind {
        case .message:
            return
        case .leaf:
            guard part.contentType.type == "text", !part.isAttachment else { return }
            let subtype = part.contentType.subtype
            if subtype == "plain" || subtype == "html" || subtype.isEmpty || subtype == "enriched"
                || subtype == "rfc822-headers"
            {
                result.append(part)
            }
        case .multipart:
            if part.contentType.subtype == "alternative" {
                // Alternatives are in increasing order of preference; pick the best readable one.
                var candidates = [[MIMEPart]]()
                for child in part.children {
                    var found = [MIMEPart]()
                    collectBody(child, preferHTML: preferHTML, into: &found)
                    if !found.isEmpty { candidates.append(found) }
                }
                let wanted = preferHTML ? "html" : "plain"
                if let match = candidates.last(where: { $0.contains { $0.contentType.subtype == wanted } }) {
                    result.append(contentsOf: match)
                } else if let first = candidates.first {
                    result.append(contentsOf: first)
                }
            } else if part.contentType.subtype == "related",
                let first = part.children.first(where: { $0.contentType.type != "image" })
            {
                collectBody(first, preferHTML: preferHTML, into: &result)
            } else {
                for child in part.children { collectBody(child, preferHTML: preferHTML, into: &result) }
            }
        }
    }

    /// The best plain text of the message: text/plain parts, else HTML converted to text.
    public var textBody: String { textBody(limit: .max) }

    /// The best plain text of the message, at most `limit` UTF-8 bytes of it: each part is
    /// decoded only as far as the text still has room for (an HTML part as far as
    /// `htmlLimit(forText:)`), so a huge body is never decoded whole.
    public func textBody(limit: Int) -> String {
        let parts = bodyParts(preferHTML: false)
        var text = ""
        var isFirst = true
        for part in parts {
            // Parts are joined by a line break, which counts against the limit too.
            let room = limit - text.utf8.count - (isFirst ? 0 : 1)
            if room < 0 { break }
            let piece: String
            if part.contentType.subtype == "html" {
                piece = HTMLText.convert(part.text(limit: Self.htmlLimit(forText: room)).text, limit: room)
            } else {
                piece = part.text(limit: room).text.utf8Prefix(room)
            }
            if !isFirst { text += "\n" }
            text += piece
            isFirst = false
        }
        if parts.isEmpty, root.kind == .multipart, !root.preamble.isEmpty, root.children.isEmpty {
            let preamble =
                root.preamble.count > limit
                ? Charset.prefixForDecoding(Array(root.preamble.prefix(limit + 1)), count: limit, charset: nil)[...]
                : root.preamble
            return Charset.decodeUTF8OrFallback(preamble).utf8Prefix(limit)
        }
        return text
    }

    /// How much HTML to read for `text` bytes of text: four times as much, since markup takes
    /// room (unlimited text reads the HTML whole).
    public static func htmlLimit(forText text: Int) -> Int {
        text > Int.max / 4 ? .max : 4 * text
    }

    /// The HTML body when the message has one.
    public var htmlBody: String? { htmlBody(limit: .max) }

    /// The HTML body when the message has one, reading at most `limit` decoded bytes of it.
    public func htmlBody(limit: Int) -> String? {
        let parts = bodyParts(preferHTML: true).filter { $0.contentType.subtype == "html" }
        guard !parts.isEmpty else { return nil }
        var html = ""
        for (index, part) in parts.enumerated() {
            let room = limit - html.utf8.count - (index == 0 ? 0 : 1)
            if room < 0 { break }
            if index > 0 { html += "\n" }
            html += part.text(limit: room).text.utf8Prefix(room)
        }
        return html
    }

    /// Attachments (and embedded messages), in tree order, with their decoded sizes.
    public var attachments: [AttachmentInfo] {
        var result = [AttachmentInfo]()
        Self.collectAttachments(root, into: &result, isRoot: true, inRelated: false)
        return result
    }

    static func collectAttachments(_ part: MIMEPart, into result: inout [AttachmentInfo], isRoot: Bool, inRelated: Bool)
    {
        switch part.kind {
        case .multipart:
            let related = part.contentType.subtype == "related"
            for child in part.children { collectAttachments(child, into: &result, isRoot: false, inRelated: related) }
        case .message:
            var name = part.filename ?? ""
            if name.isEmpty, let inner = part.children.first {
                let subject = inner.headers["subject"] ?? ""
                name = (subject.isEmpty ? "message" : subject) + ".eml"
            }
            result.append(
                AttachmentInfo(filename: name, contentType: part.contentType.mimeType, size: part.decodedSize))
        case .leaf:
            guard part.isAttachment, !(isRoot && part.contentType.type == "text") else { return }
            // Pictures shown inside the HTML (logos, signatures) are part of the body, not attachments.
            if inRelated, part.disposition?.type != "attachment", part.headers.raw("content-id") != nil { return }
            result.append(
                AttachmentInfo(
                    filename: part.filename ?? "", contentType: part.contentType.mimeType, size: part.decodedSize))
        }
    }
}
