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
}
