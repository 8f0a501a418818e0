import FoundationEssentials
import MailCore

/// Writes commands in RFC 9051 syntax, choosing atom, quoted string or literal for each argument.
///
///     C: A3 UID FETCH 1:200,305 (UID FLAGS RFC822.SIZE BODY.PEEK[])
public struct CommandEncoder: Sendable {
    /// Non-synchronizing literals `{n+}` (RFC 7888) when the server offers LITERAL+ (or LITERAL-
    /// for small ones), saving a round trip.
    public var literalPlus: Bool
    public init(literalPlus: Bool = false) { self.literalPlus = literalPlus }

    public func encode(_ command: Command, tag: String) -> EncodedCommand {
        var w = Writer(tag: tag, literalPlus: literalPlus)
        switch command {
        case .capability: w.raw("CAPABILITY")
        case .noop: w.raw("NOOP")
        case .logout: w.raw("LOGOUT")
        case .id(let parameters):
            w.raw("ID ")
            if let parameters {
                w.raw("(")
                for (i, p) in parameters.enumerated() {
                    if i > 0 { w.raw(" ") }
                    w.string(Array(p.key.utf8), quotedOnly: true)
                    w.raw(" ")
                    if let v = p.value { w.string(Array(v.utf8), quotedOnly: true) } else { w.raw("NIL") }
                }
                w.raw(")")
            } else {
                w.raw("NIL")
            }
        case .login(let user, let password):
            w.raw("LOGIN ")
            w.traceOverride = "\(tag) LOGIN <credentials hidden>"
            w.astring(Array(user.utf8))
            w.raw(" ")
            w.astring(Array(password.utf8))
        case .authenticatePlain(let user, let password, let initialResponse):
            w.traceOverride = "\(tag) AUTHENTICATE PLAIN <credentials hidden>"
            w.raw("AUTHENTICATE PLAIN")
            let message = [0] + Array(user.utf8) + [0] + Array(password.utf8)
            let encoded = Data(message).base64EncodedString()
            if initialResponse {
                w.raw(" " + encoded)
            } else {
                w.continuation(Array(encoded.utf8))
            }
        case .authenticateOAuth2(let mechanism, let user, let token, let host, let port, let initialResponse):
            w.traceOverride = "\(tag) AUTHENTICATE \(mechanism.rawValue) <credentials hidden>"
            w.raw("AUTHENTICATE " + mechanism.rawValue)
            let encoded = Data(mechanism.initialMessage(user: user, token: token, host: host, port: port))
                .base64EncodedString()
            if initialResponse {
                w.raw(" " + encoded)
            } else {
                w.continuation(Array(encoded.utf8))
            }
        case .enable(let capabilities):
            w.raw("ENABLE " + capabilities.map(\.name).joined(separator: " "))
        case .list(let reference, let pattern, let returnSpecialUse):
            w.raw("LIST ")
            w.mailbox(reference)
            w.raw(" ")
            w.mailbox(pattern)
            if returnSpecialUse { w.raw(" RETURN (SPECIAL-USE)") }
        case .status(let mailbox, let items):
            w.raw("STATUS ")
            w.mailbox(mailbox)
            w.raw(" (" + items.map(\.rawValue).joined(separator: " ") + ")")
        case .examine(let mailbox, let condStore):
            w.raw("EXAMINE ")
            w.mailbox(mailbox)
            if condStore { w.raw(" (CONDSTORE)") }
        case .uidFetch(let set, let items, let changedSince):
            w.raw("UID FETCH \(set) (" + items.map(\.rawValue).joined(separator: " ") + ")")
            if let changedSince { w.raw(" (CHANGEDSINCE \(changedSince))") }
        case .uidSearchAll(let extended):
            w.raw(extended ? "UID SEARCH RETURN (ALL) ALL" : "UID SEARCH ALL")
        }
        return w.finish()
    }
}

/// Accumulates segments; a synchronizing literal or SASL step starts a new segment.
private struct Writer {
    let tag: String
    let literalPlus: Bool
    var segments: [[UInt8]] = []
    var current: [UInt8]
    var trace: String
    var traceOverride: String?

    init(tag: String, literalPlus: Bool) {
        self.tag = tag
        self.literalPlus = literalPlus
        current = Array((tag + " ").utf8)
        trace = tag + " "
    }

    mutating func raw(_ text: String) {
        current.append(contentsOf: text.utf8)
        trace += text
    }

    /// Data sent after a `+` from the server (SASL without SASL-IR).
    mutating func continuation(_ bytes: [UInt8]) {
        current.append(contentsOf: [0x0D, 0x0A])
        segments.append(current)
        current = bytes
    }

    mutating func mailbox(_ name: MailboxName) {
        // Quoted even when an atom would do: mailbox names may contain `*` / `%` / `]`.
        string(name.bytes, quotedOnly: false)
    }

    mutating func astring(_ bytes: [UInt8]) {
        if !bytes.isEmpty && bytes.allSatisfy({ Self.isAtomChar($0) }) {
            current.append(contentsOf: bytes)
            trace += String(decoding: bytes, as: UTF8.self)
        } else {
            string(bytes, quotedOnly: false)
        }
    }

    /// A quoted string when the bytes allow it (7-bit, no CR / LF / NUL), else a literal.
    mutating func string(_ bytes: [UInt8], quotedOnly: Bool) {
        let quotable = bytes.allSatisfy { $0 != 0 && $0 != 0x0D && $0 != 0x0A && $0 < 0x80 }
        if quotable || quotedOnly {
            var q: [UInt8] = [UInt8(ascii: "\"")]
            for b in bytes where quotable || (b != 0x0D && b != 0x0A && b != 0) {
                if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { q.append(UInt8(ascii: "\\")) }
                q.append(b)
            }
            q.append(UInt8(ascii: "\""))
            current.append(contentsOf: q)
            trace += String(decoding: q, as: UTF8.self)
            return
        }
        if literalPlus {
            raw("{\(bytes.count)+}\r\n")
            current.append(contentsOf: bytes)
            trace += "<\(bytes.count) bytes>"
        } else {
            raw("{\(bytes.count)}")
            continuation(bytes)
            trace += "<\(bytes.count) bytes>"
        }
    }

    static func isAtomChar(_ c: UInt8) -> Bool {
        switch c {
        case 0x00...0x20, 0x7F...0xFF, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "%"),
            UInt8(ascii: "*"), UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "]"):
            return false
        default: return true
        }
    }

    mutating func finish() -> EncodedCommand {
        current.append(contentsOf: [0x0D, 0x0A])
        segments.append(current)
        return EncodedCommand(tag: tag, segments: segments, trace: traceOverride ?? trace)
    }
}
