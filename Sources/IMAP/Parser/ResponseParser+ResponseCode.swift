import MailCore

extension ResponseParser {
    /// The inside of `[...]` (RFC 9051 `resp-text-code`); unknown codes keep their raw arguments.
    static func responseCode(_ p: inout ParseBuffer) throws(IMAPProtocolError) -> ResponseCode {
        let name = try p.token("a response code", { ParseBuffer.isAtomChar($0) && $0 != UInt8(ascii: "[") })
        let upper = String(decoding: name, as: UTF8.self).uppercased()
        switch upper {
        case "ALERT": return .alert
        case "AUTHENTICATIONFAILED": return .authenticationFailed
        case "AUTHORIZATIONFAILED": return .authorizationFailed
        case "UNAVAILABLE": return .unavailable
        case "EXPIRED": return .expired
        case "PRIVACYREQUIRED": return .privacyRequired
        case "CONTACTADMIN": return .contactAdmin
        case "LIMIT": return .limit
        case "OVERQUOTA": return .overQuota
        case "THROTTLED": return .throttled
        case "INUSE": return .inUse
        case "SERVERBUG": return .serverBug
        case "READ-ONLY": return .readOnly
        case "READ-WRITE": return .readWrite
        case "NOMODSEQ": return .noModSeq
        case "TRYCREATE": return .tryCreate
        case "NONEXISTENT": return .nonExistent
        case "UIDVALIDITY":
            try p.space()
            return .uidValidity(UIDValidity(try p.nzNumber32()))
        case "UIDNEXT":
            try p.space()
            return .uidNext(UID(try p.nzNumber32()))
        case "HIGHESTMODSEQ":
            try p.space()
            return .highestModSeq(ModSequence(try p.number64()))
        case "UNSEEN":
            try p.space()
            return .unseen(try p.number32())
        case "CAPABILITY":
            var caps: [Capability] = []
            while p.peek() == 0x20 {
                p.skipSpaces()
                if p.peek() == UInt8(ascii: "]") { break }
                caps.append(Capability(try p.atom()))
            }
            return .capability(caps)
        case "PERMANENTFLAGS":
            try p.space()
            return .permanentFlags(
                try p.list { (q: inout ParseBuffer) throws(IMAPProtocolError) in Flag(try q.flagToken()) })
        default:
            var arguments: String?
            if p.consume(0x20) {
                let start = p.index
                while let c = p.peek(), c != UInt8(ascii: "]"), c != 0x0D, c != 0x0A { p.index += 1 }
                arguments = String(decoding: p.bytes[start..<p.index], as: UTF8.self)
            }
            return .other(name: upper, arguments: arguments)
        }
    }
}
