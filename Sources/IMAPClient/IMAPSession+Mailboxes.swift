import IMAP
import MailCore

extension IMAPSession {
    /// Every mailbox, with SPECIAL-USE roles (asked for with `RETURN (SPECIAL-USE)` when offered;
    /// Gmail and Dovecot also send them unasked).
    public func listMailboxes() throws(IMAPSessionError) -> [MailboxListing] {
        var out: [MailboxListing] = []
        let extended = capabilities.contains(.specialUse) && capabilities.contains(.listExtended)
        let done = try execute(
            .list(
                reference: MailboxName(bytes: []), pattern: MailboxName(bytes: [UInt8(ascii: "*")]),
                returnSpecialUse: extended)
        ) {
            response throws(IMAPSessionError) in
            if case .list(let data) = response { out.append(MailboxListing(data)) }
        }
        try requireOK(done, "LIST")
        return out
    }

    /// STATUS without opening the mailbox: the cheap "did anything change?" check.
    public func status(_ mailbox: MailboxName) throws(IMAPSessionError) -> MailboxStatus {
        var items: [StatusItem] = [.messages, .uidNext, .uidValidity]
        if capabilities.contains(.condStore) { items.append(.highestModSeq) }
        var data: MailboxStatusData?
        let done = try execute(.status(mailbox, items)) { response throws(IMAPSessionError) in
            if case .status(let name, let d) = response, name == mailbox || data == nil { data = d }
        }
        try requireOK(done, "STATUS \(mailbox.displayName)")
        guard let data, let messages = data.messages, let uidNext = data.uidNext, let uidValidity = data.uidValidity
        else {
            throw .protocolViolation(
                .unexpected("STATUS of \(mailbox.displayName) without MESSAGES, UIDNEXT and UIDVALIDITY"))
        }
        return MailboxStatus(
            messages: messages, uidNext: uidNext, uidValidity: uidValidity, highestModSeq: data.highestModSeq)
    }

    /// Opens a mailbox read-only with EXAMINE (never SELECT), with CONDSTORE when offered.
    public func examine(_ mailbox: MailboxName) throws(IMAPSessionError) -> SelectedMailbox {
        let condStore = capabilities.contains(.condStore)
        var uidValidity: UIDValidity?
        var uidNext: UID?
        var exists: UInt32 = 0
        var highest: ModSequence?
        var noModSeq = false
        selected = nil
        let done = try execute(.examine(mailbox, condStore: condStore)) { response throws(IMAPSessionError) in
            switch response {
            case .exists(let n): exists = n
            case .condition(_, let text):
                switch text.code {
                case .uidValidity(let v)?: uidValidity = v
                case .uidNext(let v)?: uidNext = v
                case .highestModSeq(let v)?: highest = v
                case .noModSeq?: noModSeq = true
                default: break
                }
            default: break
            }
        }
        try requireOK(done, "EXAMINE \(mailbox.displayName)")
        guard let uidValidity else {
            throw .protocolViolation(.unexpected("EXAMINE of \(mailbox.displayName) without UIDVALIDITY"))
        }
        let next: UID
        if let uidNext {
            next = uidNext
        } else {
            // Servers may omit UIDNEXT: the last message's UID + 1 means the same.
            next = try lastUID(exists: exists).map { UID($0.rawValue &+ 1) } ?? UID(1)
        }
        let result = SelectedMailbox(
            name: mailbox, uidValidity: uidValidity, uidNext: next, exists: exists,
            highestModSeq: noModSeq ? nil : highest,
            readOnly: done.text.code == .readOnly)
        selected = result
        return result
    }

    private func lastUID(exists: UInt32) throws(IMAPSessionError) -> UID? {
        guard exists > 0 else { return nil }
        var last: UID?
        // `4294967295:*` is the last message whatever its UID.
        let done = try execute(.uidFetch(UIDSet(ranges: [UIDRange.from(UID(UInt32.max))]), [.uid], changedSince: nil)) {
            response throws(IMAPSessionError) in
            if case .fetch(let f) = response, let uid = f.uid { last = max(last ?? uid, uid) }
        }
        try requireOK(done, "UID FETCH")
        return last
    }

    /// Every UID in the examined mailbox, ascending: ESEARCH `RETURN (ALL)` where offered (compact
    /// ranges), else `UID SEARCH ALL`. Diffed against the local set to find expunges.
    public func allUIDs() throws(IMAPSessionError) -> [UID] {
        let extended = capabilities.contains(.eSearch)
        var uids: [UID] = []
        var failure: IMAPProtocolError?
        let done = try execute(.uidSearchAll(extended: extended)) { response throws(IMAPSessionError) in
            switch response {
            case .search(let numbers, _): uids += numbers.map { UID($0) }
            case .esearch(let e):
                guard let all = e.all else { break }
                do throws(IMAPProtocolError) { uids += try all.expanded() } catch { failure = error }
            default: break
            }
        }
        if let failure { throw fail(.protocolViolation(failure)) }
        try requireOK(done, "UID SEARCH")
        return Array(Set(uids)).sorted()
    }

    /// Current flags of the examined mailbox's messages; with CONDSTORE and `changedSince`, only
    /// those changed since that mod-sequence (RFC 7162 CHANGEDSINCE).
    public func fetchFlags(changedSince: ModSequence? = nil) throws(IMAPSessionError) -> [FlagUpdate] {
        // `1:*` in an empty mailbox is an error on some servers.
        if selected?.exists == 0 { return [] }
        let condStore = capabilities.contains(.condStore)
        var items: [FetchItem] = [.uid, .flags]
        if condStore { items.append(.modSeq) }
        var updates: [FlagUpdate] = []
        let done = try execute(.uidFetch(.all, items, changedSince: condStore ? changedSince : nil)) {
            response throws(IMAPSessionError) in
            if case .fetch(let f) = response, let uid = f.uid, let flags = f.flags {
                updates.append(FlagUpdate(uid: uid, flags: flags.withoutRecent, modSeq: f.modSeq))
            }
        }
        try requireOK(done, "UID FETCH (FLAGS)")
        return updates.sorted { $0.uid < $1.uid }
    }
}

extension Array where Element == Flag {
    /// `\Recent` belongs to one session (RFC 3501 §2.3.2; gone in IMAP4rev2) and cannot be
    /// mirrored: keeping it would make flags look changed from one sync to the next.
    var withoutRecent: [Flag] { filter { $0 != .recent } }
}

extension IMAPSession {
    /// RFC822.SIZE and INTERNALDATE of the given UIDs in the examined mailbox, without bodies:
    /// the sync plans its downloads (progress, daily budget, `--since`) from them.
    public func fetchSizes(uids: [UID]) throws(IMAPSessionError) -> [MessageSize] {
        if uids.isEmpty { return [] }
        var sizes: [MessageSize] = []
        let done = try execute(.uidFetch(UIDSet(uids), [.uid, .rfc822Size, .internalDate], changedSince: nil)) {
            response throws(IMAPSessionError) in
            if case .fetch(let f) = response, let uid = f.uid {
                sizes.append(MessageSize(uid: uid, size: f.size ?? 0, internalDate: f.internalDate))
            }
        }
        try requireOK(done, "UID FETCH (RFC822.SIZE)")
        return sizes
    }
}
