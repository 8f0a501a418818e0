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

    /// Thank-you notes sign in lower case ("merci fatima !"); a known name right after a greeting or a
    /// closing is masked whatever its case, while the same word elsewhere is a word ("une pierre").
    @Test func lowerCaseNamesAfterAGreetingOrClosingAreMasked() {
        let names = PersonalText(displayNames: ["Fatima Benali", "Aurélie Petit", "Pierre Durand"])
        #expect(Anonymizer.mask("Parfait merci fatima !", names: names) == "Parfait merci [name] !")
        #expect(Anonymizer.mask("ok it works now, cheers aurélie", names: names) == "ok it works now, cheers [name]")
        #expect(Anonymizer.mask("bonjour fatima, ma facture", names: names) == "bonjour [name], ma facture")
        #expect(
            Anonymizer.mask("thank you pierre, a pierre broke the window", names: names)
                == "thank you [name], a pierre broke the window")
        #expect(Anonymizer.mask("une pierre a cassé la vitre", names: names) == "une pierre a cassé la vitre")
    }

    /// A one-line note that ends with a closing and a name the headers never showed ("Merci julien"):
    /// the name goes; ordinary words after a closing stay.
    @Test func aNameAfterTheLastClosingIsMaskedEvenWhenUnknown() {
        let none = PersonalText()
        #expect(
            Anonymizer.mask("C'est un cadeau pour samedi. Merci julien", names: none)
                == "C'est un cadeau pour samedi. Merci [name]")
        #expect(
            Anonymizer.mask("I ordered a size 8 and you sent a 16! Cheers mia!", names: none).hasSuffix(
                "Cheers [name]!"))
        #expect(
            Anonymizer.mask("Where is it? Thanks, Jean Dupont", names: none) == "Where is it? Thanks, [name] [name]")
        #expect(
            Anonymizer.mask(lines: ["I ordered a size 8 and you sent a 16!", "Cheers oliver"], names: none)
                == ["I ordered a size 8 and you sent a 16!", "Cheers [name]"])
        #expect(
            Anonymizer.mask(lines: ["I ordered a size 8 and you sent a 16!", "Cheers", "oliver"], names: none)
                == ["I ordered a size 8 and you sent a 16!", "Cheers", "[name]"])
        #expect(
            Anonymizer.mask(lines: ["Where is it?", "Thanks", "Sent from my iPhone"], names: none)
                == ["Where is it?", "Thanks", "Sent from my iPhone"])
        for kept in ["ok merci beaucoup", "Thanks in advance", "Where is my parcel? Thanks", "merci pour votre aide"] {
            #expect(Anonymizer.mask(kept, names: none) == kept)
        }
    }

    @Test func signOffNamesCodesAndHeaderNamesAreMasked() {
        let names = PersonalText(displayNames: ["Céline Dubois", "Marc"])
        #expect(
            Anonymizer.mask(
                lines: ["Ma commande : CMD-457088 n'est pas arrivée.", "Bien à vous, Céline"], names: names)
                == ["Ma commande : [code] n'est pas arrivée.", "Bien à vous, [name]"])
        #expect(
            Anonymizer.mask(lines: ["Where is order 4570881?", "Thanks,", "Priya Shah"], names: PersonalText())
                == ["Where is order [code]?", "Thanks,", "[name] [name]"])
        #expect(Anonymizer.mask("Marc said Dubois would call", names: names) == "[name] said [name] would call")
        #expect(
            Anonymizer.mask("Error 401 in version 5.2.1 since 2024", names: names)
                == "Error 401 in version 5.2.1 since 2024")
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

    /// The help-center generator's addresses (scripts/eval/gen_helpcenter.py) and a few English ones.
    @Test(arguments: [
        (
            "Je vous écris au sujet du contrat au 12 rue des Lilas, 69003 Lyon. Merci",
            "Je vous écris au sujet du contrat au [address]. Merci"
        ),
        ("adresse de consommation 27 avenue Jean Jaurès, 31000 Toulouse.", "adresse de consommation [address]."),
        ("This is about contract at 6 place de la Mairie, 67000 Strasbourg.", "This is about contract at [address]."),
        ("au 4 allee des tilleuls, 44300 nantes", "au [address]"),
        ("88 bd Voltaire, 75011 Paris", "[address]"),
        ("panne électricité rue des Lilas, combien de temps ?", "panne électricité [address], combien de temps ?"),
        ("We moved to 221B Baker Street, London last week", "We moved to [address], London last week"),
    ])
    func postalAddressesAreMasked(input: String, expected: String) {
        #expect(Anonymizer.mask(input, names: PersonalText()) == expected)
    }

    @Test(arguments: [
        "I have 3 Google Drive folders and 2 new places to add",
        "La mise en place de la facturation est en cours de traitement.",
        "Street lights are off in our road since 2 days",
        "Ma commande de 12 articles est partie le 3 mars",
    ])
    func sentencesAreNotAddresses(input: String) {
        #expect(Anonymizer.mask(input, names: PersonalText()) == input)
    }

    @Test func signatureBlocksKeepTheirClosingsAndLoseNamesAndAddresses() {
        let lines = [
            "Dans l'attente de votre retour.", "", "Cordialement", "", "Yasmine MERCIER", "9 rue du Port, 06400 Cannes",
        ]
        #expect(
            Anonymizer.mask(lines: lines, names: PersonalText())
                == ["Dans l'attente de votre retour.", "", "Cordialement", "", "[name] [name]", "[address]"])
        let phone = ["Le compteur est bloqué.", "Bien cordialement,", "M. Jean Dupont", "Tél : 06 12 34 56 78"]
        #expect(
            Anonymizer.mask(lines: phone, names: PersonalText())
                == ["Le compteur est bloqué.", "Bien cordialement,", "M. [name] [name]", "Tél : [phone]"])
        #expect(
            Anonymizer.mask(lines: ["Ça marche.", "Merci d'avance.", "Hélène"], names: PersonalText())
                == ["Ça marche.", "Merci d'avance.", "[name]"])
    }

    @Test func topicTextLosesAddressesAndPhones() {
        let personal = PersonalText(displayNames: ["Jean Dupont"])
        let text = personal.strip(
            "Bonjour,\nLe compteur du 27 avenue Jean Jaurès, 31000 Toulouse est bloqué.\nAppelez le 06 12 34 56 78 ou jean.dupont@orange.fr\nMerci\nJean"
        )
        #expect(
            !text.contains("Jaurès") && !text.contains("avenue") && !text.contains("06 12")
                && !text.contains("orange.fr"))
        #expect(text.contains("compteur") && text.contains("bloqué"))
    }

    @Test func anonymizedTablesNameNoTeamMemberAndNoSmallDomain() {
        var options = HandFixture.options
        options.anonymize = true
        // A third acme.com customer in the window, and a customer whose domain carries a name of the headers.
        let messages =
            HandFixture.messages + [
                HandFixture.message(
                    20, thread: "E", from: "gina@acme.com", date: HandFixture.at(2024, 3, 12, 9), reply: false),
                HandFixture.message(
                    21, thread: "F", from: "contact@cabinet-lemaire.fr", name: "Paul Lemaire",
                    date: HandFixture.at(2024, 3, 12, 10),
                    reply: false),
            ]
        let masked = ReportModel(messages: messages, options: options)
        let plain = ReportModel(messages: messages, options: HandFixture.options)
        #expect(plain.breakdowns.byMember.contains { $0.name == "Bob" })
        #expect(masked.breakdowns.byMember.map(\.name) == plain.breakdowns.byMember.indices.map { "Member \($0 + 1)" })
        #expect(masked.breakdowns.byMember.allSatisfy { $0.address == "[email]" })
        #expect(masked.breakdowns.byMember.map(\.teamReplies) == plain.breakdowns.byMember.map(\.teamReplies))
        // acme.com has three customers in the window (alice, dave, gina): shown. gmail.com and example.org have one,
        // cabinet-lemaire.fr names someone: folded into one row, its counts kept.
        #expect(plain.breakdowns.byDomain.contains { $0.domain == "cabinet-lemaire.fr" })
        #expect(masked.breakdowns.byDomain.map(\.domain).sorted() == ["[domain]", "acme.com"])
        #expect(
            masked.breakdowns.byDomain.reduce(0) { $0 + $1.customerMessages }
                == plain.breakdowns.byDomain.reduce(0) { $0 + $1.customerMessages })
        let files = ReportGenerator().generate(messages: messages, options: options)
        for file in files where file.name.hasSuffix(".csv") || file.name.hasSuffix(".md") {
            for leak in ["Bob", "carol", "example.org", "lemaire", "Lemaire"] {
                #expect(!file.contents.contains(leak), "\(file.name) shows \(leak)")
            }
        }
    }
}
