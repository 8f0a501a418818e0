import MailCore

/// The messages of a report, gathered one at a time (a catalog is streamed, never held): per message a
/// fixed-size record, its thread key, and the display names of everyone in its headers. What the report
/// later needs of a message's texts it reads back from a `ReportTextSource` by the position given here.
public struct ReportInput {
    var records: [ReportRecord] = []
    /// Per record: 64 bits of its thread id (of "\0" + its id when it has none): what groups a thread.
    var threadKeys: [UInt64] = []
    /// Per record: 64 bits of its Message-ID (0: none), for the safety net of `ReportData`.
    var messageIdKeys: [UInt64] = []
    /// Per record, only while copies are collapsed (`add(_:position:identity:)`): what makes two copies one.
    var identities: [UInt64] = []
    var strings = ReportStringTables()
    var oddIds: [Int64: String] = [:]
    var names = Set<String>()

    public init() {}

    public var count: Int { records.count }

    /// Room for `count` messages up front, so the tables are not moved each time they double (room reserved
    /// but never used is never made resident).
    public mutating func reserve(_ count: Int) {
        records.reserveCapacity(count)
        threadKeys.reserveCapacity(count)
        messageIdKeys.reserveCapacity(count)
        identities.reserveCapacity(count)
    }

    /// Adds a message that is one copy per message already, threaded (`threadId` filled in).
    public mutating func add(_ summary: MessageSummary, position: Int) {
        let bits = StableHash.bits(ofHex: summary.id)
        if bits == nil { oddIds[Int64(position)] = summary.id }
        let from = summary.from
        var flags: UInt8 = 0
        if summary.direction == .customer { flags |= ReportRecord.customer }
        if summary.isReply { flags |= ReportRecord.reply }
        if !TopicDocuments.isBlank(summary.replyText) { flags |= ReportRecord.text }
        records.append(
            ReportRecord(
                date: summary.date, idBits: bits ?? 0, position: Int64(position),
                address: from.map { strings.addresses.number($0.address.lowercased()) } ?? -1,
                name: from?.name.flatMap { $0.isEmpty ? nil : strings.names.number($0) } ?? -1,
                domain: strings.domains.number(from?.domain ?? ""),
                place: strings.place(
                    mailbox: summary.key.account + "/" + summary.key.mailbox, labels: summary.labels),
                bits: flags))
        threadKeys.append(
            StableHash.fnv1a64(summary.threadId.isEmpty ? "\u{0}" + summary.id : "t" + summary.threadId))
        messageIdKeys.append(summary.messageId.map { $0.isEmpty ? 0 : StableHash.fnv1a64($0) | 1 } ?? 0)
        Self.addNames(of: summary, to: &names)
    }

    /// Adds a catalog record as it comes, superseded ones and copies of one message in several mailboxes
    /// included: `collapseCopies` then keeps what `CatalogView` keeps. `identity` is
    /// `CatalogView.identityHash` (nil: the message has no identity and is never taken for another).
    public mutating func add(_ summary: MessageSummary, position: Int, identity: UInt64?) {
        add(summary, position: position)
        identities.append(identity ?? 0)
    }

    /// The latest record of each id, where the id first appeared, then of the copies of one message (one
    /// identity) the first: what `CatalogView` keeps (`latest`, then `keepFirstCopies`). Names are those of
    /// every record added (a superseded record's names only differ when the message was re-catalogued
    /// with other headers, which does not happen to stored bytes). Returns how many distinct ids there were.
    @discardableResult
    public mutating func collapseCopies() -> Int {
        let count = records.count
        guard count > 0 else { return 0 }
        var distinct = count
        var dropped = [Bool](repeating: false, count: count)
        var order = (0..<Int32(count)).map { $0 }
        // Latest per id: the last record of an id moves into its first one's place.
        order.sort { a, b in
            let (x, y) = (key(Int(a)), key(Int(b)))
            return x != y ? x < y : a < b
        }
        var start = 0
        while start < count {
            var end = start + 1
            while end < count, key(Int(order[end])) == key(Int(order[start])) { end += 1 }
            if end - start > 1 {
                let (first, last) = (Int(order[start]), Int(order[end - 1]))
                records[first] = records[last]
                threadKeys[first] = threadKeys[last]
                messageIdKeys[first] = messageIdKeys[last]
                identities[first] = identities[last]
                for k in (start + 1)..<end { dropped[Int(order[k])] = true }
                distinct -= end - start - 1
            }
            start = end
        }
        // Of the copies of one message, the one whose id appears first.
        order = (0..<Int32(count)).filter { !dropped[Int($0)] && identities[Int($0)] != 0 }
        order.sort { a, b in
            let (x, y) = (identities[Int(a)], identities[Int(b)])
            return x != y ? x < y : a < b
        }
        for k in order.indices.dropFirst() where identities[Int(order[k])] == identities[Int(order[k - 1])] {
            dropped[Int(order[k])] = true
        }
        order = []
        identities = []
        var kept = 0
        for i in 0..<count where !dropped[i] {
            records[kept] = records[i]
            threadKeys[kept] = threadKeys[i]
            messageIdKeys[kept] = messageIdKeys[i]
            kept += 1
        }
        records.removeLast(count - kept)
        threadKeys.removeLast(count - kept)
        messageIdKeys.removeLast(count - kept)
        return distinct
    }

    /// What tells ids apart while collapsing: the id's bits, or for an odd id a hash of it.
    private func key(_ i: Int) -> UInt64 {
        let record = records[i]
        if let odd = oddIds[record.position] { return StableHash.fnv1a64(odd) }
        return record.idBits
    }

    /// Display names of the sender and recipients (a name made of the address when there is none).
    static func addNames(of m: MessageSummary, to names: inout Set<String>) {
        func add(_ a: EmailAddress) {
            if let n = a.name, !n.isEmpty {
                names.insert(n)
            } else if let name = TopicPipeline.nameInAddress(a.address) {
                names.insert(name)
            }
        }
        if let from = m.from { add(from) }
        m.to.forEach(add)
        m.cc.forEach(add)
    }
}
