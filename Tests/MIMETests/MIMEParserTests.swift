import Foundation
import MailCore
import Testing

@testable import MIME

@Suite struct HeaderDecodingTests {
    @Test(arguments: [
        ("=?UTF-8?B?w6l0w6k=?=", "été"),
        ("=?iso-8859-1?q?caf=E9_cr=E8me?=", "café crème"),
        ("=?windows-1252?Q?=93quoted=94?=", "\u{201C}quoted\u{201D}"),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет"),
        ("=?iso-8859-15?q?=A4uro?=", "€uro"),
        ("=?windows-1250?q?=9Ala=9Ei?=", "šlaži"),
        ("=?utf-8?q?a?= =?utf-8?q?b?=", "ab"),
        ("=?utf-8?B?w6k?= =?utf-8?B?w6k=?=", "éé"),
        // A UTF-8 character split across two words.
        ("=?UTF-8?B?w6?= =?UTF-8?B?qQ==?=", "é"),
        ("=?utf-8?q?broken", "broken"),
        ("Re: =?unknown-charset?Q?caf=C3=A9?=", "Re: café"),
        ("plain text", "plain text"),
    ])
    func encodedWords(raw: String, expected: String) {
        #expect(EncodedWords.decode(Array(raw.utf8)) == expected)
    }

    /// Two bracketed addresses with no comma between them are two addresses (as Python's email
    /// package and notmuch read them), the first one first.
    @Test func bracketedAddressesWithoutAComma() {
        let parsed = AddressParser.parse(Array("Bob Dunite <bob@extern> Bobby Dunite <bobby@extern>".utf8))
        #expect(
            parsed == [
                EmailAddress(name: "Bob Dunite", address: "bob@extern"),
                EmailAddress(name: "Bobby Dunite", address: "bobby@extern"),
            ])
        #expect(AddressParser.parse(Array("<a@x.org> <b@x.org>".utf8)).map(\.address) == ["a@x.org", "b@x.org"])
        #expect(
            AddressParser.parse(Array("Ann <a@x.org>, Ben <b@x.org>".utf8)).map(\.address) == ["a@x.org", "b@x.org"])
    }

    @Test func raw8BitHeadersFallBackToLatin1() {
        #expect(EncodedWords.decode([0x43, 0x61, 0x66, 0xE9]) == "Café")
        #expect(EncodedWords.decode(Array("Café".utf8)) == "Café")
    }

    @Test func rfc2231Filename() throws {
        let type = try #require(
            ContentType.parse(Array("application/pdf; name*0*=utf-8''%C3%A9t; name*1*=%C3%A9.pdf".utf8)))
        #expect(type.mimeType == "application/pdf")
        #expect(type[parameter: "name"] == "été.pdf")
    }

    @Test(arguments: [
        (
            "\"Dupont, Jean\" <jean@x.fr>, marie@y.fr (Marie Y)",
            [
                EmailAddress(name: "Dupont, Jean", address: "jean@x.fr"),
                EmailAddress(name: "Marie Y", address: "marie@y.fr"),
            ]
        ),
        (
            "Team: a@x.test, B <b@x.test>;, c@x.test",
            [
                EmailAddress(address: "a@x.test"), EmailAddress(name: "B", address: "b@x.test"),
                EmailAddress(address: "c@x.test"),
            ]
        ),
        ("=?utf-8?q?Ren=C3=A9e?= <renee@x.fr>", [EmailAddress(name: "Renée", address: "renee@x.fr")]),
        ("Jean Dupont jean@x.fr", [EmailAddress(name: "Jean Dupont", address: "jean@x.fr")]),
        ("Jean <jean@x.fr", [EmailAddress(name: "Jean", address: "jean@x.fr")]),
    ])
    func addresses(raw: String, expected: [EmailAddress]) {
        #expect(AddressParser.parse(Array(raw.utf8)) == expected)
    }

    @Test(arguments: [
        ("Tue, 1 Jul 2003 10:52:37 +0200", Int64(1_057_049_557), Int32(7200)),
        ("1 Jul 2003 08:52:37 GMT", 1_057_049_557, 0),
        ("Tue Jul  1 08:52:37 2003", 1_057_049_557, 0),
        ("2003-07-01T10:52:37+02:00", 1_057_049_557, 7200),
        ("Tue, 01 Jul 03 04:52:37 EDT", 1_057_049_557, -14400),
        ("mar., 1 juil. 2003 10:52:37 +0200", 1_057_049_557, 7200),
        ("Tue, 1 Jul 2003 10:52:37 GMT+0200", 1_057_049_557, 7200),
        ("Tue, 1 Jul 2003 10:52 +0200 (CEST)", 1_057_049_520, 7200),
    ])
    func dates(raw: String, seconds: Int64, offset: Int32) throws {
        let date = try #require(DateParser.parse(raw))
        #expect(date.secondsSince1970 == seconds)
        #expect(date.utcOffsetSeconds == offset)
    }

    @Test func messageIds() {
        #expect(MessageIDParser.parse(Array("<a@x> <b@y>\t<c@z>".utf8)) == ["a@x", "b@y", "c@z"])
        #expect(MessageIDParser.parse(Array("bare@id".utf8)) == ["bare@id"])
    }
}

@Suite struct BodyDecodingTests {
    @Test func quotedPrintableIsLenient() {
        let decoded = TransferDecoding.quotedPrintable(Array("caf=C3=A9 =\r\nsuite =ZZ end  \r\n".utf8))
        #expect(String(decoding: decoded, as: UTF8.self) == "café suite =ZZ end\r\n")
    }

    @Test func base64SkipsJunkAndCountsWithoutDecoding() {
        let text = Array("aGVs\r\nbG8g!!d29y bGQ=".utf8)
        #expect(String(decoding: TransferDecoding.base64(text), as: UTF8.self) == "hello world")
        #expect(TransferDecoding.base64DecodedCount(text[...]) == 11)
    }

    @Test func textMislabelledAsBase64IsKept() {
        let raw = Array(
            "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n... not base64, just a sentence ...\r\n"
                .utf8)
        #expect(MIMEParser.parse(raw).textBody == "... not base64, just a sentence ...\r\n")
    }

    @Test func htmlToText() {
        let html =
            "<html><head><title>T</title><style>p{}</style></head><body><p>Bonjour&nbsp;&eacute;quipe &amp; co&#8217;s</p>"
            + "<script>alert(1)</script><ul><li>un</li><li>deux</li></ul><ol><li>first</li></ol>a<br>b<div>c</div>&#x1F600;</body></html>"
        #expect(HTMLText.convert(html) == "Bonjour équipe & co\u{2019}s\n\n- un\n- deux\n\n1. first\n\na\nb\nc\n😀")
    }

    @Test func charsetFallbacks() {
        #expect(Charset.decode([0xE9, 0x74, 0xE9], charset: "utf-8") == "été")
        #expect(Charset.decode([0x80], charset: "iso-8859-1") == "€")
        #expect(Charset.decode([0xC3, 0xA9], charset: "x-unknown") == "é")
        #expect(Charset.decode([0xE9], charset: "ISO_8859-15") == "é")
    }
}

@Suite struct MessageStructureTests {
    static let nested = """
        From: =?utf-8?q?Client_=C3=A9?= <client@customer.test>
        To: help@team.test
        Subject: =?utf-8?q?Re=3A_Facture?=
        Date: Mon, 4 Mar 2024 09:00:00 +0100
        Message-ID: <m2@customer.test>
        In-Reply-To: <m1@team.test>
        Content-Type: multipart/mixed; boundary="outer"

        preamble
        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Merci pour la r=E9ponse.

        Le lun. 4 mars 2024 =E0 08:00, Help <help@team.test> a =E9crit :
        > Bonjour
        --inner
        Content-Type: text/html; charset=utf-8

        <p>Merci pour la réponse.</p><div class="gmail_quote">Le lun. … a écrit :<blockquote>Bonjour</blockquote></div>
        --inner--
        --outer
        Content-Type: application/pdf; name="facture.pdf"
        Content-Disposition: attachment; filename*=utf-8''facture%20%C3%A9t%C3%A9.pdf
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer
        Content-Type: message/rfc822

        Subject: inner
        From: x@y.test

        hello
        """.replacingOccurrences(of: "\n", with: "\r\n")

    @Test func partTreeBodiesAndAttachments() {
        let message = MIMEParser.parse(Array(Self.nested.utf8))
        #expect(message.root.kind == .multipart)
        #expect(message.root.children.count == 3)
        #expect(message.root.isTruncated)  // no closing outer boundary
        #expect(message.subject == "Re: Facture")
        #expect(message.from == EmailAddress(name: "Client é", address: "client@customer.test"))
        #expect(message.inReplyTo == ["m1@team.test"])
        #expect(message.textBody.hasPrefix("Merci pour la réponse."))
        #expect(message.htmlBody?.contains("gmail_quote") == true)
        #expect(
            message.attachments == [
                AttachmentInfo(filename: "facture été.pdf", contentType: "application/pdf", size: 9),
                AttachmentInfo(filename: "inner.eml", contentType: "message/rfc822", size: 39),
            ])
        #expect(message.root.children[2].children.first?.headers["subject"] == "inner")
    }

    @Test func summaryFields() {
        let key = MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(7), uid: UID(42))
        let result = MessageSummarizer.summarize(
            bytes: Array(Self.nested.utf8),
            metadata: FetchedMetadata(key: key, internalDate: 5, size: 1234, labels: ["L"]),
            team: TeamMatcher(members: ["@team.test"]))
        let summary = result.summary
        #expect(summary.id == key.id)
        #expect(summary.messageId == "m2@customer.test")
        #expect(summary.date == 1_709_539_200)
        #expect(summary.utcOffsetSeconds == 3600)
        #expect(summary.isReply)
        #expect(summary.direction == .customer)
        #expect(summary.replyText == "Merci pour la réponse.")
        #expect(summary.threadId == "")
        #expect(summary.size == 1234)
        #expect(summary.labels == ["L"])
        #expect(result.bodyText.contains("a écrit"))
    }

    @Test func internalDateFallbackAndReplyBySubject() {
        let raw = Array("From: help@team.test\r\nSubject: RE : question\r\nDate: not a date\r\n\r\nbody\r\n".utf8)
        let key = MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(1))
        let summary = MessageSummarizer.summarize(
            bytes: raw, metadata: FetchedMetadata(key: key, internalDate: 1_700_000_000, size: raw.count),
            team: TeamMatcher(members: ["help@team.test"])
        ).summary
        #expect(summary.date == 1_700_000_000)
        #expect(summary.isReply)
        #expect(summary.direction == .team)
    }

    @Test func hostileInputsTerminate() {
        // Deep nesting, a huge header, binary noise: bounded work, no crash.
        var deep = ""
        for level in 0..<200 { deep += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n" }
        deep += "\r\ntext\r\n"
        let message = MIMEParser.parse(Array(deep.utf8))
        var depth = 0
        var part = message.root
        while let child = part.children.first {
            part = child
            depth += 1
        }
        #expect(depth <= MIMEParser.maximumDepth)
        let noise = (0..<50_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ $0 >> 3) }
        _ = MIMEParser.parse(noise).textBody
        let longHeader = Array(("Subject: " + String(repeating: "=?utf-8?q?a?= ", count: 20_000) + "\r\n\r\nx").utf8)
        #expect(MIMEParser.parse(longHeader).subject.count == 20_000)
    }
}

@Suite struct ReplyExtractorTests {
    @Test(arguments: [
        ("Merci !\n\nLe mar. 5 mars 2024 à 10:00, Support <s@x.fr> a écrit :\n> Bonjour", "Merci !"),
        ("Thanks\n\nOn Tue, Mar 5, 2024 at 10:00 AM Support <s@x.com> wrote:\n> Hi", "Thanks"),
        ("Danke\n\nAm 05.03.2024 um 10:00 schrieb Support <s@x.de>:\n> Hallo", "Danke"),
        ("Gracias\n\nEl mar, 5 mar 2024 a las 10:00, Support (<s@x.es>) escribió:\n> Hola", "Gracias"),
        ("Grazie\n\nIl giorno mar 5 mar 2024 alle ore 10:00 Support <s@x.it> ha scritto:\n> Ciao", "Grazie"),
        ("Bedankt\n\nOp di 5 mrt 2024 om 10:00 schreef Support <s@x.nl>:\n> Hoi", "Bedankt"),
        (
            "Voilà\n\nDe : Support <s@x.fr>\nEnvoyé : mardi 5 mars 2024 10:00\nÀ : Client\nObjet : RE: facture\n\nBonjour",
            "Voilà"
        ),
        ("Ok\n\n-----Original Message-----\nFrom: a\nSent: b\n\nold", "Ok"),
        ("Réponse\n\nEnvoyé de mon iPhone\n\nLe 5 mars 2024 à 10:00, S <s@x.fr> a écrit :\n\nvieux", "Réponse"),
        (
            "Reply\n\nTélécharger Outlook pour iOS<https://aka.ms/o0ukef>\n________________________________\nDe : S\nEnvoyé : hier",
            "Reply"
        ),
        ("Text\n-- \nJean Dupont\nSociété", "Text"),
        ("> question one\nanswer one\n> question two\nanswer two", "answer one\nanswer two"),
    ])
    func plainReplies(input: String, expected: String) {
        #expect(ReplyExtractor.extract(plain: input) == expected)
    }

    @Test func htmlRepliesCutBeforeConversion() {
        let gmail =
            "<div dir=\"ltr\">Merci<br></div><br><div class=\"gmail_quote\"><div class=\"gmail_attr\">Le lun. a écrit :</div><blockquote>old</blockquote></div>"
        #expect(ReplyExtractor.extract(html: gmail) == "Merci")
        let outlook = "<p>Yes</p><div id=\"divRplyFwdMsg\"><b>From:</b> x</div><div>old</div>"
        #expect(ReplyExtractor.extract(html: outlook) == "Yes")
        let apple = "<div>Sure</div><div><blockquote type=\"cite\">On … wrote:<br>old</blockquote></div>"
        #expect(ReplyExtractor.extract(html: apple) == "Sure")
    }
}
