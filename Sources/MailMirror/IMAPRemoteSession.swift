import FoundationEssentials
import IMAP
import IMAPClient
import MailCore

/// The engine's remote side over one IMAPClient session.
final class IMAPRemoteSession: RemoteSession {
    private let session: IMAPSession
    /// Display name → exact wire name, from the last LIST.
    private var wireNames: [String: MailboxName] = [:]

    init(_ session: IMAPSession) {
        self.session = session
    }

    var isGmail: Bool { session.isGmail }

    func mailboxes() throws -> [RemoteMailbox] {
        try session.listMailboxes().map { listing in
            wireNames[listing.name] = listing.rawName
            return RemoteMailbox(
                name: listing.name, roles: listing.specialUse.flatMap(Self.role).map { [$0] } ?? [],
                selectable: listing.isSelectable)
        }
    }

    func status(of mailbox: String) throws -> RemoteMailboxStatus {
        let status = try session.status(wireName(mailbox))
        return RemoteMailboxStatus(
            uidValidity: status.uidValidity, uidNext: status.uidNext, messages: Int(status.messages),
            highestModSeq: status.highestModSeq)
    }

    func examine(_ mailbox: String) throws -> RemoteMailboxStatus {
        let selected = try session.examine(wireName(mailbox))
        return RemoteMailboxStatus(
            uidValidity: selected.uidValidity, uidNext: selected.uidNext, messages: Int(selected.exists),
            highestModSeq: selected.highestModSeq)
    }

    func uids(since: DayStamp?) throws -> [UID] {
        let all = try session.allUIDs()
        guard let since, !all.isEmpty else { return all }
        let start = Self.epochSeconds(of: since)
        return try session.fetchSizes(uids: all).filter { ($0.internalDate ?? Int64.max) >= start }.map(\.uid).sorted()
    }

    func sizes(of uids: [UID]) throws -> [UID: Int] {
        var sizes: [UID: Int] = [:]
        for entry in try session.fetchSizes(uids: uids) { sizes[entry.uid] = Int(entry.size) }
        return sizes
    }

    func flags(changedSince modSequence: ModSequence?) throws -> [UID: [Flag]] {
        var flags: [UID: [Flag]] = [:]
        for update in try session.fetchFlags(changedSince: modSequence) { flags[update.uid] = update.flags }
        return flags
    }

    func fetch(_ uids: [UID], handler: (RemoteMessage) throws -> Void) throws {
        try session.fetchMessages(uids: uids) { message in
            try handler(
                RemoteMessage(
                    uid: message.uid, flags: message.flags, internalDate: message.internalDate,
                    gmailMessageId: message.gmailMessageId, gmailThreadId: message.gmailThreadId,
                    labels: message.labels, bytes: message.body))
        }
    }

    func logout() {
        session.logout()
    }

    private func wireName(_ mailbox: String) -> MailboxName {
        wireNames[mailbox] ?? MailboxName(mailbox)
    }

    private static func role(_ use: SpecialUse) -> MailboxRole? {
        switch use {
        case .all: return .all
        case .sent: return .sent
        case .drafts: return .drafts
        case .trash: return .trash
        case .junk: return .junk
        case .archive: return .archive
        case .flagged: return .flagged
        case .important: return .important
        }
    }

    private static func epochSeconds(of day: DayStamp) -> Int64 {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
        return Int64(date.timeIntervalSince1970)
    }
}
