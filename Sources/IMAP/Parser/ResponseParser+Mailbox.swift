import MailCore

extension ResponseParser {
    /// `(attrs) delimiter name [extended data]` (RFC 9051 §7.3.1, RFC 5258).
    static func listData(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> MailboxListData {
        let attributes = try p.list { (q: inout ParseBuffer) throws(IMAPProtocolError) in
            MailboxAttribute(try q.flagToken())
        }
        try p.space()
        var delimiter: Character?
        if !p.consumeKeyword("NIL") {
            let d = try p.quoted()
            guard d.count == 1, d[0] < 0x80, d[0] != 0 else { throw p.error("a one-character hierarchy delimiter") }
            delimiter = Character(Unicode.Scalar(d[0]))
        }
        try p.space()
        let name = MailboxName(bytes: try p.astring())
        // LIST-EXTENDED data such as ("CHILDINFO" ("SUBSCRIBED")): not needed, skipped.
        while p.peek() == 0x20 {
            p.skipSpaces()
            if p.atLineEnd { break }
            try p.skipValue()
        }
        return MailboxListData(attributes: attributes, delimiter: delimiter, name: name)
    }

    static func status(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> UntaggedResponse {
        let name = MailboxName(bytes: try p.astring())
        try p.space()
        try p.expect(UInt8(ascii: "("), "( opening the STATUS values")
        var data = MailboxStatusData()
        p.skipSpaces()
        while !p.consume(UInt8(ascii: ")")) {
            let key = try p.atom().uppercased()
            try p.space()
            switch key {
            case "MESSAGES": data.messages = try p.number32()
            case "UIDNEXT": data.uidNext = UID(try p.nzNumber32())
            case "UIDVALIDITY": data.uidValidity = UIDValidity(try p.nzNumber32())
            case "UNSEEN": data.unseen = try p.number32()
            case "RECENT": data.recent = try p.number32()
            case "HIGHESTMODSEQ": data.highestModSeq = ModSequence(try p.number64())
            default: try p.skipValue()
            }
            p.skipSpaces()
            guard !p.atLineEnd else { throw p.error(") closing the STATUS values") }
        }
        return .status(name, data)
    }
}
