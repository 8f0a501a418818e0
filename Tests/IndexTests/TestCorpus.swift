import Foundation
import MailCore
import TestSupport

@testable import Index

/// A small hand-built corpus whose every operator has a known answer.
enum TestCorpus {
    /// 2024-03-10 12:00:00 UTC.
    static let march10: Int64 = 1_710_072_000
    static let day: Int64 = 86_400

    static func summary(
        uid: UInt32, subject: String, from: EmailAddress?, to: [EmailAddress] = [], cc: [EmailAddress] = [],
        date: Int64, reply: String, labels: [String] = [], flags: [Flag] = [], isReply: Bool = false,
        direction: Direction = .customer, thread: String, attachments: [AttachmentInfo] = [],
        mailbox: String = "INBOX", messageId: String? = nil
    ) -> MessageSummary {
        MessageSummary(
            key: MessageKey(account: "support", mailbox: mailbox, uidValidity: UIDValidity(7), uid: UID(uid)),
            messageId: messageId ?? "m\(uid)@mail.example", date: date, utcOffsetSeconds: 3600, from: from, to: to,
            cc: cc,
            subject: subject, labels: labels, flags: flags, isReply: isReply, direction: direction, threadId: thread,
            size: 1000, attachments: attachments, replyText: reply)
    }

    static let team = EmailAddress(name: "Support Team", address: "help@support.example")
    static let anna = EmailAddress(name: "Anna Müller", address: "anna@example.com")
    static let bruno = EmailAddress(name: "Bruno Lefèvre", address: "bruno.lefevre@client.fr")
    static let carol = EmailAddress(name: "Carol", address: "carol@big.example.org")

    static var documents: [IndexDocument] {
        [
            IndexDocument(
                summary: summary(
                    uid: 1, subject: "Mot de passe d'application refusé", from: bruno, to: [team],
                    date: march10 - 20 * day,
                    reply: "Bonjour, le mot de passe d'application est refusé par mon client mail. Merci",
                    labels: ["Clients VIP"], thread: "t1"),
                bodyText: "Bonjour, le mot de passe d'application est refusé par mon client mail. Merci"),
            IndexDocument(
                summary: summary(
                    uid: 2, subject: "Re: Mot de passe d'application refusé", from: team, to: [bruno], cc: [carol],
                    date: march10 - 19 * day, reply: "Générez un nouveau mot de passe, sans espaces.",
                    flags: ["\\Seen"], isReply: true, direction: .team, thread: "t1", mailbox: "[Gmail]/Sent Mail"),
                bodyText:
                    "Générez un nouveau mot de passe, sans espaces.\n\nLe 20 févr. Bruno a écrit :\n> le mot de passe d'application est refusé"
            ),
            IndexDocument(
                summary: summary(
                    uid: 3, subject: "Invoice missing VAT number", from: anna, to: [team], date: march10,
                    reply: "Our accounting department needs the VAT number on the invoices. See attached.",
                    labels: ["Billing"], thread: "t2",
                    attachments: [
                        AttachmentInfo(filename: "facture-2024.pdf", contentType: "application/pdf", size: 1234)
                    ]),
                bodyText: "Our accounting department needs the VAT number on the invoices. See attached."),
            IndexDocument(
                summary: summary(
                    uid: 4, subject: "Re: Invoice missing VAT number", from: team, to: [anna], date: march10 + 2 * day,
                    reply: "Add the VAT number under Billing > Company details.", flags: ["\\Seen", "\\Flagged"],
                    isReply: true, direction: .team, thread: "t2"),
                bodyText:
                    "Add the VAT number under Billing > Company details.\n\nOn Sunday Anna wrote:\n> Our accounting department needs the VAT number"
            ),
            IndexDocument(
                summary: summary(
                    uid: 5, subject: "Études de cas", from: carol, to: [team], date: march10 + 5 * day,
                    reply: "Avez-vous des études de cas pour les écoles ?", thread: "t3"),
                bodyText: "Avez-vous des études de cas pour les écoles ?"),
            IndexDocument(
                summary: summary(
                    uid: 6, subject: "Export CSV", from: nil, to: [team], date: march10 - 200 * day,
                    reply: "The export stops at 50%. Password unrelated.", thread: "t4"),
                bodyText: "The export stops at 50%. Password unrelated."),
        ]
    }

    static func temporaryDirectory(_ name: String = #function) -> URL {
        let url = ScratchFolder.root
            .appendingPathComponent(
                "mailmirror-index-tests-\(getpid())-\(name.filter(\.isLetter))-\(UInt64.random(in: 0...UInt64.max))")
        try? FileManager.default.removeItem(at: url)
        return url
    }

    static func build(_ documents: [IndexDocument] = documents, in directory: URL) throws -> SearchIndex {
        let writer = try IndexWriter(directory: directory)
        for document in documents { writer.add(document) }
        try writer.commit()
        return try SearchIndex.open(directory: directory)
    }
}
