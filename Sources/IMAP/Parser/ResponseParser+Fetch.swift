import MailCore

extension ResponseParser {
    /// `(UID 7 FLAGS (\Seen) BODY[] {n}...)` (RFC 9051 §7.5.2).
    static func fetchAttributes(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> [FetchAttribute] {
        try p.expect(UInt8(ascii: "("), "( opening the FETCH attributes")
        var out: [FetchAttribute] = []
        p.skipSpaces()
        while !p.consume(UInt8(ascii: ")")) {
            guard !p.atLineEnd else { throw p.error(") closing the FETCH attributes") }
            out.append(try fetchAttribute(&p))
            p.skipSpaces()
        }
        return out
    }

    static func fetchAttribute(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> FetchAttribute {
        let nameBytes = try p.token("a FETCH attribute", { ParseBuffer.isAtomChar($0) && $0 != UInt8(ascii: "[") })
        let name = String(decoding: nameBytes, as: UTF8.self).uppercased()
        if (name == "BODY" || name == "BINARY") && p.peek() == UInt8(ascii: "[") {
            p.index += 1
            let start = p.index
            while let c = p.peek(), c != UInt8(ascii: "]") {
                guard c != 0x0D && c != 0x0A else { throw p.error("] closing a body section") }
                p.index += 1
            }
            let section = String(decoding: p.bytes[start..<p.index], as: UTF8.self)
            p.index += 1
            if p.consume(UInt8(ascii: "<")) {
                _ = try p.number64()
                try p.expect(UInt8(ascii: ">"), "> closing a body origin")
            }
            try p.space()
            let bytes = try p.nstring()
            return name == "BODY" ? .body(section: section, bytes: bytes) : .other("BINARY[\(section)]")
        }
        try p.space()
        switch name {
        case "UID": return .uid(UID(try p.nzNumber32()))
        case "FLAGS":
            return .flags(try p.list { (q: inout ParseBuffer) throws(IMAPProtocolError) in Flag(try q.flagToken()) })
        case "RFC822.SIZE": return .rfc822Size(Int64(try p.number64() & 0x7FFF_FFFF_FFFF_FFFF))
        case "INTERNALDATE":
            let text = try p.quoted()
            guard let seconds = InternalDate.parse(text) else {
                throw p.error("an INTERNALDATE like \"17-Jul-1996 02:44:25 -0700\"")
            }
            return .internalDate(seconds)
        case "MODSEQ":
            try p.expect(UInt8(ascii: "("), "( opening MODSEQ")
            let value = try p.number64()
            try p.expect(UInt8(ascii: ")"), ") closing MODSEQ")
            return .modSeq(ModSequence(value))
        case "X-GM-MSGID": return .gmailMessageId(try p.number64())
        case "X-GM-THRID": return .gmailThreadId(try p.number64())
        case "X-GM-LABELS":
            let labels = try p.list { (q: inout ParseBuffer) throws(IMAPProtocolError) -> String in
                if q.peek() == UInt8(ascii: "\\") { return try q.flagToken() }
                return String(decoding: try q.astring(), as: UTF8.self)
            }
            return .gmailLabels(labels.map { ModifiedUTF7.decode($0) ?? $0 })
        case "RFC822", "RFC822.HEADER", "RFC822.TEXT":
            let bytes = try p.nstring()
            return name == "RFC822" ? .body(section: "", bytes: bytes) : .other(name)
        default:
            try p.skipValue()
            return .other(name)
        }
    }
}
