import MailCore

/// `Threader.threadIds` over a whole catalog in a few dozen bytes per message, fed one summary at a time.
///
/// The same rules, in the same canonical order (date, then id), with the same results (the randomized
/// `CompactThreaderTests` compare the two): Gmail thread ids win, JWZ linking over Message-ID, References
/// (the last 200) and In-Reply-To with loops refused and a duplicate Message-ID made a message of its own,
/// then the subject rule for lone replies with its 64-candidate window. What differs is what is kept:
/// Message-IDs and references become containers named by their 64-bit FNV-1a hash (the thread key is that
/// hash already) as soon as a summary is added, ids are kept as their 64 bits (catalog ids are 16 hex
/// digits), subjects as the hash of their normalized form. The subject rule's participants are read again
/// (`finish(reread:)`) only for the messages it looks at: lone replies and the members of the threads
/// whose first message has one of their subjects.
///
/// Two different Message-IDs (or subjects, or addresses) with one 64-bit hash would be taken for one:
/// `catalog/threads` already names Message-IDs so.
public struct CompactThreader {
    // Per message, by the order of `add`.
    private var dates: [Int64] = []
    /// The id's 64 bits when it is 16 lower-case hex digits (then comparing these compares the ids).
    private var idBits: [UInt64] = []
    /// Ids of any other form, by message.
    private var otherIds: [Int32: String] = [:]
    /// Hash of the normalized subject, 0 when it is empty.
    private var subjects: [UInt64] = []
    /// Gmail thread ids, filled only once one message has one.
    private var gmail: [UInt64] = []
    private var flags: [UInt8] = []
    /// The message's own container (after linking, its root).
    private var own: [Int32] = []
    /// The containers of its references (`Threader.references`, empty ones left out), in `pool`.
    private var referenceStart: [UInt32] = []
    private var pool: [Int32] = []

    // Per container.
    private var nodeKeys: [UInt64] = []  // a Message-ID's hash, or the index of a message without one
    private var nodeKinds: [UInt8] = []
    private var parents: [Int32] = []
    private var nodeMessages: [Int32] = []
    private var byMessageId: [UInt64: Int32] = [:]

    private static let hasGmail: UInt8 = 1
    private static let lone: UInt8 = 2
    private static let hexId: UInt8 = 4
    private static let threadIsMessageId: UInt8 = 8  // the result: the thread id is a message's own id

    private enum Kind: UInt8 { case messageId, catalogId, duplicate }

    public init(expected: Int = 0) {
        guard expected > 0 else { return }
        dates.reserveCapacity(expected)
        idBits.reserveCapacity(expected)
        subjects.reserveCapacity(expected)
        flags.reserveCapacity(expected)
        own.reserveCapacity(expected)
        referenceStart.reserveCapacity(expected)
        byMessageId.reserveCapacity(expected + expected / 4)
    }

    /// Messages added.
    public var count: Int { dates.count }

    /// Adds one message; it is message `count` (before the call) for `finish`.
    public mutating func add(_ summary: MessageSummary) {
        let index = Int32(dates.count)
        dates.append(summary.date)
        var flag: UInt8 = 0
        if let bits = StableHash.bits(ofHex: summary.id) {
            idBits.append(bits)
            flag |= Self.hexId
        } else {
            idBits.append(0)
            otherIds[index] = summary.id
        }
        if let thread = summary.gmailThreadId {
            if gmail.isEmpty { gmail = [UInt64](repeating: 0, count: dates.count - 1) }
            gmail.append(thread)
            flag |= Self.hasGmail
        } else if !gmail.isEmpty {
            gmail.append(0)
        }
        if summary.references.isEmpty && summary.inReplyTo.isEmpty
            && SubjectNormalizer.hasReplyPrefix(summary.subject)
        {
            flag |= Self.lone
        }
        flags.append(flag)
        let subject = SubjectNormalizer.normalize(summary.subject)
        subjects.append(subject.isEmpty ? 0 : StableHash.fnv1a64(subject))
        if let messageId = summary.messageId {
            own.append(container(StableHash.fnv1a64(messageId)))
        } else {
            own.append(newNode(key: UInt64(index), kind: .catalogId))
        }
        referenceStart.append(UInt32(pool.count))
        for reference in Threader.references(summary.references, summary.inReplyTo) where !reference.isEmpty {
            pool.append(container(StableHash.fnv1a64(reference)))
        }
    }

    /// The thread ids. `reread` must hand every message added again, with its index (in any order; it is
    /// called only when the subject rule has lone replies to place, and only their participants and those of
    /// the threads they may join are kept).
    public mutating func finish(
        reread: (_ visit: (_ index: Int, _ summary: MessageSummary) -> Void) throws -> Void
    ) rethrows -> CompactThreads {
        byMessageId = [:]
        let order = canonicalOrder()
        link(order)
        for index in own.indices { own[index] = root(of: own[index]) }
        let merged = try groupBySubject(order, reread: reread)
        // Gmail names a thread by the smallest thread id among its members.
        var smallestGmail: [Int32: UInt64] = [:]
        if !gmail.isEmpty {
            for index in dates.indices where flags[index] & Self.hasGmail != 0 {
                let root = merged[own[index]] ?? own[index]
                smallestGmail[root] = min(smallestGmail[root] ?? .max, gmail[index])
            }
        }
        // The result: a hash (or Gmail id) per message, or the message whose id it is.
        var codes = [UInt64](repeating: 0, count: dates.count)
        for index in codes.indices {
            flags[index] &= ~Self.threadIsMessageId
            if flags[index] & Self.hasGmail != 0 {
                codes[index] = gmail[index]
                continue
            }
            let root = merged[own[index]] ?? own[index]
            if let smallest = smallestGmail[root] {
                codes[index] = smallest
            } else if nodeKinds[Int(root)] == Kind.messageId.rawValue {
                codes[index] = nodeKeys[Int(root)]
            } else {
                codes[index] = UInt64(nodeMessages[Int(root)])
                flags[index] |= Self.threadIsMessageId
            }
        }
        let threads = CompactThreads(codes: codes, flags: flags, idBits: idBits, otherIds: otherIds)
        self = CompactThreader()
        return threads
    }

    /// The ids `Threader.threadIds` gives, through this threader (the tests' way in).
    public static func threadIds(for summaries: [MessageSummary]) -> [String] {
        var threader = CompactThreader(expected: summaries.count)
        for summary in summaries { threader.add(summary) }
        let threads = threader.finish { visit in
            for (index, summary) in summaries.enumerated() { visit(index, summary) }
        }
        return summaries.indices.map { threads.threadId($0) }
    }

    // MARK: Containers

    private mutating func container(_ hash: UInt64) -> Int32 {
        if let existing = byMessageId[hash] { return existing }
        let node = newNode(key: hash, kind: .messageId)
        byMessageId[hash] = node
        return node
    }

    private mutating func newNode(key: UInt64, kind: Kind) -> Int32 {
        nodeKeys.append(key)
        nodeKinds.append(kind.rawValue)
        parents.append(-1)
        nodeMessages.append(-1)
        return Int32(nodeKeys.count - 1)
    }

    /// Whether `candidate` is `node` or one of its ancestors (the links never make a loop).
    private func isAncestor(_ candidate: Int32, of node: Int32) -> Bool {
        var current = node
        var steps = 0
        while current >= 0, steps <= parents.count {
            if current == candidate { return true }
            current = parents[Int(current)]
            steps += 1
        }
        return false
    }

    private func root(of node: Int32) -> Int32 {
        var current = node
        var steps = 0
        while parents[Int(current)] >= 0, steps <= parents.count {
            current = parents[Int(current)]
            steps += 1
        }
        return current
    }

    // MARK: Linking

    /// `Threader.canonicalOrder`: by date, then id.
    private func canonicalOrder() -> [Int32] {
        var order = (0..<Int32(dates.count)).map { $0 }
        order.sort { a, b in
            let (a, b) = (Int(a), Int(b))
            if dates[a] != dates[b] { return dates[a] < dates[b] }
            if flags[a] & flags[b] & Self.hexId != 0 { return idBits[a] < idBits[b] }
            return id(a) < id(b)
        }
        return order
    }

    private func id(_ index: Int) -> String {
        flags[index] & Self.hexId != 0 ? StableHash.hex(idBits[index]) : otherIds[Int32(index)] ?? ""
    }

    /// `Threader.link`: the first message of a Message-ID (in canonical order) takes its container, a later
    /// one gets a container of its own under it; each message's references are chained and name its parent.
    private mutating func link(_ order: [Int32]) {
        for message in order {
            let index = Int(message)
            var node = own[index]
            var original: Int32 = -1
            if nodeMessages[Int(node)] >= 0 {
                original = node
                node = newNode(key: UInt64(index), kind: .duplicate)
                parents[Int(node)] = original
            }
            nodeMessages[Int(node)] = message
            own[index] = node
            let end = index + 1 < referenceStart.count ? Int(referenceStart[index + 1]) : pool.count
            var previous: Int32 = -1
            for position in Int(referenceStart[index])..<end {
                let reference = pool[position]
                if previous >= 0, parents[Int(reference)] < 0, previous != reference,
                    !isAncestor(reference, of: previous)
                {
                    parents[Int(reference)] = previous
                }
                previous = reference
            }
            if original < 0, previous >= 0, previous != node, !isAncestor(node, of: previous) {
                parents[Int(node)] = previous
            }
        }
        pool = []
        referenceStart = []
    }

    // MARK: The subject rule

    /// `Threader.groupBySubject`: the root each lone reply's thread was merged into.
    private func groupBySubject(
        _ order: [Int32], reread: (_ visit: (_ index: Int, _ summary: MessageSummary) -> Void) throws -> Void
    ) rethrows -> [Int32: Int32] {
        var loneSubjects = Set<UInt64>()
        for index in flags.indices where flags[index] & Self.lone != 0 && subjects[index] != 0 {
            loneSubjects.insert(subjects[index])
        }
        guard !loneSubjects.isEmpty else { return [:] }
        // Threads by the subject of their first message, in order of it; only subjects a lone reply has matter.
        var seenRoots = [UInt64](repeating: 0, count: (parents.count + 63) / 64)
        var threadsBySubject: [UInt64: [Int32]] = [:]
        var members: [Int32: [Int32]] = [:]
        for message in order {
            let root = own[Int(message)]
            let (word, bit) = (Int(root) / 64, UInt64(1) << UInt64(Int(root) % 64))
            guard seenRoots[word] & bit == 0 else { continue }
            seenRoots[word] |= bit
            let subject = subjects[Int(message)]
            guard subject != 0, loneSubjects.contains(subject) else { continue }
            threadsBySubject[subject, default: []].append(root)
            members[root] = []
        }
        seenRoots = []
        for message in order where members[own[Int(message)]] != nil { members[own[Int(message)]]!.append(message) }
        // A lone reply whose thread has other members never moves; one with no candidate needs nothing.
        var needed = [Bool](repeating: false, count: dates.count)
        var anyNeeded = false
        for list in members.values {
            for message in list { needed[Int(message)] = true }
            anyNeeded = anyNeeded || !list.isEmpty
        }
        guard anyNeeded else { return [:] }
        var people = Participants(messages: dates.count)
        try reread { index, summary in
            if needed[index] { people.add(index, summary) }
        }
        needed = []
        var merged: [Int32: Int32] = [:]
        for message in order where flags[Int(message)] & Self.lone != 0 {
            let root = own[Int(message)]
            guard let own = members[root], own.count == 1, let candidates = threadsBySubject[subjects[Int(message)]]
            else { continue }
            if let target = subjectTarget(
                for: message, root: root, candidates: candidates, members: members, merged: merged, people: people)
            {
                merged[root] = target
                members[target]!.append(message)
                members[root] = []
            }
        }
        return merged
    }

    /// `Threader.subjectTarget`: the latest thread started before the message that holds its sender and one of
    /// its recipients, among the 64 most recent.
    private func subjectTarget(
        for message: Int32, root: Int32, candidates: [Int32], members: [Int32: [Int32]], merged: [Int32: Int32],
        people: Participants
    ) -> Int32? {
        guard people.isRead(Int(message)) else { return nil }
        let sender = people.sender(of: Int(message))
        let recipients = people.recipients(of: Int(message))
        var examined = 0
        for candidate in candidates.reversed() where candidate != root {
            let target = merged[candidate] ?? candidate
            guard target != root, let list = members[target], let first = list.first,
                dates[Int(first)] <= dates[Int(message)]
            else { continue }
            examined += 1
            if examined > 64 { break }
            guard let sender else { continue }
            var threadPeople = Set<UInt64>()
            for member in list { threadPeople.formUnion(people.all(of: Int(member))) }
            if threadPeople.contains(sender), recipients.isEmpty || recipients.contains(where: threadPeople.contains) {
                return target
            }
        }
        return nil
    }
}

/// What `CompactThreader.finish` gives: each message's thread id, made when asked (a string per message
/// would cost more than the threading did).
public struct CompactThreads: Sendable {
    fileprivate let codes: [UInt64]
    fileprivate let flags: [UInt8]
    fileprivate let idBits: [UInt64]
    fileprivate let otherIds: [Int32: String]

    public var count: Int { codes.count }

    /// The thread id of message `index` (by the order of `add`).
    public func threadId(_ index: Int) -> String {
        guard flags[index] & 8 != 0 else { return StableHash.hex(codes[index]) }
        let root = Int(codes[index])
        return flags[root] & 4 != 0 ? StableHash.hex(idBits[root]) : otherIds[Int32(root)] ?? ""
    }
}
