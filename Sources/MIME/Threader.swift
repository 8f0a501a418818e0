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
        var rootOf = [Int](repeating: -1, count: summaries.count)
        for index in summaries.indices { rootOf[index] = containers.root(of: ownContainer[index]) }
        let groups = groupBySubject(summaries, order: order, rootOf: rootOf)
        return summaries.indices.map { index in
            threadId(
                of: index, summaries, root: groups.mergedInto[rootOf[index]] ?? rootOf[index],
                members: groups.membersByRoot, containers: containers)
        }
    }

    /// Per message, the subject under which the subject rule (`groupBySubject`) sees its reference
    /// thread: the normalized subject of that thread's first message (empty when it has none), and that
    /// message's date. Only threads with the same subject take part in one another's subject rule, so an
    /// index refresh that re-threads part of the catalog knows from these which subjects it must see whole.
    public static func subjectGroups(for summaries: [MessageSummary]) -> [(subject: String, firstDate: Int64)] {
        let order = canonicalOrder(summaries)
        let (containers, ownContainer) = link(summaries, order: order)
        var first: [Int: Int] = [:]  // root container -> its first message, in canonical order
        var rootOf = [Int](repeating: -1, count: summaries.count)
        for index in order {
            rootOf[index] = containers.root(of: ownContainer[index])
            if first[rootOf[index]] == nil { first[rootOf[index]] = index }
        }
        var subjects: [Int: String] = [:]
        return summaries.indices.map { index in
            let head = first[rootOf[index]]!
            if subjects[head] == nil { subjects[head] = SubjectNormalizer.normalize(summaries[head].subject) }
            return (subjects[head]!, summaries[head].date)
        }
    }

    /// The indices by date, then id: a canonical order makes every choice of the threader independent of
    /// the input order.
    static func canonicalOrder(_ summaries: [MessageSummary]) -> [Int] {
        summaries.indices.sorted { a, b in
            let left = summaries[a]
            let right = summaries[b]
            if left.date != right.date { return left.date < right.date }
            return left.id < right.id
        }
    }

    /// JWZ linking, in `order`: one container per Message-ID (a duplicate after the first is a message of
    /// its own under the first), references chained parent to child, loops refused. Returns the containers
    /// and each message's own container.
    static func link(_ summaries: [MessageSummary], order: [Int]) -> (Containers, [Int]) {
        var containers = Containers()
        var ownContainer = [Int](repeating: -1, count: summaries.count)
        for index in order {
            let summary = summaries[index]
            var key = summary.messageId.map { "<\($0)>" } ?? "key:\(summary.id)"
            var original: Int?
            if let existing = containers.lookup[key], containers.nodes[existing].message != nil {
                // A second copy of a Message-ID: a message of its own, in the first one's thread.
                original = existing
                key = "dup:\(summary.id)"
            }
            let node = containers.node(for: key)
            if let original { containers.nodes[node].parent = original }
            containers.nodes[node].message = index
            ownContainer[index] = node
            let parent = containers.chain(references(of: summary))
            // The message's own references are authoritative for its parent.
            if original == nil, let parent, parent != node, !containers.isAncestor(node, of: parent) {
                containers.nodes[node].parent = parent
            }
        }
        return (containers, ownContainer)
    }

    /// The nearest ancestors, oldest first: References (only the last 200, so hostile headers cannot cost
    /// n² work) then In-Reply-To ids not already there.
    static func references(of summary: MessageSummary) -> [String] {
        var references = Array(summary.references.suffix(200))
        for parent in summary.inReplyTo where references.last != parent && !references.contains(parent) {
            references.append(parent)
        }
        return references
    }

    /// Threads merged by subject, the last resort.
    struct SubjectGroups {
        /// Members of each root, in canonical order (a merged root's members moved to its target).
        var membersByRoot: [Int: [Int]]
        /// Root merged into another root's thread.
        var mergedInto: [Int: Int]
    }

    /// A lone reply with no references joins the latest earlier thread with the same subject that shares
    /// a participant (its sender and, when it has any, one of its recipients).
    static func groupBySubject(_ summaries: [MessageSummary], order: [Int], rootOf: [Int]) -> SubjectGroups {
        var membersByRoot = [Int: [Int]]()
        for index in order { membersByRoot[rootOf[index], default: []].append(index) }
        var threadsBySubject = [String: [Int]]()  // subject -> roots, in order of first message
        for index in order {
            let root = rootOf[index]
            guard membersByRoot[root]?.first == index else { continue }
            let subject = SubjectNormalizer.normalize(summaries[index].subject)
            if !subject.isEmpty { threadsBySubject[subject, default: []].append(root) }
        }
        var groups = SubjectGroups(membersByRoot: membersByRoot, mergedInto: [:])
        var people = ParticipantCache(summaries: summaries)
        for index in order {
            let summary = summaries[index]
            let root = rootOf[index]
            guard summary.references.isEmpty, summary.inReplyTo.isEmpty, groups.membersByRoot[root]?.count == 1,
                SubjectNormalizer.hasReplyPrefix(summary.subject)
            else { continue }
            let subject = SubjectNormalizer.normalize(summary.subject)
            guard !subject.isEmpty, let candidates = threadsBySubject[subject] else { continue }
            if let target = subjectTarget(for: index, root: root, candidates: candidates, summaries, groups, &people) {
                groups.mergedInto[root] = target
                groups.membersByRoot[target, default: []].append(index)
                groups.membersByRoot[root] = []
            }
        }
        return groups
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
            let target = groups.mergedInto[candidate] ?? candidate
            guard target != root, let members = groups.membersByRoot[target], let first = members.first,
                summaries[first].date <= summary.date
            else { continue }
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

    /// Gmail's thread id when the message or another member of its thread has one (the smallest), else
    /// the key of the thread's root container.
    private static func threadId(
        of index: Int, _ summaries: [MessageSummary], root: Int, members: [Int: [Int]], containers: Containers
    ) -> String {
        if let gmail = summaries[index].gmailThreadId { return StableHash.hex(gmail) }
        // A thread that Gmail already named keeps Gmail's id for its other members.
        if let members = members[root], let gmail = members.compactMap({ summaries[$0].gmailThreadId }).min() {
            return StableHash.hex(gmail)
        }
        return threadKey(containers.nodes[root].key)
    }

    /// The thread id of a root container: the hash of its Message-ID, or the root message's own id.
    static func threadKey(_ key: String) -> String {
        if key.hasPrefix("<") { return StableHash.hex(StableHash.fnv1a64(String(key.dropFirst().dropLast()))) }
        if key.hasPrefix("key:") { return String(key.dropFirst(4)) }
        if key.hasPrefix("dup:") { return String(key.dropFirst(4)) }
        return StableHash.hex(StableHash.fnv1a64(key))
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
        struct Node {
            var key: String
            var parent: Int?
            var message: Int?
        }
        var nodes = [Node]()
        var lookup = [String: Int]()

        mutating func node(for key: String) -> Int {
            if let existing = lookup[key] { return existing }
            nodes.append(Node(key: key, parent: nil, message: nil))
            lookup[key] = nodes.count - 1
            return nodes.count - 1
        }

        /// Chains `references` (oldest first), each the parent of the next unless it already has one or
        /// that would make a loop; returns the container of the last one (the message's parent).
        mutating func chain(_ references: [String]) -> Int? {
            var previous: Int?
            for reference in references where !reference.isEmpty {
                let referenceNode = node(for: "<\(reference)>")
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
