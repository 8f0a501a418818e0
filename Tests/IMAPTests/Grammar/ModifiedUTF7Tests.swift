import Testing

@testable import IMAP

@Suite struct ModifiedUTF7Tests {
    @Test(arguments: [
        ("INBOX", "INBOX"), ("Café", "Caf&AOk-"), ("&", "&-"), ("a&b", "a&-b"),
        ("~peter/mail/台北/日本語", "~peter/mail/&U,BTFw-/&ZeVnLIqe-"),  // RFC 3501 §5.1.3 example
        ("[Gmail]/Messages envoyés", "[Gmail]/Messages envoy&AOk-s"),
        ("Société Générale", "Soci&AOk-t&AOk- G&AOk-n&AOk-rale"),
        ("Брошенные", "&BBEEQAQ+BEgENQQ9BD0ESwQ1-"), ("😀", "&2D3eAA-"), ("tab\there", "tab&AAk-here"),
    ])
    func encodesAndDecodes(text: String, wire: String) {
        #expect(ModifiedUTF7.encode(text) == wire)
        #expect(ModifiedUTF7.decode(wire) == text)
    }

    @Test(arguments: ["&", "&AOk", "&AO-", "&AGE-", "caf\u{e9}", "&2D3-", "&Jjo!-", "&AOk=-"])
    func rejectsInvalid(wire: String) {
        #expect(ModifiedUTF7.decode(wire) == nil)
    }

    @Test func displayNameFallsBackToUTF8() {
        #expect(MailboxName(bytes: Array("Boîte envoyée".utf8)).displayName == "Boîte envoyée")
        #expect(MailboxName(bytes: Array("&AOk".utf8)).displayName == "&AOk")
        #expect(MailboxName(bytes: Array("inbox".utf8)) == .inbox)
        #expect(MailboxName("Café").bytes == Array("Caf&AOk-".utf8))
    }

    @Test func roundTripsManyStrings() {
        var generator = SplitMix(seed: 3)
        let pool: [Unicode.Scalar] = ["a", "&", "-", " ", "/", "é", "ß", "台", "😀", "~", "\u{1}", "+", ","]
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 12) { s.append(pool[Int(generator.next() % UInt64(pool.count))]) }
            let text = String(s)
            #expect(ModifiedUTF7.decode(ModifiedUTF7.encode(text)) == text)
        }
    }
}
