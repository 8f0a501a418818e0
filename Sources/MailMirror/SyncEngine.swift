import FoundationEssentials
import Glibc
import MailCore
import Store
import Synchronization

/// Mirrors an account's mailboxes into the local store, read-only and incrementally.
///
/// What to download is the difference between the UIDs on the server and the files in the
/// store, never a counter: a run killed at any point resumes without downloading again what
/// was committed, and a message is in `cur/` whole or not at all. The state file only lets
/// an unchanged mailbox be skipped after one STATUS.
public final class SyncEngine {
    public typealias MailboxOpener = (_ account: AccountConfiguration, _ mailbox: String) throws -> LocalMailbox

    private let connector: RemoteConnector
    private let openMailbox: MailboxOpener
    private let budgetURL: (AccountConfiguration) -> URL
    private let ingest: MessageIngest?
    private let observer: SyncObserver
    private let options: SyncOptions

    public init(
        connector: RemoteConnector, openMailbox: @escaping MailboxOpener,
        budgetURL: @escaping (AccountConfiguration) -> URL, ingest: MessageIngest?,
        observer: SyncObserver, options: SyncOptions = SyncOptions()
    ) {
        self.connector = connector
        self.openMailbox = openMailbox
        self.budgetURL = budgetURL
        self.ingest = ingest
        self.observer = observer
        self.options = options
    }

    public func sync(_ account: AccountConfiguration, password: Secret) -> AccountSyncResult {
        var result = AccountSyncResult(account: account.name)
        observer.accountStarted(account.name)
        let budget = DownloadBudget(url: budgetURL(account), limit: account.effectiveBudgetBytes, now: options.now())
        defer { try? budget.save() }

        var session: RemoteSession
        let names: [String]
        do {
            session = try connector.connect(account, password: password)
            names = try MailboxSelection.choose(
                from: session.mailboxes(), account: account, serverIsGmail: session.isGmail)
        } catch {
            result.error = Failure.message(error)
            result.errorIsTemporary = Failure.isTemporary(error)
            return result
        }

        var stopAccount = false
        var sessionIsSuspect = false
        for name in names {
            if stopAccount {
                continue
            }
            if sessionIsSuspect {
                // The last mailbox failed mid-conversation: start the next one on a fresh connection.
                session.logout()
                do {
                    session = try connector.connect(account, password: password)
                    sessionIsSuspect = false
                } catch {
                    result.error = Failure.message(error)
                    result.errorIsTemporary = Failure.isTemporary(error)
                    break
                }
            }
            let outcome = syncMailboxReconnecting(
                name, account: account, password: password, session: &session,
                budget: budget)
            let mailboxResult = outcome.result
            stopAccount = outcome.stopAccount
            sessionIsSuspect = outcome.sessionIsSuspect
            if mailboxResult.remaining > 0 {
                result.notices.append(budgetNotice(mailboxResult, budget: budget))
            }
            observer.mailboxFinished(mailboxResult)
            result.mailboxes.append(mailboxResult)
        }
        session.logout()
        return result
    }

    /// Syncs one mailbox on `session`, reconnecting (and replacing `session`) after a dropped connection up to
    /// `options.reconnectAttempts` times. `stopAccount`: the account's other mailboxes must not be tried;
    /// `sessionIsSuspect`: the mailbox failed mid-conversation, so the next one needs a fresh connection.
    private func syncMailboxReconnecting(
        _ name: String, account: AccountConfiguration, password: Secret,
        session: inout RemoteSession, budget: DownloadBudget
    )
        -> (result: MailboxSyncResult, stopAccount: Bool, sessionIsSuspect: Bool)
    {
        var mailboxResult = MailboxSyncResult(account: account.name, mailbox: name)
        var stopAccount = false
        var sessionIsSuspect = false
        var attempt = 0
        while true {
            do {
                try syncMailbox(name, account: account, session: session, budget: budget, result: &mailboxResult)
                mailboxResult.error = nil
                break
            } catch {
                let scope = Failure.scope(of: error)
                if scope == .connection, attempt < options.reconnectAttempts {
                    let delay = options.reconnectDelays[min(attempt, options.reconnectDelays.count - 1)]
                    attempt += 1
                    observer.warning(
                        "\(account.name)/\(Failure.printable(name)): \(Failure.message(error)); reconnecting (attempt \(attempt) of \(options.reconnectAttempts))"
                    )
                    session.logout()
                    Self.pause(seconds: delay)
                    do {
                        session = try connector.connect(account, password: password)
                        continue
                    } catch {
                        mailboxResult.error = Failure.message(error)
                        mailboxResult.errorIsTemporary = Failure.isTemporary(error)
                        stopAccount = true
                        break
                    }
                }
                mailboxResult.error = "\(Failure.printable(name)): \(Failure.message(error))"
                mailboxResult.errorIsTemporary = Failure.isTemporary(error) || scope == .connection
                // A mailbox that keeps breaking the connection (one message the server cannot send)
                // must not starve the others: `sync` gives them a fresh connection, and if none can be
                // opened the account stops there.
                if scope == .account || scope == .store { stopAccount = true }
                sessionIsSuspect = true
                break
            }
        }
        return (mailboxResult, stopAccount, sessionIsSuspect)
    }

    private func syncMailbox(
        _ name: String, account: AccountConfiguration, session: RemoteSession,
        budget: DownloadBudget, result: inout MailboxSyncResult
    ) throws {
        let local = try openMailbox(account, name)
        try local.sweep()
        let prior = try? local.state()
        let status = try session.status(of: name)
        try Self.validate(status, mailbox: name)
        if let prior, var state = try unchanged(prior, status: status, local: local) {
            result.uidValidity = status.uidValidity
            state.lastSync = Int64(options.now().timeIntervalSince1970)
            try local.saveState(state)
            observer.mailboxPlanned(account: account.name, mailbox: name, messages: 0, bytes: 0)
            return
        }

        // The store's listing of the epoch STATUS named (tens of ms at 100,000 messages) is made while the
        // server opens the mailbox; only if EXAMINE names another epoch is that one listed after.
        let (examined, listed) = Parallel.both(
            { Result { try session.examine(name) } },
            { Result { try local.stored(uidValidity: status.uidValidity) } })
        let opened = try examined.get()
        try Self.validate(opened, mailbox: name)
        let epoch = opened.uidValidity
        result.uidValidity = epoch
        let stored = try epoch == status.uidValidity ? listed.get() : local.stored(uidValidity: epoch)
        try Self.validate(
            uidNext: [status.uidValidity == epoch ? status.uidNext : nil, opened.uidNext], stored: stored, epoch: epoch)

        let since = account.since.flatMap(DayStamp.init)
        let everyUID = Self.ascending(try session.uids(since: nil))
        let wanted = since == nil ? everyUID : Self.ascending(try session.uids(since: since))
        if !stored.isEmpty {
            let lastModSeq = prior?.uidValidity == epoch ? prior?.highestModSeq : nil
            result.flagsChanged += try applyFlagChanges(
                session.flags(changedSince: lastModSeq), to: stored, local: local, epoch: epoch)
        }
        // Deleted on the server: kept here, marked.
        let gone = Self.storedOnly(stored, server: everyUID)
        if !gone.isEmpty {
            try local.markExpunged(uidValidity: epoch, uids: gone)
            result.expunged += gone.count
        }

        // New messages, within today's download budget.
        let missing = Self.missing(wanted, stored: stored)
        let plan = planDownloads(
            missing, sizes: missing.isEmpty ? [:] : try session.sizes(of: missing), budget: budget, result: &result)
        observer.mailboxPlanned(account: account.name, mailbox: name, messages: plan.uids.count, bytes: plan.bytes)
        var written = NewlyStored()
        if !plan.uids.isEmpty {
            written = try download(
                plan.uids, into: local, epoch: epoch, account: account.name, mailbox: name, session: session,
                budget: budget, result: &result)
        }
        try local.flush(uidValidity: epoch)
        try ingest?.flush()

        // Only a complete pass may record the counters that let the next run skip this mailbox. What the
        // store holds now is what it held, less the messages marked gone, plus those written: `cur/` is not
        // listed again (at a million messages a listing is most of a sync that brings a few hundred).
        let complete = result.remaining == 0
        let highest = [stored.highestUID, written.highest].compactMap { $0 }.max()
        try local.saveState(
            LocalMailboxState(
                uidValidity: epoch,
                uidNext: complete ? (opened.uidNext ?? status.uidNext) : nil,
                storedMessages: stored.unexpungedCount - gone.count + written.count,
                serverMessages: opened.messages,
                highestModSeq: opened.highestModSeq ?? status.highestModSeq,
                lastSync: Int64(options.now().timeIntervalSince1970),
                uidsStoredBelow: UID((highest?.rawValue ?? 0) &+ 1)))
    }

    /// The state to save again when the server says nothing changed since the last complete pass (same
    /// epoch, UIDNEXT, message count and HIGHESTMODSEQ) and the store still holds what that pass recorded;
    /// nil when a pass must run. The store is listed for this only when its stamp moved since the count
    /// was last listed (`LocalMailboxState.listingStamp`): then the stamp, taken before the listing, is
    /// kept for the next run.
    private func unchanged(_ prior: LocalMailboxState, status: RemoteMailboxStatus, local: LocalMailbox) throws
        -> LocalMailboxState?
    {
        guard prior.uidValidity == status.uidValidity, let uidNext = status.uidNext, prior.uidNext == uidNext,
            prior.serverMessages == status.messages, let modSeq = status.highestModSeq, prior.highestModSeq == modSeq
        else { return nil }
        var state = prior
        let stamp = try local.listingStamp(uidValidity: prior.uidValidity)
        if let stamp, stamp == prior.listingStamp {
            // Recorded with a listing whose UIDs were all below `uidNext` (the state saved then made sure).
            state.uidsStoredBelow = uidNext
            return state
        }
        let stored = try local.stored(uidValidity: prior.uidValidity)
        guard stored.unexpungedCount == prior.storedMessages else { return nil }
        state.listingStamp = stamp
        state.uidsStoredBelow = UID((stored.highestUID?.rawValue ?? 0) &+ 1)
        return state
    }

    /// UIDs as a set, in ascending order: a server's UID SEARCH answer need not be sorted nor free of repeats.
    static func ascending(_ uids: [UID]) -> [UID] {
        var sorted = uids
        sorted.sort()
        var write = 0
        for uid in sorted where write == 0 || sorted[write - 1] != uid {
            sorted[write] = uid
            write += 1
        }
        sorted.removeLast(sorted.count - write)
        return sorted
    }

    /// The stored messages not marked expunged whose UIDs the server (`server`, ascending) no longer has:
    /// one walk of both sorted lists.
    static func storedOnly(_ stored: StoredListing, server: [UID]) -> [UID] {
        var gone: [UID] = []
        var next = 0
        for (uid, expunged) in stored {
            while next < server.count && server[next] < uid { next += 1 }
            if !expunged && (next == server.count || server[next] != uid) { gone.append(uid) }
        }
        return gone
    }

    /// The UIDs of `wanted` (ascending) the store does not hold, ascending: one walk of both sorted lists.
    static func missing(_ wanted: [UID], stored: StoredListing) -> [UID] {
        var missing: [UID] = []
        var iterator = stored.makeIterator()
        var current = iterator.next()
        for uid in wanted {
            while let held = current, held.uid < uid { current = iterator.next() }
            if current?.uid != uid { missing.append(uid) }
        }
        return missing
    }

    /// Applies the server's flags to the messages we already have whose flags differ; returns how many changed.
    private func applyFlagChanges(
        _ changes: [UID: [Flag]], to stored: StoredListing, local: LocalMailbox,
        epoch: UIDValidity
    ) throws -> Int {
        var changed = 0
        for (uid, flags) in changes.sorted(by: { $0.key < $1.key }) {
            guard let mine = stored.flags(of: uid), Flag.mirrored(mine) != Flag.mirrored(flags) else { continue }
            try local.setFlags(uidValidity: epoch, uid: uid, flags: flags)
            changed += 1
        }
        return changed
    }

    /// The missing UIDs that fit in today's download budget, in order, and their bytes; the others are
    /// counted in `result` as remaining.
    private func planDownloads(
        _ missing: [UID], sizes: [UID: Int], budget: DownloadBudget,
        result: inout MailboxSyncResult
    ) -> (uids: [UID], bytes: Int64) {
        var plan: [UID] = []
        var reserved: Int64 = 0
        for uid in missing {
            let size = sizes[uid] ?? 0
            if budget.allows(Int(reserved) + size) {
                plan.append(uid)
                reserved += Int64(size)
            } else {
                result.remaining += 1
                result.remainingBytes += Int64(size)
            }
        }
        return (plan, reserved)
    }

    /// How many messages a pass wrote into the store, and the highest of their UIDs.
    struct NewlyStored {
        var count = 0
        var highest: UID?
    }

    /// Downloads `plan` and commits each message as it arrives (the pipeline overlaps commits with the
    /// download); what was committed is counted in `result`, also when a download or a commit fails.
    /// Returns what the store did not hold before (a server sending one UID twice is counted once).
    private func download(
        _ plan: [UID], into local: LocalMailbox, epoch: UIDValidity, account accountName: String,
        mailbox name: String, session: RemoteSession, budget: DownloadBudget,
        result: inout MailboxSyncResult
    ) throws -> NewlyStored {
        let planned = Set(plan)
        let written = Mutex(NewlyStored())
        let pipeline = CommitPipeline(capacity: options.pipelineCapacity)
        let group = CommitGroup(local: local, size: options.durableGroupSize)
        let observer = self.observer
        let ingest = self.ingest
        do {
            try session.fetch(plan) { message in
                guard planned.contains(message.uid) else { return }
                budget.spend(message.bytes.count)
                try pipeline.submit(bytes: message.bytes.count) {
                    let staged = try local.stage(
                        uidValidity: epoch, uid: message.uid, flags: message.flags, bytes: message.bytes)
                    let key = MessageKey(account: accountName, mailbox: name, uidValidity: epoch, uid: message.uid)
                    // Read while the bytes are in memory; catalogued only once the message is durable.
                    let ingested = ingest?.read(key: key, message: message)
                    let bytes = message.bytes.count
                    guard let staged else {
                        // Stored already (a server sending one UID twice): catalogued again, as before, not counted as new.
                        if let ingested { ingest?.record(ingested) }
                        observer.messageCommitted(account: accountName, mailbox: name, bytes: bytes)
                        group.count(bytes: bytes)
                        return
                    }
                    try group.add(
                        CommitGroup.Entry(staged: staged, bytes: bytes) {
                            written.withLock { written in
                                written.count += 1
                                written.highest = max(written.highest ?? staged.uid, staged.uid)
                            }
                            if let ingested { ingest?.record(ingested) }
                            observer.messageCommitted(account: accountName, mailbox: name, bytes: bytes)
                        })
                }
            }
            try pipeline.drain()
            try group.publishRest()
        } catch {
            // A download or a commit failed (a commit can fail after the last download: a full disk).
            // What was staged is published (or dropped when the store cannot take it), then what was
            // committed is counted and catalogued before the failure is reported.
            let failure = pipeline.settle()
            do { try group.publishRest() } catch { group.abandonRest() }
            result.fetched += group.published.count
            result.bytes += group.published.bytes
            try? ingest?.flush()
            throw failure ?? error
        }
        result.fetched += group.published.count
        result.bytes += group.published.bytes
        return written.withLock { $0 }
    }

    /// Sleeps `seconds` (the wait before a reconnection), through interruptions by signals.
    private static func pause(seconds: Double) {
        let whole = max(0, seconds.rounded(.down))
        var request = timespec(tv_sec: Int(whole), tv_nsec: Int((max(0, seconds) - whole) * 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0 && errno == EINTR { request = remaining }
    }

    private func budgetNotice(_ result: MailboxSyncResult, budget: DownloadBudget) -> String {
        let megabytes = { (bytes: Int64) in "\(Int((Double(bytes) / 1_000_000).rounded(.toNearestOrEven))) MB" }
        var text =
            "\(result.account)/\(result.mailbox): the daily download budget (\(megabytes(budget.limitBytes ?? 0))) is used up; "
            + "\(result.remaining) messages (\(megabytes(result.remainingBytes))) are left for the next runs"
        if let limit = budget.limitBytes, limit > 0 {
            let days = Int((Double(result.remainingBytes) / Double(limit)).rounded(.up))
            text +=
                "; the mirror will be complete in about \(max(1, days)) more day\(days > 1 ? "s" : "") (the budget renews at 00:00 UTC)"
        }
        return text
    }

    /// UIDVALIDITY 0 is not allowed (RFC 9051 §2.3.1.1): a server sending it is broken or hostile.
    static func validate(_ status: RemoteMailboxStatus, mailbox: String) throws {
        if status.uidValidity.rawValue == 0 {
            throw MailMirrorError.serverMisbehaved(
                "the server gave mailbox \(mailbox) UIDVALIDITY 0, which IMAP forbids; skipped")
        }
    }

    /// UIDs only grow within one UIDVALIDITY (RFC 9051 §2.3.1.1). A UIDNEXT at or below a UID
    /// already mirrored means the server is handing old UIDs to other messages: whatever it
    /// sends under them could not be told from what we hold, and new mail there would never be
    /// fetched. Refuse the mailbox (the copies stay) rather than mirror it wrong. Both STATUS's
    /// and EXAMINE's values must say so: the client derives EXAMINE's from the last UID when a
    /// server omits it, which is lower after the top messages were expunged.
    static func validate(uidNext announced: [UID?], stored: StoredListing, epoch: UIDValidity) throws {
        let values = announced.compactMap { $0 }
        guard let highest = stored.highestUID, let uidNext = values.max(), uidNext <= highest else { return }
        throw MailMirrorError.serverMisbehaved(
            "the server now gives UIDNEXT \(uidNext.rawValue) although UID \(highest.rawValue) was already mirrored under the same "
                + "UIDVALIDITY \(epoch.rawValue): it is reusing UIDs, which IMAP forbids. The mirrored copies are kept; this mailbox "
                + "is skipped until the server gives it a new UIDVALIDITY")
    }
}
