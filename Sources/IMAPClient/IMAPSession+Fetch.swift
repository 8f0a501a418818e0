import IMAP
import MailCore

extension IMAPSession {
    /// Downloads whole messages (`BODY.PEEK[]`, so `\Seen` is untouched on the server), calling
    /// `handler` for each as soon as it has arrived.
    ///
    /// UIDs are sorted and cut into batches of `batchSize`, each one `UID FETCH` with its UIDs
    /// compressed into ranges; `inFlight` batches are pipelined so the server never waits for us.
    /// Memory stays bounded: one message is held at a time (plus the socket buffer). UIDs the
    /// server no longer has are simply not delivered; unrequested or body-less FETCH responses
    /// (unsolicited flag updates) are ignored. If `handler` throws, the session is closed (the
    /// stream is mid-response) and the error is rethrown unchanged.
    public func fetchMessages(
        uids: [UID], batchSize: Int = 200, inFlight: Int = 3,
        handler: (FetchedMessage) throws -> Void
    ) throws {
        let sorted = Array(Set(uids)).sorted()
        guard !sorted.isEmpty else { return }
        let wanted = Set(sorted)
        let size = max(1, batchSize)
        var batches: [UIDSet] = []
        var start = 0
        while start < sorted.count {
            batches.append(UIDSet(sorted[start..<min(sorted.count, start + size)]))
            start += size
        }
        var items: [FetchItem] = [.uid, .flags, .internalDate, .rfc822Size]
        if capabilities.contains(.condStore) { items.append(.modSeq) }
        if isGmail { items += [.gmailMessageId, .gmailThreadId, .gmailLabels] }
        items.append(.bodyPeek)

        var pending: [String] = []
        var next = 0
        var delivered = Set<UID>()
        while next < batches.count || !pending.isEmpty {
            while pending.count < max(1, inFlight) && next < batches.count {
                let tag = nextTag()
                if let early = try send(.uidFetch(batches[next], items, changedSince: nil), tag: tag) {
                    try requireOK(early, "UID FETCH")
                } else {
                    pending.append(tag)
                }
                next += 1
            }
            switch try readResponse(allowBye: false) {
            case .untagged(.fetch(let f)):
                guard let uid = f.uid, let body = f.body, wanted.contains(uid), !delivered.contains(uid) else {
                    continue
                }
                delivered.insert(uid)
                let message = FetchedMessage(
                    uid: uid, flags: (f.flags ?? []).withoutRecent, size: f.size ?? Int64(body.count),
                    internalDate: f.internalDate, modSeq: f.modSeq,
                    gmailMessageId: f.gmailMessageId, gmailThreadId: f.gmailThreadId,
                    labels: f.gmailLabels ?? [], body: body)
                do {
                    try handler(message)
                } catch {
                    _ = fail(.sessionUnusable)
                    throw error
                }
            case .untagged:
                continue
            case .tagged(let t):
                guard let index = pending.firstIndex(of: t.tag) else {
                    throw fail(.protocolViolation(.unexpected("a completion for unknown tag \(t.tag)")))
                }
                pending.remove(at: index)
                if t.status != .ok {
                    // Later batches are still in flight: the stream can't be trusted for reuse.
                    do { try requireOK(t, "UID FETCH") } catch { throw fail(error) }
                }
            case .continuation:
                throw fail(.protocolViolation(.unexpected("a continuation request during FETCH")))
            }
        }
    }
}
