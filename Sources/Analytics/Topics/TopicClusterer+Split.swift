extension TopicClusterer {
    /// Cuts clusters whose members form two groups. Sibling questions ("parcel not arrived" and "parcel arrived
    /// damaged", "refund not received" and "refund amount wrong") share most of their words, so k-means seeded from a
    /// sample and the merge step put them under one topic, and a topic that mixes two questions is wrong for everyone
    /// who reads it. Each cluster of at least `2 × minimumSize` documents is cut by spherical 2-means on its
    /// customers' words alone (seeds: the member least like the cluster, then the member least like that one; no
    /// randomness). On the vectors with the team-answer evidence the cut followed the team's two saved replies to one
    /// question: halves of the same askers, a little under the bar apart in their words (0.66–0.69 on a held-out help
    /// center), with no answer in common. The cut stands when both halves hold `minimumSize` documents, their customers' summed wording is less than `splitThreshold` alike (halves
    /// of one question read alike well above it), and no team answer answers a tenth of both (`sharedAnswers`: a saved
    /// reply or article given to both halves says they are one question, whatever the wording or language); each half
    /// is then tried again. A cut along the language line (`followsLanguage`) or between answered and unanswered threads
    /// (`followsAnswers`) is not taken.
    func splitIncoherent(
        _ members: [[Int]], vectors: [SparseVector], wording: [SparseVector], dimension: Int, answersFrom: Int,
        minimumSize: Int, french: [Bool] = []
    ) -> [[Int]] {
        var done: [[Int]] = []
        var pending = members.filter { !$0.isEmpty }
        while let group = pending.popLast() {
            guard group.count >= 2 * minimumSize, let (a, b) = bisect(group, vectors: wording, dimension: dimension),
                a.count >= minimumSize, b.count >= minimumSize,
                Self.cosine(Self.sum(of: a, wording), Self.sum(of: b, wording)) < splitThreshold,
                sharedAnswers(members: [a, b], vectors: vectors, answersFrom: answersFrom, share: splitAnswerShare)
                    .isEmpty,
                !Self.followsAnswers(a, b, vectors: vectors, answersFrom: answersFrom),
                !Self.followsLanguage(a, b, french: french)
            else {
                done.append(group)
                continue
            }
            pending.append(a)
            pending.append(b)
        }
        // In order of each group's first document, so the result does not depend on the order of the cuts.
        return done.sorted { $0[0] < $1[0] }
    }

    /// Spherical 2-means within one group (members ascending in each half), nil when it cannot be cut.
    func bisect(_ group: [Int], vectors: [SparseVector], dimension: Int) -> ([Int], [Int])? {
        let weights = [Float](repeating: 1, count: vectors.count)
        let whole = Self.sum(of: group, vectors)
        guard let first = group.min(by: { vectors[$0].dot(whole) < vectors[$1].dot(whole) }),
            let second = group.min(by: { vectors[$0].dot(vectors[first]) < vectors[$1].dot(vectors[first]) }),
            first != second
        else { return nil }
        var centres = CentroidMatrix(dimension: dimension)
        centres.appendMean(of: [first], vectors: vectors, weights: weights)
        centres.appendMean(of: [second], vectors: vectors, weights: weights)
        var halves: ([Int], [Int]) = ([], [])
        for _ in 0..<splitRounds {
            halves = ([], [])
            for d in group {
                if centres.similarity(vectors[d], row: 0) >= centres.similarity(vectors[d], row: 1) {
                    halves.0.append(d)
                } else {
                    halves.1.append(d)
                }
            }
            guard !halves.0.isEmpty, !halves.1.isEmpty else { return nil }
            centres = CentroidMatrix(dimension: dimension)
            centres.appendMean(of: halves.0, vectors: vectors, weights: weights)
            centres.appendMean(of: halves.1, vectors: vectors, weights: weights)
        }
        return halves
    }

    /// Whether a cut follows the language line: the halves' shares of French differ by more than a quarter,
    /// or the cluster holds both languages (a fifth of each) and a half holds almost none of one of them. One
    /// question asked in two languages reads less alike than in one, lexicon or not, so a cut there is the
    /// likeliest of all, and the French and English askers of a question are one topic.
    static func followsLanguage(_ a: [Int], _ b: [Int], french: [Bool]) -> Bool {
        guard !french.isEmpty else { return false }
        func share(_ g: [Int]) -> Double { Double(g.filter { french[$0] }.count) / Double(g.count) }
        let (sa, sb) = (share(a), share(b))
        let whole = (sa * Double(a.count) + sb * Double(b.count)) / Double(a.count + b.count)
        let bilingual = whole >= 0.2 && whole <= 0.8
        let monolingualHalf = [sa, sb].contains { $0 < 0.1 || $0 > 0.9 }
        return abs(sa - sb) > 0.25 || (bilingual && monolingualHalf)
    }

    /// Whether a cut puts the threads the team answered on one side and the unanswered ones on the
    /// other (a quarter of one half answered, none of the other): such a cut follows who was answered,
    /// not what was asked.
    static func followsAnswers(_ a: [Int], _ b: [Int], vectors: [SparseVector], answersFrom: Int) -> Bool {
        func answered(_ g: [Int]) -> Int {
            g.filter { vectors[$0].ids.last.map { Int($0) >= answersFrom } ?? false }.count
        }
        let (na, nb) = (answered(a), answered(b))
        return (na == 0 && 4 * nb >= b.count) || (nb == 0 && 4 * na >= a.count)
    }

    static func cosine(_ a: SparseVector, _ b: SparseVector) -> Float {
        let n = a.dot(a) * b.dot(b)
        return n > 0 ? a.dot(b) / n.squareRoot() : 0
    }
}
