import MailCore
import Testing

@testable import IMAP

@Suite struct ResponseParserTests {
    @Test func taggedWithCodes() throws {
        #expect(
            try Fixture.parse("A1 NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n")
                == .tagged(
                    TaggedResponse(
                        tag: "A1", status: .no,
                        text: ResponseText(code: .authenticationFailed, text: "Invalid credentials (Failure)"))))
        #expect(
            try Fixture.parse("A2 OK\r\n")
                == .tagged(TaggedResponse(tag: "A2", status: .ok, text: ResponseText(text: ""))))
        #expect(
            try Fixture.parse("a3 bad [CLIENTBUG] Nope\r\n")
                == .tagged(
                    TaggedResponse(
                        tag: "a3", status: .bad,
                        text: ResponseText(code: .other(name: "CLIENTBUG", arguments: nil), text: "Nope"))))
    }

    @Test(arguments: [
        ("[ALERT]", ResponseCode.alert), ("[THROTTLED]", .throttled), ("[OVERQUOTA]", .overQuota),
        ("[UNAVAILABLE]", .unavailable), ("[READ-ONLY]", .readOnly), ("[NOMODSEQ]", .noModSeq),
        ("[UIDNEXT 4392]", .uidNext(UID(4392))), ("[UIDVALIDITY 3857529045]", .uidValidity(UIDValidity(3_857_529_045))),
        ("[HIGHESTMODSEQ 715194045007]", .highestModSeq(ModSequence(715_194_045_007))), ("[UNSEEN 12]", .unseen(12)),
        ("[CAPABILITY IMAP4rev1 X-GM-EXT-1]", .capability([.imap4rev1, .gmailExtensions])),
        ("[PERMANENTFLAGS (\\Seen \\*)]", .permanentFlags([.seen, Flag("\\*")])),
        (
            "[WEBALERT https://accounts.google.com/signin/continue?x=1]",
            .other(name: "WEBALERT", arguments: "https://accounts.google.com/signin/continue?x=1")
        ),
    ])
    func responseCodes(code: String, expected: ResponseCode) throws {
        guard case .untagged(.condition(.no, let text)) = try Fixture.parse("* NO \(code) some text\r\n") else {
            Issue.record("not an untagged NO")
            return
        }
        #expect(text.code == expected)
        #expect(text.text == "some text")
    }

    @Test func byeAndContinuation() throws {
        #expect(
            try Fixture.parse("* BYE Session expired, please login again.\r\n")
                == .untagged(.bye(ResponseText(text: "Session expired, please login again."))))
        #expect(try Fixture.parse("+ \r\n") == .continuation(""))
        #expect(try Fixture.parse("+ Ready for literal data\r\n") == .continuation("Ready for literal data"))
    }

    @Test func listVariants() throws {
        guard
            case .untagged(.list(let a)) = try Fixture.parse(
                "* LIST (\\HasNoChildren \\sent) \"/\" {12}\r\nSent & \"Box\"\r\n")
        else {
            Issue.record("literal mailbox name")
            return
        }
        #expect(a.name.bytes == Array("Sent & \"Box\"".utf8))
        #expect(a.specialUse == .sent)
        guard case .untagged(.list(let b)) = try Fixture.parse("* LIST (\\Noselect) NIL \"\"\r\n") else {
            Issue.record("NIL delimiter")
            return
        }
        #expect(b.delimiter == nil && b.name.bytes.isEmpty)
        guard
            case .untagged(.list(let c)) = try Fixture.parse(
                "* LIST (\\Subscribed) \".\" inbox (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n")
        else {
            Issue.record("extended data")
            return
        }
        #expect(c.name == .inbox)
        guard
            case .untagged(.list(let d)) = try Fixture.parse(
                "* XLIST (\\HasNoChildren \\AllMail) \"/\" \"[Gmail]/All Mail\"\r\n")
        else {
            Issue.record("XLIST")
            return
        }
        #expect(d.specialUse == nil)
    }

    @Test func searchAndESearch() throws {
        #expect(try Fixture.parse("* SEARCH\r\n") == .untagged(.search([], nil)))
        #expect(
            try Fixture.parse("* SEARCH 2 84 882 (MODSEQ 917162500)\r\n")
                == .untagged(.search([2, 84, 882], ModSequence(917_162_500))))
        guard
            case .untagged(.esearch(let e)) = try Fixture.parse(
                "* ESEARCH (TAG \"A285\") UID MIN 7 MAX 3800 ALL 7:9,12,3800 COUNT 5\r\n")
        else {
            Issue.record("esearch")
            return
        }
        #expect(e.isUID && e.tag == "A285" && e.min == 7 && e.max == 3800 && e.count == 5)
        #expect(try e.all?.expanded() == [7, 8, 9, 12, 3800].map { UID(UInt32($0)) })
        guard case .untagged(.esearch(let empty)) = try Fixture.parse("* ESEARCH (TAG \"A9\") UID\r\n") else {
            Issue.record("empty")
            return
        }
        #expect(empty.all == nil)
    }

    @Test func vanishedAndUnknown() throws {
        #expect(
            try Fixture.parse("* VANISHED (EARLIER) 300:310,405\r\n")
                == .untagged(
                    .vanished(earlier: true, UIDSet(ranges: [UIDRange(UID(300), UID(310)), UIDRange(UID(405))]))))
        #expect(try Fixture.parse("* NAMESPACE ((\"\" \"/\")) NIL NIL\r\n") == .untagged(.other(name: "NAMESPACE")))
        #expect(try Fixture.parse("* 3 EXPUNGE\r\n") == .untagged(.expunge(3)))
    }

    @Test func fetchSkipsAttributesItDoesNotRead() throws {
        let line =
            "* 12 FETCH (FLAGS (\\Seen $Forwarded) ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg\" ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) NIL NIL NIL NIL NIL NIL \"<B27397-0100000@cac.washington.edu>\") BODY[HEADER.FIELDS (SUBJECT)]<0> {10}\r\nSubject: x BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92) UID 4827313 RFC822.SIZE 4286)\r\n"
        guard case .untagged(.fetch(let f)) = try Fixture.parse(line) else {
            Issue.record("fetch")
            return
        }
        #expect(f.sequenceNumber == 12)
        #expect(f.uid == UID(4_827_313) && f.size == 4286 && f.flags == [.seen, Flag("$Forwarded")])
        #expect(f.body == nil)
        #expect(f.attributes.contains(.body(section: "HEADER.FIELDS (SUBJECT)", bytes: Array("Subject: x".utf8))))
    }

    @Test func nilBodyIsEmpty() throws {
        guard case .untagged(.fetch(let f)) = try Fixture.parse("* 1 FETCH (UID 5 BODY[] NIL)\r\n") else {
            Issue.record("fetch")
            return
        }
        #expect(f.body == [])
    }

    @Test(arguments: [
        "", "\r\n", "garbage with spaces\r\n", "* \r\n", "* 12\r\n", "* 1 FETCH UID 3\r\n", "* 1 FETCH (UID 0)\r\n",
        "* 1 FETCH (UID 99999999999)\r\n", "* 1 FETCH (UID 3\r\n", "* 1 FETCH (BODY[] {50}\r\nshort)\r\n",
        "* 1 FETCH (INTERNALDATE \"31-Foo-2020 00:00:00 +0000\")\r\n", "* OK [UIDVALIDITY x] y\r\n",
        "* OK [UIDVALIDITY 0] y\r\n",
        "* OK [ALERT missing bracket\r\n", "* LIST (\\Noselect \"/\" x\r\n", "* LIST () \"ab\" x\r\n",
        "* STATUS x (MESSAGES\r\n",
        "* ESEARCH (TAG \"a\") UID ALL 1:\r\n", "* SEARCH 1 two\r\n", "* ID (\"a\"\r\n",
        "* 1 FETCH (X-GM-LABELS (\"a\" \r\n",
        "* 1 FETCH (MODSEQ 5)\r\n", "* 1 FETCH (FLAGS (\\Seen) BODY[1.2\r\n", "\u{0}\u{1}\u{2}\r\n",
    ])
    func garbageIsATypedError(line: String) {
        #expect(throws: IMAPProtocolError.self) { try Fixture.parse(line) }
    }

    @Test func deepNestingIsRefusedNotAStackOverflow() {
        let line =
            "* 1 FETCH (BODYSTRUCTURE " + String(repeating: "(", count: 10_000) + String(repeating: ")", count: 10_000)
            + ")\r\n"
        #expect(throws: IMAPProtocolError.self) { try Fixture.parse(line) }
    }

    @Test func randomBytesNeverCrash() {
        var generator = SplitMix(seed: 7)
        let alphabet =
            Array("* ()[]{}\"\\0123456789 FETCH UID BODY[] OK NO LIST +\r\nAZaz\u{7f}".utf8) + [0, 0xC3, 0xFF]
        var parsed = 0
        for _ in 0..<3000 {
            let length = Int(generator.next() % 80)
            var bytes: [UInt8] = ["*", "+", "A"].map { UInt8(ascii: $0) }.shuffled(using: &generator).prefix(1).map {
                $0
            }
            for _ in 0..<length { bytes.append(alphabet[Int(generator.next() % UInt64(alphabet.count))]) }
            bytes += [0x0D, 0x0A]
            if (try? Fixture.frames(bytes, chunk: 5).map { try ResponseParser.parse($0) }) != nil { parsed += 1 }
        }
        // Some inputs happen to be valid (e.g. "+ ..."); the point is that none crashed.
        #expect(parsed > 0)
    }
}

/// A small deterministic generator so the random test is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
