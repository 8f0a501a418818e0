/// Which server mailboxes an account mirrors.
///
/// On Gmail the `\All` mailbox alone (it holds the inbox and the sent replies, each once),
/// found through SPECIAL-USE because its name is localised (`[Gmail]/Tous les messages`).
/// Elsewhere INBOX plus the `\Sent` mailbox. `--mailbox` overrides both.
enum MailboxSelection {
    static func choose(from listing: [RemoteMailbox], account: AccountConfiguration, serverIsGmail: Bool) throws
        -> [String]
    {
        let selectable = listing.filter(\.selectable)
        if !account.mailboxes.isEmpty {
            return account.mailboxes
        }
        if account.gmail || serverIsGmail, let all = selectable.first(where: { $0.roles.contains(.all) }) {
            return [all.name]
        }
        var chosen: [String] = []
        if let inbox = selectable.first(where: { $0.name.uppercased() == "INBOX" }) {
            chosen.append(inbox.name)
        }
        if let sent = selectable.first(where: { $0.roles.contains(.sent) }), !chosen.contains(sent.name) {
            chosen.append(sent.name)
        }
        guard !chosen.isEmpty else { throw MailMirrorError.noMailboxes(account: account.name) }
        return chosen
    }
}
