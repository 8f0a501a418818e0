import Testing

@testable import MIME

/// Quote headers with numeric dates, and replies that must not come out empty (issue 11).
@Suite struct ReplyHeaderTests {
    @Test(arguments: [
        "2016-03-03 17:21 GMT+01:00 Marie Curie <marie@example.fr>:",
        "2016-03-03 17:21 GMT+01:00 Marie Curie:",
        "Le 2016-11-16 02:22, Jean Dupont a écrit :",
        "Le 2016-11-16 02:22, Jean Dupont <jean@example.fr> a écrit :",
        "03/03/2016 17:21, Marie Curie:",
    ])
    func numericDateHeadersEndTheReply(header: String) {
        let text = "Merci, c'est réglé.\n\n\(header)\n\nBonjour, mon colis n'est pas arrivé.\nCordialement"
        #expect(ReplyExtractor.extract(plain: text) == "Merci, c'est réglé.")
        let quoted = "Merci, c'est réglé.\n\n\(header)\n> Bonjour, mon colis n'est pas arrivé."
        #expect(ReplyExtractor.extract(plain: quoted) == "Merci, c'est réglé.")
    }

    /// Headers with the verb before the name and no address (Thunderbird DE/NL/SV, Lotus Notes), and
    /// numeric-date headers wrapped over two lines.
    @Test(arguments: [
        "Am 16.11.2016 um 02:22 schrieb Jean Dupont:",
        "Op 16-11-2016 om 02:22 schreef Jean Dupont:",
        "Den 2016-11-16 kl. 02:22, skrev Jean Dupont:",
        "Den 16. nov. 2016 kl. 02.22 skrev Jean Dupont:",
        "Jean Dupont <jean@example.fr> wrote on 16/11/2016 02:22:30:",
        "El 16/11/2016 a las 02:22, Jean Dupont escribió:",
        "Il 16/11/2016 02:22, Jean Dupont ha scritto:",
        "Em 16/11/2016 02:22, Jean Dupont escreveu:",
        "On 2016-11-16 02:22, Jean Dupont wrote:",
        "Le 2016-11-16 02:22, Jean Dupont a\nécrit :",
        "Le 2016-11-16 02:22, Jean Dupont <\njean@example.fr> a écrit :",
        "2016-11-16 02:22 GMT+01:00 Jean Dupont <\njean@example.fr>:",
        "Am 16.11.2016 um 02:22 schrieb Jean Dupont\n<jean@example.fr>:",
        "Dne 16. 11. 2016 v 02:22 Jean Dupont napsal(a):",
        "W dniu 16.11.2016 o 02:22, Jean Dupont pisze:",
    ])
    func otherNumericHeadersEndTheReply(header: String) {
        let text = "Merci, c'est réglé.\n\n\(header)\n\nBonjour, mon colis n'est pas arrivé.\nCordialement"
        #expect(ReplyExtractor.extract(plain: text) == "Merci, c'est réglé.")
    }

    /// An HTML client's <div>s run together: the reply and the header on one line.
    @Test(arguments: [
        ("Voici le message. Le 2016-11-16 02:22, Service client a écrit :\n> Bonjour", "Voici le message."),
        (
            "Voici le message.Le mer. 16 nov. 2016 à 02:22, Service <help@shop.example> a écrit :\n> Bonjour",
            "Voici le message."
        ),
        (
            "Thanks for the quick answer! On Wed, Nov 16, 2016 at 2:22 AM, Service <help@shop.example> wrote:\n\nHello",
            "Thanks for the quick answer!"
        ),
    ])
    func aReplyOnTheHeadersLineIsKept(text: String, reply: String) {
        #expect(ReplyExtractor.extract(plain: text) == reply)
    }

    /// crisp's email_finnish and email_norwegian_gmail: a header that itself holds "20." or "tir." is not
    /// split as if a sentence ended there.
    @Test func aHeaderWithAbbreviationsIsNotSplit() {
        let text = "Kiitos.\n\npe 20. lokakuuta 2017 klo 17.50 John Coe\n<s.test@test.com> kirjoitti:\n\nThanks!"
        #expect(ReplyExtractor.extract(plain: text) == "Kiitos.")
        let norwegian = "Takk.\n\ntir. 18. apr. 2017 kl. 13:09 skrev Test user <test@example.com\n>:\n\n> Ok. Thanks."
        #expect(ReplyExtractor.extract(plain: norwegian) == "Takk.")
    }

    @Test func aSentenceWithAVerbAfterADateIsNotAHeader() {
        let text = "Am 16.11.2016 schrieb ich Ihnen:\nBitte um Antwort."
        #expect(ReplyExtractor.extract(plain: text) == text)
    }

    @Test func aMobileSignatureAloneAboveTheQuoteIsNoReply() {
        let text =
            "Envoyé de mon iPhone\n\n> Le 16 nov. 2016 à 02:22, Service <help@shop.example> a écrit :\n>\n> Bonjour"
        #expect(ReplyExtractor.extract(plain: text) == "")
    }

    @Test func aSentenceStartingWithADateIsNotAHeader() {
        let text = "2016-03-03 17:21 the export failed again, with this message and the log we talked about:\nError 42"
        #expect(ReplyExtractor.extract(plain: text) == text)
    }

    @Test func aReplyAboveAQuotedForwardIsKept() {
        let text = """
            Voici le message du transporteur, pouvez-vous m'aider ?

            > ---------- Forwarded message ---------
            > From: Transporteur <noreply@carrier.example>
            > Date: Wed, Nov 16, 2016 at 2:22 AM
            > Subject: Colis
            >
            > Votre colis est en attente.
            """
        #expect(ReplyExtractor.extract(plain: text) == "Voici le message du transporteur, pouvez-vous m'aider ?")
    }

    @Test func aReplyInsideTheGmailQuoteOfAForwardIsKept() {
        let html = """
            <div dir="ltr"><div class="gmail_quote"><div dir="ltr">Can you help with this refund?</div><br>\
            <div class="gmail_attr">---------- Forwarded message ---------<br>From: <b>Shop</b> \
            &lt;noreply@shop.example&gt;<br>Date: Wed, Nov 16, 2016<br>Subject: Refund<br></div>\
            <br>Your refund was declined.</div></div>
            """
        #expect(ReplyExtractor.extract(html: html) == "Can you help with this refund?")
    }

    /// A forward commented underneath: the quoting element holds the forwarded message, the
    /// customer's words follow it.
    @Test(arguments: [
        """
        <div dir="ltr"><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>\
        From: <b>Carrier</b><br>Subject: Colis<br></div><br>Votre colis est en attente.</div><br clear="all">\
        <div>Pouvez-vous m'aider ?</div></div>
        """,
        """
        <blockquote type="cite"><div>Begin forwarded message:</div><div>From: Carrier</div><div>Votre colis</div>\
        <blockquote type="cite">older</blockquote></blockquote><div>Pouvez-vous m'aider ?</div>
        """,
    ])
    func aReplyBelowAForwardIsKept(html: String) {
        #expect(ReplyExtractor.extract(html: html) == "Pouvez-vous m'aider ?")
    }
}
