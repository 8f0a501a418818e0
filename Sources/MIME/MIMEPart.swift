/// One node of a message's MIME tree. Bodies are slices of the original bytes (no copy) until
/// someone asks for them decoded.
public struct MIMEPart: Sendable {
    public enum Kind: Sendable, Hashable {
        /// A single body (text, image, application…).
        case leaf
        /// multipart/*: `children` are the parts between the boundaries.
        case multipart
        /// message/rfc822 (or message/global): `children[0]` is the embedded message's root.
        case message
    }

    public var kind: Kind
    public var headers: MIMEHeaders
    /// The Content-Type as given, or the default for its place (text/plain, message/rfc822 in a digest).
    public var contentType: ContentType
    /// Content-Disposition, when present ("attachment", "inline").
    public var disposition: ContentType?
    /// Content-Transfer-Encoding, lower-cased ("7bit" when absent).
    public var transferEncoding: String
    /// The body still transfer-encoded (for a multipart: everything after the headers).
    public var rawBody: ArraySlice<UInt8>
    public var children: [MIMEPart]
    /// Text before the first boundary and after the closing one (multiparts only).
    public var preamble: ArraySlice<UInt8>
    public var epilogue: ArraySlice<UInt8>
    /// True when a multipart had no closing boundary, or the part was cut short by the depth limit.
    public var isTruncated: Bool

    /// The body with its transfer encoding undone.
    public var decodedBody: [UInt8] { decodedBody(limit: .max) }

    /// The first `limit` bytes of the body with its transfer encoding undone (all of it when it
    /// is shorter): only what is kept is decoded, so a huge body costs no more than the prefix.
    public func decodedBody(limit: Int) -> [UInt8] {
        let decoded: [UInt8]
        switch transferEncoding {
        case "base64":
            // A body labelled base64 that is plainly text (many bytes outside the alphabet) is kept
            // as is. Judged on the part that is read (twice what decodes to `limit` bytes).
            let judged = limit > rawBody.count / 2 ? rawBody : rawBody.prefix(2 * limit)
            if TransferDecoding.looksLikeNonBase64(judged) { return Array(rawBody.prefix(limit)) }
            decoded = TransferDecoding.base64(rawBody, limit: limit)
        case "quoted-printable": decoded = TransferDecoding.quotedPrintable(rawBody, limit: limit)
        default: return Array(rawBody.prefix(limit))
        }
        return decoded.count > limit ? Array(decoded.prefix(limit)) : decoded
    }

    /// The decoded size in bytes, computed without keeping the decoded body.
    public var decodedSize: Int {
        switch transferEncoding {
        case "base64": return TransferDecoding.base64DecodedCount(rawBody)
        case "quoted-printable": return TransferDecoding.quotedPrintableDecodedCount(rawBody)
        default: return rawBody.count
        }
    }

    /// The charset parameter, if any.
    public var charset: String? { contentType[parameter: "charset"] }

    /// The body as text: transfer-decoded, then charset-decoded (with the fallbacks of `Charset`).
    public var text: String { text(limit: .max).text }

    /// The body as text, reading at most `limit` decoded bytes of it: the text of that prefix, cut
    /// at a character boundary, and whether the body went on past it.
    public func text(limit: Int) -> (text: String, isCut: Bool) {
        // One byte more than wanted tells whether the body goes on.
        let wanted = limit == .max ? limit : limit + 1
        var bytes = decodedBody(limit: wanted)
        let isCut = bytes.count > limit
        var label = charset
        if label == nil, contentType.subtype == "html" { label = HTMLText.metaCharset(bytes) }
        if isCut { bytes = Charset.prefixForDecoding(bytes, count: limit, charset: label) }
        return (Charset.decode(bytes, charset: label), isCut)
    }

    /// The attachment's file name: Content-Disposition filename, else Content-Type name.
    public var filename: String? {
        if let name = disposition?[parameter: "filename"], !name.isEmpty { return name }
        if let name = contentType[parameter: "name"], !name.isEmpty { return name }
        return nil
    }

    /// Whether this leaf is an attachment rather than body text.
    public var isAttachment: Bool {
        if kind == .multipart { return false }
        if kind == .message { return true }
        if disposition?.type == "attachment" { return true }
        let type = contentType.type
        if type == "text" && (contentType.subtype == "plain" || contentType.subtype == "html") {
            return filename != nil && disposition?.type != "inline"
        }
        if type == "text" { return filename != nil || disposition != nil }
        return true
    }

    /// Every part below this one, depth first, this one included.
    public func allParts() -> [MIMEPart] {
        var result = [self]
        for child in children { result.append(contentsOf: child.allParts()) }
        return result
    }
}
