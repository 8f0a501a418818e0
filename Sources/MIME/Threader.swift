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
        // A canonical order makes every choice below independent of the input order.
        let order = summaries.indices.sorted { a, b in
            let left = summaries[a], right = summaries[b]
            if left.date != right.date { return left.date < right.date }
            return left.id < right.id
        }
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
            // Only the nearest ancestors matter, and a cap keeps hostile headers from costing n² work.
            var references = Array(summary.references.suffix(200))
            for parent in summary.inReplyTo where references.last != parent && !references.contains(parent) {
                references.append(parent)
            }
            // Chain the references: each one is the parent of the next.
            var previous: Int?
            for reference in references where !reference.isEmpty {
                let referenceNode = containers.node(for: "<\(reference)>")
                if let previous, containers.nodes[referenceNode].parent == nil, previous != referenceNode,
                   !containers.isAncestor(referenceNode, of: previous) {
                    containers.nodes[referenceNode].parent = previous
                }
                previous = referenceNode
            }
            // The message's own references are authoritative for its parent.
            if original == nil, let parent = previous, parent != node, !containers.isAncestor(node, of: parent) {
                containers.nodes[node].parent = parent
            }
        }
        // Root of each message.
        var rootOf = [Int](repeating: -1, count: summaries.count)
        for index in summaries.indices { rootOf[index] = containers.root(of: ownContainer[index]) }

        // Subject grouping, last resort: a lone reply with no references joins the latest earlier
        // thread with the same subject that shares a participant.
        var membersByRoot = [Int: [Int]]()
        for index in order { membersByRoot[rootOf[index], default: []].append(index) }
        var threadsBySubject = [String: [Int]]() // subject -> roots, in order of first message
        for index in order {
            let root = rootOf[index]
            guard membersByRoot[root]?.first == index else { continue }
            let subject = SubjectNormalizer.normalize(summaries[index].subject)
            if !subject.isEmpty { threadsBySubject[subject, default: []].append(root) }
        }
        var mergedInto = [Int: Int]()
        var participantsCache = [Int: Set<String>]()
        func people(_ index: Int) -> Set<String> {
            if let cached = participantsCache[index] { return cached }
            let value = participants(summaries[index])
            participantsCache[index] = value
            return value
        }
        for index in order {
            let summary = summaries[index]
            let root = rootOf[index]
            guard summary.references.isEmpty, summary.inReplyTo.isEmpty, membersByRoot[root]?.count == 1,
                  SubjectNormalizer.hasReplyPrefix(summary.subject) else { continue }
            let subject = SubjectNormalizer.normalize(summary.subject)
            guard !subject.isEmpty, let candidates = threadsBySubject[subject] else { continue }
            // The thread must hold both ends of this message: its sender and one of its recipients
            // (a shared support address alone says nothing).
            let sender = summary.from?.address.lowercased() ?? ""
            let recipients = Set((summary.to + summary.cc).map { $0.address.lowercased() }).subtracting([""])
            // The latest thread started before this message that shares a participant.
            // Only the 64 most recent such threads are examined, so a subject shared by thousands of
            // unrelated threads stays cheap.
            var chosen: Int?
            var examined = 0
            for candidate in candidates.reversed() where candidate != root {
                let target = mergedInto[candidate] ?? candidate
                guard target != root, let members = membersByRoot[target], let first = members.first,
                      summaries[first].date <= summary.date else { continue }
                examined += 1
                if examined > 64 { break }
                var threadPeople = Set<String>()
                for member in members { threadPeople.formUnion(people(member)) }
                if threadPeople.contains(sender), recipients.isEmpty || !threadPeople.isDisjoint(with: recipients) {
                    chosen = target
                    break
                }
            }
            if let target = chosen {
                mergedInto[root] = target
                membersByRoot[target, default: []].append(index)
                membersByRoot[root] = []
            }
        }

        var result = [String](repeating: "", count: summaries.count)
        for index in summaries.indices {
            if let gmail = summaries[index].gmailThreadId {
                result[index] = StableHash.hex(gmail)
                continue
            }
            let root = mergedInto[rootOf[index]] ?? rootOf[index]
            // A thread that Gmail already named keeps Gmail's id for its other members.
            if let members = membersByRoot[root], let gmail = members.compactMap({ summaries[$0].gmailThreadId }).min() {
                result[index] = StableHash.hex(gmail)
                continue
            }
            result[index] = threadKey(containers.nodes[root].key)
        }
        return result
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
