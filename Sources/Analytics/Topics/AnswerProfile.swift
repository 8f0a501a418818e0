/// How the team answered one cluster: per team answer (a saved reply or a help-center article, one evidence
/// dimension each), how many of its documents got it, and how many documents got any.
///
/// Two clusters the team answered with different answers are different questions, however close their
/// customers' words: support teams answer one question with the same saved replies and links, whatever the
/// wording. An answered and an unanswered cluster are apart too: with 7 of 20 questions never answered in two
/// held-out help centers, letting those join answered ones under the bar cost 0.03-0.04 precision.
struct AnswerProfile {
    /// Documents per evidence dimension.
    var counts: [Int32: Int] = [:]
    /// Documents with at least one team answer.
    var answered = 0
    var size = 0

    init(of members: [Int], vectors: [SparseVector], from answersFrom: Int) {
        size = members.count
        for d in members {
            var any = false
            for id in vectors[d].ids where Int(id) >= answersFrom {
                counts[id, default: 0] += 1
                any = true
            }
            if any { answered += 1 }
        }
    }

    mutating func add(_ other: AnswerProfile) {
        for (id, n) in other.counts { counts[id, default: 0] += n }
        answered += other.answered
        size += other.size
    }

    /// Whether the team told the two clusters apart: it answered one (`answeredShare` of its documents) and
    /// not the other, or both and no team answer answers `share` of the answered documents of both. Two clusters
    /// it left unanswered are not told apart.
    func isApart(from other: AnswerProfile, answeredShare: Double, share: Double) -> Bool {
        let (a, b) = (isAnswered(answeredShare), other.isAnswered(answeredShare))
        guard a, b else { return a != b }
        for (id, n) in counts where Double(n) >= share * Double(answered) {
            if let m = other.counts[id], Double(m) >= share * Double(other.answered) { return false }
        }
        return true
    }

    /// The share of the documents of all `profiles` that carry a team answer (0 when there are none).
    static func answeredShare(of profiles: [AnswerProfile]) -> Double {
        let size = profiles.reduce(0) { $0 + $1.size }
        return size > 0 ? Double(profiles.reduce(0) { $0 + $1.answered }) / Double(size) : 0
    }

    private func isAnswered(_ minimumShare: Double) -> Bool {
        answered > 0 && Double(answered) >= minimumShare * Double(size)
    }
}
