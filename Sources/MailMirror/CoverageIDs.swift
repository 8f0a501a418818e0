import FoundationEssentials
import MailCore
import Store

/// The messages of the store and of the catalog as `DerivedCoverage.examine` compares them: per message its
/// id as a number (`MessageKey.id` is the hex of this 64-bit value, so comparing numbers is comparing ids)
/// and where it is (an epoch number and a UID), 16 bytes, in arrays sorted by id. A million messages cost
/// tens of MB rather than the strings, sets and dictionaries of ids that took most of `verify`'s memory.
enum CoverageIDs {
    struct Message {
        var id: UInt64
        /// Index into `Epochs`.
        var epoch: UInt32
        var uid: UInt32
    }

    /// The epochs (account, mailbox, UIDVALIDITY) messages were found in, numbered as first seen.
    struct Epochs {
        struct Key: Hashable, Comparable {
            var account: String
            var mailbox: String
            var uidValidity: UIDValidity

            static func < (a: Key, b: Key) -> Bool {
                (a.account, a.mailbox, a.uidValidity.rawValue) < (b.account, b.mailbox, b.uidValidity.rawValue)
            }
        }

        private var keys: [Key] = []
        private var numbers: [Key: UInt32] = [:]

        var count: Int { keys.count }
        subscript(number: Int) -> Key { keys[number] }

        mutating func number(_ key: Key) -> UInt32 {
            if let known = numbers[key] { return known }
            let number = UInt32(keys.count)
            keys.append(key)
            numbers[key] = number
            return number
        }

        /// `messages` per epoch, epochs in (account, mailbox, UIDVALIDITY) order, UIDs ascending.
        func grouped(_ messages: [Message]) -> [(epoch: Int, uids: [UID])] {
            var uids = [[UID]](repeating: [], count: keys.count)
            for message in messages { uids[Int(message.epoch)].append(UID(message.uid)) }
            return keys.indices.filter { !uids[$0].isEmpty }.sorted { keys[$0] < keys[$1] }.map {
                ($0, uids[$0].sorted())
            }
        }
    }

    /// The id number of a key: what `MessageKey.id` prints in hex.
    static func number(_ key: MessageKey) -> UInt64 {
        StableHash.fnv1a64("\(key.account)\u{0}\(key.mailbox)\u{0}\(key.uidValidity.rawValue)\u{0}\(key.uid.rawValue)")
    }

    /// Every message file in the store's `cur/` folders (one per UID, expunged ones included), sorted by id;
    /// each epoch's folder read straight into these 16-byte records, no listing held beside them (nor kept
    /// by the store: at 1,000,000 messages that listing stayed resident through the heal that followed).
    static func stored(in store: MailStore, epochs: inout Epochs) throws -> [Message] {
        var messages: [Message] = []
        for account in try store.accounts() {
            for name in try store.mailboxes(account: account) {
                let mailbox = try store.mailbox(account: account, name: name)
                for epoch in try mailbox.epochs() {
                    var number: UInt32?
                    try mailbox.forEachStoredUID(uidValidity: epoch) { uid in
                        let epochNumber =
                            number ?? epochs.number(Epochs.Key(account: account, mailbox: name, uidValidity: epoch))
                        number = epochNumber
                        let key = MessageKey(account: account, mailbox: name, uidValidity: epoch, uid: uid)
                        messages.append(Message(id: Self.number(key), epoch: epochNumber, uid: uid.rawValue))
                    }
                }
            }
        }
        messages.sort { $0.id < $1.id }
        // A UID with two files in its folder (which `verify` reports) is one message.
        // By index, not `for message in messages`: that loop would hold a copy of the array it writes to.
        var kept = 0
        for k in messages.indices where kept == 0 || messages[kept - 1].id != messages[k].id {
            messages[kept] = messages[k]
            kept += 1
        }
        messages.removeLast(messages.count - kept)
        return messages
    }

    /// What the comparison needs of the catalog: its messages (the latest record of each id), sorted by
    /// id, and the ids the index should hold (one copy of a message present in several mailboxes, the
    /// first catalogued, as `CatalogView` keeps it), sorted.
    struct Catalog {
        var messages: [Message] = []
        var indexed: [UInt64] = []

        /// One record as read: `order` is its position in the file, `identity` a number for
        /// `CatalogView.identity` (0: none).
        private struct Record {
            var message: Message
            var identity: UInt64
            var order: UInt32
        }

        /// Reads the catalog one record at a time; `records` and `ignoredBytes` as `CatalogFile.load` says them.
        static func read(_ catalog: CatalogFile, epochs: inout Epochs) throws -> (
            ids: Catalog, records: Int, ignoredBytes: Int
        ) {
            var records: [Record] = []
            // Room for every record up front (they average 800 bytes on disk): growing by doubling would hold
            // the old and the new array at once; room reserved but not used is never made resident.
            let size = max(0, Int(DerivedCoverage.fileSize(catalog.path)))
            records.reserveCapacity(size / 400)
            let (count, ignored) = try catalog.streamRecords { summary in
                let key = summary.key
                let epoch = epochs.number(
                    Epochs.Key(account: key.account, mailbox: key.mailbox, uidValidity: key.uidValidity))
                records.append(
                    Record(
                        message: Message(
                            id: UInt64(summary.id, radix: 16) ?? StableHash.fnv1a64(summary.id), epoch: epoch,
                            uid: key.uid.rawValue),
                        identity: identityNumber(summary), order: UInt32(records.count)))
            }
            // The latest record of each id, at the place its id first appeared.
            records.sort { ($0.message.id, $0.order) < ($1.message.id, $1.order) }
            var kept = 0
            var start = 0
            while start < records.count {
                var end = start + 1
                while end < records.count && records[end].message.id == records[start].message.id { end += 1 }
                var latest = records[end - 1]
                latest.order = records[start].order
                records[kept] = latest
                kept += 1
                start = end
            }
            records.removeLast(records.count - kept)
            var ids = Catalog()
            ids.messages = records.map(\.message)
            // Of the copies of one message, the first in file order is the one indexed: sorted by identity, the
            // first of each run (no set of identities held beside the records).
            records.sort { ($0.identity, $0.order) < ($1.identity, $1.order) }
            ids.indexed.reserveCapacity(records.count)
            for k in records.indices
            where records[k].identity == 0 || k == 0 || records[k - 1].identity != records[k].identity {
                ids.indexed.append(records[k].message.id)
            }
            ids.indexed.sort()
            return (ids, count, ignored)
        }

        /// `CatalogView.identity` as a number (64-bit FNV-1a of a tagged text, never 0).
        private static func identityNumber(_ summary: MessageSummary) -> UInt64 {
            let text: String
            switch CatalogView.identity(of: summary) {
            case .none: return 0
            case .gmail(let id): text = "g\(id)"
            case .message(let messageId, let date): text = "m\(date)\u{0}\(messageId)"
            }
            return max(1, StableHash.fnv1a64(text))
        }
    }

    /// The messages of `messages` (sorted by id) whose id is not in `ids` (sorted).
    static func missing<IDs: Sequence>(_ messages: [Message], from ids: IDs) -> [Message] where IDs.Element == UInt64 {
        var result: [Message] = []
        var other = ids.makeIterator()
        var current = other.next()
        for message in messages {
            while let id = current, id < message.id { current = other.next() }
            if current != message.id { result.append(message) }
        }
        return result
    }

    /// How many of `ids` (sorted, distinct) are not in `others` (sorted).
    static func missingCount(_ ids: [UInt64], from others: [UInt64]) -> Int {
        var count = 0
        var k = 0
        for id in ids {
            while k < others.count && others[k] < id { k += 1 }
            if k == others.count || others[k] != id { count += 1 }
        }
        return count
    }
}
