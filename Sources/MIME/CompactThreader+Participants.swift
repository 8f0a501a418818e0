import MailCore

extension CompactThreader {
    /// Who the messages the subject rule looks at involve, as hashes of lower-cased addresses
    /// (`Threader.participants`, and the sender): one shared array of hashes and a few bytes per message.
    ///
    /// A `Set` or two per message, with a dictionary entry, cost about 230 bytes each: 21 MB on a first
    /// pull of 100,000 help-center messages (heaptrack), the largest part of that sync's peak.
    struct Participants {
        /// Per message, where its hashes start in `pool` (`unread` when its summary was not read): the
        /// sender's first when it has one, then its recipients, sorted, each once.
        private var start: [UInt32]
        private var recipientCount: [UInt32]
        private var hasSender: [Bool]
        private var pool: [UInt64] = []

        private static let unread = UInt32.max

        init(messages: Int) {
            start = [UInt32](repeating: Self.unread, count: messages)
            recipientCount = [UInt32](repeating: 0, count: messages)
            hasSender = [Bool](repeating: false, count: messages)
        }

        /// Reads the addresses of message `index`.
        mutating func add(_ index: Int, _ summary: MessageSummary) {
            start[index] = UInt32(pool.count)
            let from = summary.from?.address.lowercased() ?? ""
            if !from.isEmpty {
                pool.append(StableHash.fnv1a64(from))
                hasSender[index] = true
            }
            let first = pool.count
            for address in summary.to + summary.cc {
                let text = address.address.lowercased()
                if !text.isEmpty { pool.append(StableHash.fnv1a64(text)) }
            }
            pool[first...].sort()
            var write = first
            for read in first..<pool.count where write == first || pool[write - 1] != pool[read] {
                pool[write] = pool[read]
                write += 1
            }
            pool.removeLast(pool.count - write)
            recipientCount[index] = UInt32(write - first)
        }

        /// Whether message `index` was read.
        func isRead(_ index: Int) -> Bool { start[index] != Self.unread }

        /// The sender's hash; nil when it has none or was not read.
        func sender(of index: Int) -> UInt64? {
            guard isRead(index), hasSender[index] else { return nil }
            return pool[Int(start[index])]
        }

        /// The recipients' hashes, each once (none when not read).
        func recipients(of index: Int) -> ArraySlice<UInt64> {
            guard isRead(index) else { return [] }
            let first = Int(start[index]) + (hasSender[index] ? 1 : 0)
            return pool[first..<first + Int(recipientCount[index])]
        }

        /// The sender's and the recipients' hashes (none when not read).
        func all(of index: Int) -> ArraySlice<UInt64> {
            guard isRead(index) else { return [] }
            let first = Int(start[index])
            return pool[first..<first + (hasSender[index] ? 1 : 0) + Int(recipientCount[index])]
        }
    }
}
