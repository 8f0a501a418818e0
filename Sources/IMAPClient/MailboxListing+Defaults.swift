import IMAP

extension MailboxListing {
    /// The mailboxes to mirror when the user names none (DESIGN.md): on Gmail the `\All` mailbox
    /// alone (it holds the inbox and the sent replies, each once); elsewhere INBOX plus the
    /// `\Sent` mailbox. Found by role, never by name: a French Gmail says "Tous les messages".
    public static func defaultSelection(_ listings: [MailboxListing], isGmail: Bool) -> [MailboxListing] {
        let selectable = listings.filter(\.isSelectable)
        if isGmail, let all = selectable.first(where: { $0.specialUse == .all }) {
            return [all]
        }
        var out: [MailboxListing] = []
        if let inbox = selectable.first(where: { $0.rawName == .inbox }) { out.append(inbox) }
        if let sent = selectable.first(where: { $0.specialUse == .sent }), !out.contains(sent) { out.append(sent) }
        return out
    }
}
