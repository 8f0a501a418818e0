import FoundationEssentials
import Glibc
import TextBasics

/// Parses raw message bytes into a `MIMEMessage`. It never fails: whatever cannot be read as
/// structure is kept as text. Work is linear in the input times the nesting depth, which is
/// capped at `maximumDepth` (deeper parts are left as opaque leaves).
public enum MIMEParser {
    public static let maximumDepth = 24

    public static func parse(_ bytes: [UInt8]) -> MIMEMessage {
        MIMEMessage(root: parsePart(bytes[...], depth: 0, defaultType: .defaultText, isMessageRoot: true))
    }

    static let messageRFC822 = ContentType(type: "message", subtype: "rfc822")

    static func parsePart(_ bytes: ArraySlice<UInt8>, depth: Int, defaultType: ContentType, isMessageRoot: Bool = false)
        -> MIMEPart
    {
        let (headers, bodyStart) = parseHeaders(bytes, skipMboxLine: isMessageRoot)
        let body = bytes[bodyStart...]
        var contentType = headers.raw("content-type").flatMap { ContentType.parse($0) } ?? defaultType
        if contentType.type == "multipart", contentType.subtype.isEmpty { contentType.subtype = "mixed" }
        let disposition = headers.raw("content-disposition").flatMap { ContentType.parse($0) }
        var encoding =
            headers.raw("content-transfer-encoding").map { raw in
                String(decoding: HeaderSyntax.stripComments(raw).filter { !HeaderSyntax.isSpace($0) }, as: UTF8.self)
                    .lowercased()
            } ?? "7bit"
        if encoding.hasPrefix("\"") { encoding = encoding.replacingAll("\"", with: "") }
        var part = MIMEPart(
            kind: .leaf, headers: headers, contentType: contentType, disposition: disposition,
            transferEncoding: encoding, rawBody: body, children: [], preamble: [], epilogue: [],
            isTruncated: false)
        guard depth < maximumDepth else {
            part.isTruncated = contentType.type == "multipart" || contentType.type == "message"
            return part
        }
        if contentType.type == "multipart", let boundary = contentType[parameter: "boundary"], !boundary.isEmpty {
            splitMultipart(&part, boundary: Array(boundary.utf8), depth: depth)
        } else if contentType.type == "message", contentType.subtype == "rfc822" || contentType.subtype == "global" {
            let inner: ArraySlice<UInt8>
            switch encoding {
            case "base64", "quoted-printable": inner = part.decodedBody[...]
            default: inner = body
            }
            let embedded = parsePart(inner, depth: depth + 1, defaultType: .defaultText, isMessageRoot: true)
            // Content that has no header at all is not a message: keep it as a text leaf.
            if !inner.isEmpty, !embedded.headers.isEmpty {
                part.kind = .message
                part.children = [embedded]
            }
        }
        return part
    }

    /// Splits a multipart body on its boundary lines. Lenient: a missing closing boundary ends the
    /// last part at the end of the body; trailing junk on a boundary line is ignored; a body
    /// with no boundary at all stays a text leaf.
    static func splitMultipart(_ part: inout MIMEPart, boundary: [UInt8], depth: Int) {
        let body = part.rawBody
        let childDefault = part.contentType.subtype == "digest" ? messageRFC822 : ContentType.defaultText
        var ranges = [Range<Int>]()
        var currentStart: Int?
        var preambleEnd: Int?
        var closed = false
        var epilogueStart = body.endIndex
        let end = body.endIndex
        let base = body.startIndex
        body.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            var lineStart = 0
            let boundaryCount = boundary.count
            while lineStart < count {
                // memchr finds the next line end far faster than a byte loop.
                let lineEnd: Int
                if let found = memchr(buffer.baseAddress! + lineStart, 0x0A, count - lineStart) {
                    lineEnd = buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                } else {
                    lineEnd = count
                }
                let nextLine = lineEnd < count ? lineEnd + 1 : count
                if lineEnd - lineStart >= boundaryCount + 2, buffer[lineStart] == 0x2D, buffer[lineStart + 1] == 0x2D,
                    memcmp(buffer.baseAddress! + lineStart + 2, boundary, boundaryCount) == 0
                {
                    var rest = lineStart + 2 + boundaryCount
                    var isClose = false
                    if rest + 1 < lineEnd, buffer[rest] == 0x2D, buffer[rest + 1] == 0x2D {
                        isClose = true
                        rest += 2
                    }
                    // Junk after the boundary is ignored when a space separates it; a longer word is
                    // another boundary ("--ab" is not "--a").
                    let after = isClose || rest >= lineEnd ? UInt8(0x20) : buffer[rest]
                    if after == 0x20 || after == 0x09 || after == 0x0D {
                        // The line break before a boundary belongs to the boundary.
                        var contentEnd = lineStart
                        if contentEnd > 0, buffer[contentEnd - 1] == 0x0A { contentEnd -= 1 }
                        if contentEnd > 0, buffer[contentEnd - 1] == 0x0D { contentEnd -= 1 }
                        if let start = currentStart {
                            ranges.append(start..<max(start, base + contentEnd))
                        } else if preambleEnd == nil {
                            preambleEnd = base + contentEnd
                        }
                        if isClose {
                            closed = true
                            epilogueStart = base + nextLine
                            currentStart = nil
                            return
                        }
                        currentStart = base + nextLine
                    }
                }
                lineStart = nextLine
            }
        }
        if let start = currentStart {
            // A last boundary with nothing after it opens no part.
            let rest = body[start..<end]
            if !rest.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) || ranges.isEmpty {
                ranges.append(start..<end)
            }
        }
        guard !ranges.isEmpty else {
            // No boundary: keep the body as text so nothing is lost.
            part.kind = .leaf
            part.contentType = ContentType(
                type: "text", subtype: "plain", parameters: part.contentType.parameters.filter { $0.name == "charset" })
            part.isTruncated = true
            return
        }
        part.kind = .multipart
        part.preamble = body[body.startIndex..<(preambleEnd ?? body.startIndex)]
        part.epilogue = closed ? body[epilogueStart..<end] : body[end..<end]
        part.isTruncated = !closed
        part.children = ranges.map { parsePart(body[$0], depth: depth + 1, defaultType: childDefault) }
    }

    @inline(__always) static func matches(_ body: ArraySlice<UInt8>, at start: Int, _ boundary: [UInt8]) -> Bool {
        guard start + boundary.count <= body.endIndex else { return false }
        var offset = 0
        while offset < boundary.count {
            if body[start + offset] != boundary[offset] { return false }
            offset += 1
        }
        return true
    }

    /// Reads the header block; returns the fields and where the body starts. Lenient: bare LF,
    /// CRLF, a leading mbox "From " line, raw 8-bit, a missing blank line (the first line that
    /// is not a header starts the body).
    static func parseHeaders(_ bytes: ArraySlice<UInt8>, skipMboxLine: Bool) -> (MIMEHeaders, Int) {
        var headers = MIMEHeaders()
        var index = bytes.startIndex
        let end = bytes.endIndex
        if skipMboxLine, end - index > 5, bytes[index] == UInt8(ascii: "F"), bytes[index + 1] == UInt8(ascii: "r"),
            bytes[index + 2] == UInt8(ascii: "o"), bytes[index + 3] == UInt8(ascii: "m"), bytes[index + 4] == 0x20
        {
            while index < end, bytes[index] != 0x0A { index += 1 }
            if index < end { index += 1 }
        }
        var currentName: String?
        var currentValue = [UInt8]()
        while index < end {
            var lineEnd = index
            while lineEnd < end, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > index, bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let next = lineEnd < end ? lineEnd + 1 : end
            if contentEnd == index {
                // Blank line: end of headers.
                if let name = currentName { headers.append(MIMEHeaderField(name: name, rawValue: currentValue)) }
                return (headers, next)
            }
            let first = bytes[index]
            if first == 0x20 || first == 0x09 {
                if currentName != nil {
                    currentValue.append(contentsOf: bytes[index..<contentEnd])
                    index = next
                    continue
                }
                // A continuation with nothing to continue: ignore the line.
                index = next
                continue
            }
            // name ":" value
            var colon = index
            var validName = true
            while colon < contentEnd, bytes[colon] != UInt8(ascii: ":") {
                let byte = bytes[colon]
                if byte <= 0x20 && byte != 0x20 && byte != 0x09 || byte == 0x7F { validName = false }
                colon += 1
            }
            if colon == contentEnd || colon == index || !validName {
                // Not a header: the body starts here (headers without a blank line).
                if let name = currentName { headers.append(MIMEHeaderField(name: name, rawValue: currentValue)) }
                return (headers, index)
            }
            var nameEnd = colon
            while nameEnd > index, bytes[nameEnd - 1] == 0x20 || bytes[nameEnd - 1] == 0x09 { nameEnd -= 1 }
            let nameBytes = bytes[index..<nameEnd]
            if nameBytes.contains(0x20) && nameBytes.count > 40 || nameBytes.isEmpty {
                if let name = currentName { headers.append(MIMEHeaderField(name: name, rawValue: currentValue)) }
                return (headers, index)
            }
            if let name = currentName { headers.append(MIMEHeaderField(name: name, rawValue: currentValue)) }
            currentName = String(decoding: nameBytes, as: UTF8.self)
            var valueStart = colon + 1
            while valueStart < contentEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            currentValue = Array(bytes[valueStart..<contentEnd])
            index = next
        }
        if let name = currentName { headers.append(MIMEHeaderField(name: name, rawValue: currentValue)) }
        return (headers, end)
    }
}
