import MailCore

/// Turns one framed response into a typed `Response` (RFC 9051 §7, §9).
///
/// Lenient where real servers differ harmlessly (double spaces, lower-case keywords, unknown
/// untagged responses and codes), strict where a mistake would corrupt data (numbers, literals).
public enum ResponseParser {
    public static func parse(_ frame: ResponseFrame) throws(IMAPProtocolError) -> Response {
        try parse(frame.bytes)
    }

    /// Frames and parses a whole captured stream (a transcript, a fuzzer input). A trailing
    /// incomplete response is ignored; the first error is thrown.
    public static func parseAll(_ bytes: [UInt8], limits: FramingLimits = FramingLimits()) throws(IMAPProtocolError)
        -> [Response]
    {
        var framer = ResponseFramer(limits: limits)
        framer.append(bytes)
        var out: [Response] = []
        while let frame = try framer.nextFrame() { out.append(try parse(frame)) }
        return out
    }

    public static func parse(_ bytes: [UInt8]) throws(IMAPProtocolError) -> Response {
        var p = ParseBuffer(bytes)
        switch p.peek() {
        case UInt8(ascii: "+"):
            p.index += 1
            p.skipSpaces()
            return .continuation(p.restOfLine())
        case UInt8(ascii: "*"):
            p.index += 1
            try p.space()
            let response = try untagged(&p)
            try p.lineEnd()
            return .untagged(response)
        case nil:
            throw p.error("a response")
        default:
            let tag = try p.token("a tag", { ParseBuffer.isAtomChar($0) && $0 != UInt8(ascii: "+") })
            try p.space()
            let status = try statusWord(&p)
            guard status != .preauth else { throw p.error("OK, NO or BAD") }
            let text = try responseText(&p)
            return .tagged(TaggedResponse(tag: String(decoding: tag, as: UTF8.self), status: status, text: text))
        }
    }

    static func statusWord(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> ResponseStatus {
        for status in [ResponseStatus.ok, .no, .bad, .preauth] where p.consumeKeyword(status.rawValue) { return status }
        throw p.error("OK, NO or BAD")
    }

    /// `[code] text` — both parts optional (servers send `A1 OK` bare).
    static func responseText(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> ResponseText {
        p.skipSpaces()
        var code: ResponseCode?
        if p.consume(UInt8(ascii: "[")) {
            code = try responseCode(&p)
            try p.expect(UInt8(ascii: "]"), "] closing a response code")
            p.skipSpaces()
        }
        return ResponseText(code: code, text: p.restOfLine())
    }
}
