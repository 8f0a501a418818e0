import MailCore

/// `Threader` over a set of messages that grows, linking only what each addition brings.
///
/// The index refresh by lookup threads a set of catalog records again after every round of its subject
/// windows, and each round only adds records: those records name no Message-ID the earlier ones name (the
/// lookup reads every record naming, or named by, a record it read), so their JWZ containers are apart from
/// the earlier ones and linking them after the others gives what linking everything in canonical order
/// gives. An addition that does name a Message-ID already linked is linked again with everything, so the
/// result always equals `Threader.threadIdsAndSubjectGroups` over all the messages added (ThreaderTests).
/// The subject rule, which joins threads across containers, runs over everything each time it is asked.
public struct IncrementalThreader {
    /// The messages added, in the order they were added.
    public private(set) var summaries: [MessageSummary] = []
    /// `SubjectNormalizer.normalize` of each subject, as given.
    private var normalized: [String] = []
    /// `Threader.isLoneReply` of each, worked out once.
    public private(set) var lone: [Bool] = []
    /// Every message, in `Threader.canonicalOrder`.
    private var order: [Int] = []
    private var containers = Threader.Containers()
    private var rootOf: [Int] = []
    /// How many additions named a Message-ID already linked and linked everything again.
    public private(set) var relinks = 0

    public init() {}

    /// Adds `more`, whose subjects normalized are `normalizedSubjects` (parallel), linking only them when
    /// none names a Message-ID already linked. A caller that knows more already passes `Threader.isLoneReply`
    /// of each (`lone`, parallel) and `isApart(more)` (`apart`), so they are not worked out again.
    public mutating func add(
        _ more: [MessageSummary], normalizedSubjects: [String], lone moreLone: [Bool]? = nil, apart known: Bool? = nil
    ) {
        precondition(more.count == normalizedSubjects.count && (moreLone?.count ?? more.count) == more.count)
        let apart = known ?? isApart(more)
        let first = summaries.count
        // Room for exactly what is added: a few additions of thousands of records, where doubling would
        // keep up to twice the room they fill.
        summaries.reserveCapacity(summaries.count + more.count)
        summaries += more
        normalized += normalizedSubjects
        lone += moreLone ?? more.map(Threader.isLoneReply)
        guard apart else {
            relinks += 1
            order = Threader.canonicalOrder(summaries)
            let (linked, own) = Threader.link(summaries, order: order)
            containers = linked
            rootOf = own.map { containers.root(of: $0) }
            return
        }
        let added = Threader.canonicalOrder(more).map { first + $0 }
        var own: [Int] = []
        own.reserveCapacity(more.count)
        for index in added { own.append(Threader.link(index, summaries[index], into: &containers)) }
        rootOf += [Int](repeating: -1, count: more.count)
        for (index, node) in zip(added, own) { rootOf[index] = containers.root(of: node) }
        order = merged(order, added)
    }

    /// Whether none of `more` names a Message-ID (its own or one it refers to) that a message added names.
    public func isApart(_ more: [MessageSummary]) -> Bool {
        more.allSatisfy { summary in
            containers.lookup[Threader.ownKey(summary)] == nil
                && containers.lookup[Threader.Containers.Key(.duplicate, summary.id)] == nil
                && Threader.references(summary.references, summary.inReplyTo).allSatisfy {
                    $0.isEmpty || containers.lookup[Threader.Containers.Key(.messageId, $0)] == nil
                }
        }
    }

    /// Two lists of indices in canonical order, merged.
    private func merged(_ a: [Int], _ b: [Int]) -> [Int] {
        func before(_ x: Int, _ y: Int) -> Bool {
            summaries[x].date != summaries[y].date
                ? summaries[x].date < summaries[y].date : summaries[x].id < summaries[y].id
        }
        var result: [Int] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count, j < b.count {
            if before(b[j], a[i]) {
                result.append(b[j])
                j += 1
            } else {
                result.append(a[i])
                i += 1
            }
        }
        result += a[i...]
        result += b[j...]
        return result
    }

    /// `Threader.threadIdsAndSubjectGroups` over every message added, parallel to `summaries`, with the
    /// index of the message each group is taken from (its reference thread's first, in canonical order).
    public func threadIdsAndSubjectGroups() -> (
        ids: [String], groups: [(subject: String, firstDate: Int64)], heads: [Int]
    ) {
        let known = Threader.NormalizedSubjects(summaries: summaries, known: normalized)
        let heads = Threader.subjectHeads(order: order, rootOf: rootOf, containers: containers.nodes.count)
        return (
            Threader.threadIds(
                summaries, order: order, rootOf: rootOf, containers: containers, normalized: known, lone: lone),
            Threader.subjectGroups(summaries, heads: heads, normalized: known),
            heads
        )
    }
}
