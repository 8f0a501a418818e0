import MailCore

extension ResponseParser {
    static func untagged(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> UntaggedResponse {
        if let c = p.peek(), c >= 0x30 && c <= 0x39 {
            let number = try p.number32()
            try p.space()
            let word = try p.atom().uppercased()
            switch word {
            case "EXISTS": return .exists(number)
            case "RECENT": return .recent(number)
            case "EXPUNGE": return .expunge(number)
            case "FETCH":
                try p.space()
                return .fetch(FetchResponse(sequenceNumber: number, attributes: try fetchAttributes(&p)))
            default:
                _ = p.restOfLine()
                return .other(name: word)
            }
        }
        if p.consumeKeyword("BYE") { return .bye(try responseText(&p)) }
        for status in [ResponseStatus.ok, .no, .bad, .preauth] where p.consumeKeyword(status.rawValue) {
            return .condition(status, try responseText(&p))
        }
        let word = try p.atom().uppercased()
        switch word {
        case "CAPABILITY":
            return .capability(try atoms(&p).map(Capability.init))
        case "ENABLED":
            return .enabled(try atoms(&p).map(Capability.init))
        case "LIST", "XLIST":
            try p.space()
            return .list(try listData(&p))
        case "LSUB":
            try p.space()
            return .lsub(try listData(&p))
        case "STATUS":
            try p.space()
            return try status(&p)
        case "FLAGS":
            try p.space()
            return .flags(try p.list { (q: inout ParseBuffer) throws(IMAPProtocolError) in Flag(try q.flagToken()) })
        case "SEARCH":
            return try search(&p)
        case "ESEARCH":
            return .esearch(try esearch(&p))
        case "ID":
            try p.space()
            return .id(try idParameters(&p))
        case "VANISHED":
            try p.space()
            var earlier = false
            if p.peek() == UInt8(ascii: "(") {
                let words = try p.list { (q: inout ParseBuffer) throws(IMAPProtocolError) in try q.atom().uppercased() }
                earlier = words.contains("EARLIER")
                try p.space()
            }
            return .vanished(earlier: earlier, try uidSet(&p))
        default:
            _ = p.restOfLine()
            return .other(name: word)
        }
    }

    /// Space-separated atoms to the end of the line.
    static func atoms(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> [String] {
        var out: [String] = []
        while p.peek() == 0x20 {
            p.skipSpaces()
            if p.atLineEnd { break }
            out.append(try p.atom())
        }
        return out
    }

    static func search(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> UntaggedResponse {
        var numbers: [UInt32] = []
        var modSeq: ModSequence?
        while p.peek() == 0x20 {
            p.skipSpaces()
            if p.atLineEnd { break }
            if p.consume(UInt8(ascii: "(")) {
                guard p.consumeKeyword("MODSEQ") else { throw p.error("(MODSEQ n)") }
                try p.space()
                modSeq = ModSequence(try p.number64())
                try p.expect(UInt8(ascii: ")"), ") after MODSEQ")
                continue
            }
            numbers.append(try p.nzNumber32())
        }
        return .search(numbers, modSeq)
    }

    static func esearch(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> ESearchResponse {
        var result = ESearchResponse()
        p.skipSpaces()
        if p.consume(UInt8(ascii: "(")) {
            guard p.consumeKeyword("TAG") else { throw p.error("(TAG \"...\")") }
            try p.space()
            result.tag = String(decoding: try p.string(), as: UTF8.self)
            try p.expect(UInt8(ascii: ")"), ") after the ESEARCH tag")
        }
        while !p.atLineEnd {
            p.skipSpaces()
            if p.atLineEnd { break }
            let name = try p.atom().uppercased()
            if name == "UID" {
                result.isUID = true
                continue
            }
            try p.space()
            switch name {
            case "ALL": result.all = try uidSet(&p)
            case "COUNT": result.count = try p.number32()
            case "MIN": result.min = try p.number32()
            case "MAX": result.max = try p.number32()
            case "MODSEQ": result.modSeq = ModSequence(try p.number64())
            default: try p.skipValue()
            }
        }
        return result
    }

    /// A sequence set of concrete numbers or `*` (RFC 9051 `sequence-set`).
    static func uidSet(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> UIDSet {
        var ranges: [UIDRange] = []
        repeat {
            let lower = try uidOrStar(&p)
            if p.consume(UInt8(ascii: ":")) {
                let upper = try uidOrStar(&p)
                switch (lower, upper) {
                case let (l?, u): ranges.append(UIDRange(l, u))
                case let (nil, u?): ranges.append(UIDRange(u, nil))
                case (nil, nil): ranges.append(UIDRange(UID(UInt32.max), nil))
                }
            } else if let lower {
                ranges.append(UIDRange(lower))
            } else {
                ranges.append(UIDRange(UID(UInt32.max), nil))
            }
        } while p.consume(UInt8(ascii: ","))
        return UIDSet(ranges: ranges)
    }

    private static func uidOrStar(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> UID? {
        if p.consume(UInt8(ascii: "*")) { return nil }
        return UID(try p.nzNumber32())
    }

    static func idParameters(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> [IDParameter] {
        if p.consumeKeyword("NIL") { return [] }
        try p.expect(UInt8(ascii: "("), "( opening the ID list")
        var out: [IDParameter] = []
        p.skipSpaces()
        while !p.consume(UInt8(ascii: ")")) {
            let key = String(decoding: try p.string(), as: UTF8.self)
            try p.space()
            let value = try p.nstring().map { String(decoding: $0, as: UTF8.self) }
            out.append(IDParameter(key: key, value: value))
            p.skipSpaces()
            guard !p.atLineEnd else { throw p.error(") closing the ID list") }
        }
        return out
    }
}
