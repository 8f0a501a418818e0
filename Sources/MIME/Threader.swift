import MailCore

/// Assigns `MessageSummary.threadId` over a whole collection.
///
/// Gmail's X-GM-THRID wins when present (16 hex digits of it). Otherwise JWZ threading over
/// Message-ID, References and In-Reply-To: missing parents become empty containers, links that
/// would make a loop are refused, and a duplicate Message-ID after the first is treated as a
/// message of its own. Messages still alone whose subject has a reply prefix and which carry no
/// reference at all are then grouped by subject with a thread that shares a participant.
/// The result depends only on the set of messages, never on their order.
public enum Threader {
    public static func assignThreadIds(_ summaries: inout [MessageSummary]) {
        let ids = threadIds(for: summaries)
        for index in summaries.indices { summaries[index].threadId = ids[index] }
    }

    /// Thread ids, parallel to `summaries`.
    public static func threadIds(for summaries: [MessageSummary]) -> [String] {
        let order = canonicalOrder(summaries)
        let (containers, ownContainer) = link(summaries, order: order)
        let rootOf = summaries.indices.map { containers.root(of: ownContainer[$0]) }
        return threadIds(
            summaries, order: order, rootOf: rootOf, containers: containers,
            normalized: NormalizedSubjects(summaries: summaries, known: nil))
    }

    /// `threadIds(for:)` and `subjectGroups(for:)` from one linking pass: the index refresh by lookup needs
    /// both for the same records on every round of its subject windows (linking was a third of each round).
    /// `normalizedSubjects`, parallel to `summaries` when given, is `SubjectNormalizer.normalize` of each
    /// subject, worked out once by a caller that threads the same records again and again.
    public static func threadIdsAndSubjectGroups(
        for summaries: [MessageSummary], normalizedSubjects: [String]? = nil
    ) -> (ids: [String], groups: [(subject: String, firstDate: Int64)]) {
        precondition(normalizedSubjects.map { $0.count == summaries.count } ?? true)
        let order = canonicalOrder(summaries)
        let (containers, ownContainer) = link(summaries, order: order)
        let rootOf = summaries.indices.map { containers.root(of: ownContainer[$0]) }
        let normalized = NormalizedSubjects(summaries: summaries, known: normalizedSubjects)
        return (
            threadIds(summaries, order: order, rootOf: rootOf, containers: containers, normalized: normalized),
            subjectGroups(
                summaries, heads: subjectHeads(order: order, rootOf: rootOf, containers: containers.nodes.count),
                normalized: normalized)
        )
    }

    /// The normalized subject of a message by index: given by the caller, or worked out when asked.
    struct NormalizedSubjects {
        let summaries: [MessageSummary]
        let known: [String]?

        subscript(index: Int) -> String { known?[index] ?? SubjectNormalizer.normalize(summaries[index].subject) }
    }

    static func threadIds(
        _ summaries: [MessageSummary], order: [Int], rootOf: [Int], containers: Containers,
        normalized: NormalizedSubjects, lone: [Bool]? = nil
    ) -> [String] {
        let groups = groupBySubject(
            summaries, order: order, rootOf: rootOf, containers: containers.nodes.count, normalized: normalized,
            lone: lone)
        // A thread's id is the same for all its members but one with its own Gmail id: worked out once per root.
        var rootIds = [String?](repeating: nil, count: containers.nodes.count)
        return summaries.indices.map { index in
            if let gmail = summaries[index].gmailThreadId { return StableHash.hex(gmail) }
            let merged = groups.mergedInto[rootOf[index]]
            let root = merged >= 0 ? merged : rootOf[index]
            if let known = rootIds[root] { return known }
            let id = threadId(root: root, summaries, members: groups.membersByRoot, containers: containers)
            rootIds[root] = id
            return id
        }
    }

    /// Per message, the subject under which the subject rule (`groupBySubject`) sees its reference
    /// thread: the normalized subject of that thread's first message (empty when it has none), and that
    /// message's date. Only threads with the same subject take part in one another's subject rule, so an
    /// index refresh that re-threads part of the catalog knows from these which subjects it must see whole.
    public static func subjectGroups(for summaries: [MessageSummary]) -> [(subject: String, firstDate: Int64)] {
        let order = canonicalOrder(summaries)
        let (containers, ownContainer) = link(summaries, order: order)
        let rootOf = summaries.indices.map { containers.root(of: ownContainer[$0]) }
        return subjectGroups(
            summaries, heads: subjectHeads(order: order, rootOf: rootOf, containers: containers.nodes.count),
            normalized: NormalizedSubjects(summaries: summaries, known: nil))
    }

    /// Per message, the first message (in canonical `order`) of its reference thread: the one whose subject
    /// and date `subjectGroups` gives. Tables by container and by message, not dictionaries: the refresh by
    /// lookup asks this of tens of thousands of messages on every round.
    static func subjectHeads(order: [Int], rootOf: [Int], containers: Int) -> [Int] {
        var first = [Int](repeating: -1, count: containers)  // root container -> its first message
        for index in order where first[rootOf[index]] < 0 { first[rootOf[index]] = index }
        return rootOf.map { first[$0] }
    }

    static func subjectGroups(
        _ summaries: [MessageSummary], heads: [Int], normalized: NormalizedSubjects
    ) -> [(subject: String, firstDate: Int64)] {
        var subjects = [String?](repeating: nil, count: summaries.count)  // by head
        return summaries.indices.map { index in
            let head = heads[index]
            if subjects[head] == nil { subjects[head] = normalized[head] }
            return (subjects[head]!, summaries[head].date)
        }
    }

    /// The indices by date, then id: a canonical order makes every choice of the threader independent of
    /// the input order. Dates are compared from their own array (no summary is copied per comparison);
    /// ids only on a tie.
    static func canonicalOrder(_ summaries: [MessageSummary]) -> [Int] {
        let dates = summaries.map(\.date)
        var order = Array(summaries.indices)
        order.sort { a, b in
            if dates[a] != dates[b] { return dates[a] < dates[b] }
            return summaries[a].id < summaries[b].id
        }
        return order
    }

    /// JWZ linking, in `order`: one container per Message-ID (a duplicate after the first is a message of
    /// its own under the first), references chained parent to child, loops refused. Returns the containers
    /// and each message's own container.
    static func link(_ summaries: [MessageSummary], order: [Int]) -> (Containers, [Int]) {
        var containers = Containers()
        containers.reserve(summaries.count)
        var ownContainer = [Int](repeating: -1, count: summaries.count)
        for index in order { ownContainer[index] = link(index, summaries[index], into: &containers) }
        return (containers, ownContainer)
    }

    /// Links message `index` (`summary`) into `containers` after the messages before it in canonical order;
    /// returns its own container.
    static func link(_ index: Int, _ summary: MessageSummary, into containers: inout Containers) -> Int {
        var key = ownKey(summary)
        var original: Int?
        if let existing = containers.lookup[key], containers.nodes[existing].message != nil {
            // A second copy of a Message-ID: a message of its own, in the first one's thread.
            original = existing
            key = Containers.Key(.duplicate, summary.id)
        }
        let node = containers.node(for: key)
        if let original { containers.nodes[node].parent = original }
        containers.nodes[node].message = index
        let parent = containers.chain(references(summary.references, summary.inReplyTo))
        // The message's own references are authoritative for its parent.
        if original == nil, let parent, parent != node, !containers.isAncestor(node, of: parent) {
            containers.nodes[node].parent = parent
        }
        return node
    }

    /// The container a message takes unless it is a second copy of a Message-ID.
    static func ownKey(_ summary: MessageSummary) -> Containers.Key {
        summary.messageId.map { Containers.Key(.messageId, $0) } ?? Containers.Key(.catalogId, summary.id)
    }

    /// The nearest ancestors, oldest first: References (only the last 200, so hostile headers cannot cost
    /// n² work) then In-Reply-To ids not already there.
    static func references(_ all: [String], _ inReplyTo: [String]) -> ArraySlice<String> {
        var references = all.suffix(200)
        for parent in inReplyTo where references.last != parent && !references.contains(parent) {
            references.append(parent)
        }
        return references
    }

    /// Threads merged by subject, the last resort.
    struct SubjectGroups {
        /// Members of each root container, in canonical order (a merged root's members moved to its target).
        var membersByRoot: [[Int]]
        /// The root each root was merged into, -1 when none.
        var mergedInto: [Int]
    }

    /// A lone reply with no references joins the latest earlier thread with the same subject that shares
    /// a participant (its sender and, when it has any, one of its recipients).
    /// `isLone`, parallel to `summaries` when given, is `isLoneReply` of each.
    static func groupBySubject(
        _ summaries: [MessageSummary], order: [Int], rootOf: [Int], containers: Int, normalized: NormalizedSubjects,
        lone isLone: [Bool]? = nil
    ) -> SubjectGroups {
        var groups = SubjectGroups(
            membersByRoot: [[Int]](repeating: [], count: containers),
            mergedInto: [Int](repeating: -1, count: containers))
        for index in order { groups.membersByRoot[rootOf[index]].append(index) }
        // Only a message with no reference and a reply prefix can move; most mailboxes have few or none, and
        // then no subject needs normalizing.
        let lone = order.filter { index in isLone?[index] ?? isLoneReply(summaries[index]) }
        guard !lone.isEmpty else { return groups }
        var threadsBySubject = [String: [Int]]()  // subject -> roots, in order of first message
        for index in order {
            let root = rootOf[index]
            guard groups.membersByRoot[root].first == index else { continue }
            let subject = normalized[index]
            if !subject.isEmpty { threadsBySubject[subject, default: []].append(root) }
        }
        var people = ParticipantCache(summaries: summaries)
        for index in lone {
            let root = rootOf[index]
            guard groups.membersByRoot[root].count == 1 else { continue }
            let subject = normalized[index]
            guard !subject.isEmpty, let candidates = threadsBySubject[subject] else { continue }
            if let target = subjectTarget(for: index, root: root, candidates: candidates, summaries, groups, &people) {
                groups.mergedInto[root] = target
                groups.membersByRoot[target].append(index)
                groups.membersByRoot[root] = []
            }
        }
        return groups
    }

    /// Whether the subject rule may move a message: no reference at all and a reply prefix.
    public static func isLoneReply(_ summary: MessageSummary) -> Bool {
        summary.references.isEmpty && summary.inReplyTo.isEmpty && SubjectNormalizer.hasReplyPrefix(summary.subject)
    }

    /// The latest thread started before message `index` that holds both ends of it: its sender and one of
    /// its recipients (a shared support address alone says nothing). Only the 64 most recent such threads
    /// are examined, so a subject shared by thousands of unrelated threads stays cheap.
    private static func subjectTarget(
        for index: Int, root: Int, candidates: [Int], _ summaries: [MessageSummary], _ groups: SubjectGroups,
        _ people: inout ParticipantCache
    ) -> Int? {
        let summary = summaries[index]
        let sender = summary.from?.address.lowercased() ?? ""
        let recipients = Set((summary.to + summary.cc).map { $0.address.lowercased() }).subtracting([""])
        var examined = 0
        for candidate in candidates.reversed() where candidate != root {
            let target = groups.mergedInto[candidate] >= 0 ? groups.mergedInto[candidate] : candidate
            let members = groups.membersByRoot[target]
            guard target != root, let first = members.first, summaries[first].date <= summary.date else { continue }
            examined += 1
            if examined > 64 { break }
            var threadPeople = Set<String>()
            for member in members { threadPeople.formUnion(people[member]) }
            if threadPeople.contains(sender), recipients.isEmpty || !threadPeople.isDisjoint(with: recipients) {
                return target
            }
        }
        return nil
    }

    /// `participants` of each message, computed once.
    struct ParticipantCache {
        let summaries: [MessageSummary]
        private var cache = [Int: Set<String>]()

        init(summaries: [MessageSummary]) { self.summaries = summaries }

        subscript(index: Int) -> Set<String> {
            mutating get {
                if let cached = cache[index] { return cached }
                let value = participants(summaries[index])
                cache[index] = value
                return value
            }
        }
    }

    /// The id of a thread whose root container is `root`, for its members without a Gmail thread id of their
    /// own: the smallest Gmail thread id among its members when Gmail already named it, else the key of the
    /// root container.
    private static func threadId(
        root: Int, _ summaries: [MessageSummary], members: [[Int]], containers: Containers
    ) -> String {
        if let gmail = members[root].compactMap({ summaries[$0].gmailThreadId }).min() {
            return StableHash.hex(gmail)
        }
        return threadKey(containers.nodes[root].key)
    }

    /// The thread id of a root container: the hash of its Message-ID, or the root message's own id.
    static func threadKey(_ key: Containers.Key) -> String {
        switch key.kind {
        case .messageId: StableHash.hex(StableHash.fnv1a64(key.text))
        case .catalogId, .duplicate: key.text
        }
    }

    static func participants(_ summary: MessageSummary) -> Set<String> {
        var people = Set<String>()
        if let from = summary.from { people.insert(from.address.lowercased()) }
        for address in summary.to + summary.cc { people.insert(address.address.lowercased()) }
        people.remove("")
        return people
    }

    /// JWZ containers: one per Message-ID seen, with or without a message.
    struct Containers {
        /// What a container stands for: a Message-ID (a message's own or one it references), or a message
        /// without one (`catalogId`) or a second copy of one (`duplicate`), by catalog id. Kept apart rather
        /// than spelt into one string (`<id>`, `key:…`, `dup:…`), which cost a string per message and reference.
        struct Key: Hashable {
            enum Kind: UInt8 { case messageId, catalogId, duplicate }
            var kind: Kind
            var text: String

            init(_ kind: Kind, _ text: String) {
                self.kind = kind
                self.text = text
            }
        }
        struct Node {
            var key: Key
            var parent: Int?
            var message: Int?
        }
        var nodes = [Node]()
        var lookup = [Key: Int]()

        mutating func reserve(_ messages: Int) {
            nodes.reserveCapacity(messages + messages / 4)
            lookup.reserveCapacity(messages + messages / 4)
        }

        mutating func node(for key: Key) -> Int {
            if let existing = lookup[key] { return existing }
            nodes.append(Node(key: key, parent: nil, message: nil))
            lookup[key] = nodes.count - 1
            return nodes.count - 1
        }

        /// Chains `references` (oldest first), each the parent of the next unless it already has one or
        /// that would make a loop; returns the container of the last one (the message's parent).
        mutating func chain(_ references: ArraySlice<String>) -> Int? {
            var previous: Int?
            for reference in references where !reference.isEmpty {
                let referenceNode = node(for: Key(.messageId, reference))
                if let previous, nodes[referenceNode].parent == nil, previous != referenceNode,
                    !isAncestor(referenceNode, of: previous)
                {
                    nodes[referenceNode].parent = previous
                }
                previous = referenceNode
            }
            return previous
        }

        /// Whether `candidate` is `node` or one of its ancestors.
        func isAncestor(_ candidate: Int, of node: Int) -> Bool {
            var current: Int? = node
            var steps = 0
            while let value = current, steps <= nodes.count {
                if value == candidate { return true }
                current = nodes[value].parent
                steps += 1
            }
            return false
        }

        func root(of node: Int) -> Int {
            var current = node
            var steps = 0
            while let parent = nodes[current].parent, steps <= nodes.count {
                current = parent
                steps += 1
            }
            return current
        }
    }
}
