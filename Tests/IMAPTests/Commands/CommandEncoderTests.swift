import MailCore
import Testing

@testable import IMAP

@Suite struct CommandEncoderTests {
    let encoder = CommandEncoder()

    func wire(_ command: Command, tag: String = "A1", encoder: CommandEncoder = CommandEncoder()) -> [String] {
        encoder.encode(command, tag: tag).segments.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func simpleCommands() {
        #expect(wire(.capability) == ["A1 CAPABILITY\r\n"])
        #expect(wire(.logout, tag: "A9") == ["A9 LOGOUT\r\n"])
        #expect(wire(.enable([.condStore])) == ["A1 ENABLE CONDSTORE\r\n"])
        #expect(
            wire(.id([IDParameter(key: "name", value: "mailmirror"), IDParameter(key: "os", value: nil)])) == [
                "A1 ID (\"name\" \"mailmirror\" \"os\" NIL)\r\n"
            ])
        #expect(wire(.uidSearchAll(extended: true)) == ["A1 UID SEARCH RETURN (ALL) ALL\r\n"])
        #expect(wire(.uidSearchAll(extended: false)) == ["A1 UID SEARCH ALL\r\n"])
    }

    @Test func mailboxCommandsQuoteAndEncodeNames() {
        #expect(
            wire(
                .list(
                    reference: MailboxName(bytes: []), pattern: MailboxName(bytes: Array("*".utf8)),
                    returnSpecialUse: true))
                == ["A1 LIST \"\" \"*\" RETURN (SPECIAL-USE)\r\n"])
        #expect(
            wire(.examine(MailboxName("[Gmail]/Messages envoyés"), condStore: true)) == [
                "A1 EXAMINE \"[Gmail]/Messages envoy&AOk-s\" (CONDSTORE)\r\n"
            ])
        #expect(
            wire(.status(.inbox, [.messages, .uidNext, .uidValidity, .highestModSeq])) == [
                "A1 STATUS \"INBOX\" (MESSAGES UIDNEXT UIDVALIDITY HIGHESTMODSEQ)\r\n"
            ])
        #expect(
            wire(.examine(MailboxName(bytes: Array("a\"b\\c".utf8)), condStore: false)) == [
                "A1 EXAMINE \"a\\\"b\\\\c\"\r\n"
            ])
    }

    @Test func eightBitOrControlNamesGoAsLiterals() {
        let name = MailboxName(bytes: Array("Boîte\r\n".utf8))
        #expect(wire(.examine(name, condStore: false)) == ["A1 EXAMINE {8}\r\n", "Boîte\r\n\r\n"])
        #expect(
            wire(.examine(name, condStore: false), encoder: CommandEncoder(literalPlus: true)) == [
                "A1 EXAMINE {8+}\r\nBoîte\r\n\r\n"
            ])
    }

    @Test func fetchUsesPeekAndCompressedSets() {
        let set = UIDSet([UID(5), UID(1), UID(2), UID(3), UID(9), UID(10)])
        #expect(
            wire(.uidFetch(set, [.uid, .flags, .internalDate, .rfc822Size, .bodyPeek], changedSince: nil))
                == ["A1 UID FETCH 1:3,5,9:10 (UID FLAGS INTERNALDATE RFC822.SIZE BODY.PEEK[])\r\n"])
        #expect(
            wire(.uidFetch(.all, [.uid, .flags], changedSince: ModSequence(12345)))
                == ["A1 UID FETCH 1:* (UID FLAGS) (CHANGEDSINCE 12345)\r\n"])
        // Only BODY.PEEK[] exists: nothing can set \Seen by fetching.
        #expect(FetchItem.allCases.allSatisfy { !$0.rawValue.hasPrefix("BODY[") })
    }

    @Test func loginQuotesOrLiteralsAndTraceHidesSecrets() {
        let plain = encoder.encode(.login(user: "test@example.com", password: "abcdefghijklmnop"), tag: "A2")
        #expect(plain.segments == [Array("A2 LOGIN test@example.com abcdefghijklmnop\r\n".utf8)])
        #expect(plain.trace == "A2 LOGIN <credentials hidden>")
        let quoted = encoder.encode(.login(user: "me", password: "p a\"ss"), tag: "A3")
        #expect(quoted.bytes == Array("A3 LOGIN me \"p a\\\"ss\"\r\n".utf8))
        let literal = encoder.encode(.login(user: "me", password: "mötdepasse"), tag: "A4")
        #expect(literal.segments.count == 2)
        #expect(!literal.trace.contains("passe"))
    }

    @Test func authenticatePlainWithAndWithoutInitialResponse() {
        let ir = encoder.encode(.authenticatePlain(user: "u", password: "p", initialResponse: true), tag: "A1")
        #expect(ir.segments == [Array("A1 AUTHENTICATE PLAIN AHUAcA==\r\n".utf8)])
        let two = encoder.encode(.authenticatePlain(user: "u", password: "p", initialResponse: false), tag: "A1")
        #expect(two.segments == [Array("A1 AUTHENTICATE PLAIN\r\n".utf8), Array("AHUAcA==\r\n".utf8)])
        #expect(ir.trace == "A1 AUTHENTICATE PLAIN <credentials hidden>")
        #expect(Command.authenticatePlain(user: "u", password: "p", initialResponse: true).isSensitive)
    }

    /// Round trip: every LIST name the parser reads, the encoder sends back byte for byte.
    @Test(arguments: ["INBOX", "[Gmail]/Messages envoy&AOk-s", "a\"b\\c", "Boîte", "with space", "x\u{1}y", "%*]"])
    func mailboxNamesRoundTrip(raw: String) throws {
        let name = MailboxName(bytes: Array(raw.utf8))
        let encoded = CommandEncoder(literalPlus: true).encode(.examine(name, condStore: false), tag: "A1").bytes
        // Parse the argument back with the response grammar (same astring syntax).
        var p = ParseBuffer(Array(encoded.dropFirst("A1 EXAMINE ".utf8.count)))
        #expect(try p.astring() == name.bytes)
    }
}
