import MailCore
import Testing

@testable import Analytics

@Suite struct AnonymizerTests {
    @Test(arguments: [
        ("Write to marie.dupont@orange.fr today", "Write to [email] today"),
        ("(<jean@example.com>)", "(<[email]>)"),
        ("Tél. : +33 6 12 34 56 78, merci", "Tél. : [phone], merci"),
        ("Tel: +1 415-555-0134", "Tel: [phone]"),
        ("Call 01.23.45.67.89 now", "Call [phone] now"),
        ("Error 401 after 24 hours, version 5.2.1", "Error 401 after 24 hours, version 5.2.1"),
        ("Ticket 2024", "Ticket 2024"),
    ])
    func masksAddressesAndPhoneNumbers(input: String, expected: String) {
        #expect(Anonymizer.mask(input) == expected)
    }

    @Test func signOffNamesCodesAndHeaderNamesAreMasked() {
        let names = PersonalText(displayNames: ["Céline Dubois", "Marc"])
        #expect(
            Anonymizer.mask(lines: ["Ma commande : CMD-457088 n'est pas arrivée.", "Bien à vous, Céline"], names: names)
                == ["Ma commande : [code] n'est pas arrivée.", "Bien à vous, [name]"])
        #expect(
            Anonymizer.mask(lines: ["Where is order 4570881?", "Thanks,", "Priya Shah"], names: PersonalText())
                == ["Where is order [code]?", "Thanks,", "[name] [name]"])
        #expect(Anonymizer.mask("Marc said Dubois would call", names: names) == "[name] said [name] would call")
        #expect(Anonymizer.mask("Error 401 in version 5.2.1 since 2024", names: names) == "Error 401 in version 5.2.1 since 2024")
    }

    @Test func reportSnippetsAreMaskedOnlyWhenAsked() {
        var messages = HandFixture.messages
        messages[2].replyText = "Bonjour,\nMy colleague paul@acme.com says call +33 6 12 34 56 78 about the invoice."
        messages[2].subject = "Invoice for paul@acme.com"
        let masked = ReportModel(
            messages: messages,
            options: {
                var o = HandFixture.options
                o.anonymize = true
                return o
            }())
        let plain = ReportModel(messages: messages, options: HandFixture.options)
        let index = masked.data.messages.firstIndex { $0.replyText.contains("colleague") }!
        #expect(masked.snippet(index) == "My colleague [email] says call [phone] about the invoice.")
        #expect(masked.subject(index) == "Invoice for [email]")
        #expect(plain.snippet(index).contains("paul@acme.com"))
    }
}
