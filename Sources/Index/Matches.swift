/// Documents of one segment matching part of a query, ascending, each with its score so far.
struct Matches {
    var docs: [Int32] = []
    var scores: [Double] = []

    static func all(count: Int) -> Matches {
        Matches(docs: (0..<Int32(count)).map { $0 }, scores: [Double](repeating: 0, count: count))
    }

    /// Documents in both; scores add up.
    func intersection(_ other: Matches) -> Matches {
        var out = Matches()
        var i = 0
        var j = 0
        while i < docs.count && j < other.docs.count {
            let a = docs[i]
            let b = other.docs[j]
            if a == b {
                out.docs.append(a)
                out.scores.append(scores[i] + other.scores[j])
                i += 1
                j += 1
            } else if a < b {
                i += 1
            } else {
                j += 1
            }
        }
        return out
    }

    /// Documents in either; scores add up.
    func union(_ other: Matches) -> Matches {
        if docs.isEmpty { return other }
        if other.docs.isEmpty { return self }
        var out = Matches()
        out.docs.reserveCapacity(docs.count + other.docs.count)
        out.scores.reserveCapacity(docs.count + other.docs.count)
        var i = 0
        var j = 0
        while i < docs.count || j < other.docs.count {
            if j >= other.docs.count || (i < docs.count && docs[i] < other.docs[j]) {
                out.docs.append(docs[i])
                out.scores.append(scores[i])
                i += 1
            } else if i >= docs.count || other.docs[j] < docs[i] {
                out.docs.append(other.docs[j])
                out.scores.append(other.scores[j])
                j += 1
            } else {
                out.docs.append(docs[i])
                out.scores.append(scores[i] + other.scores[j])
                i += 1
                j += 1
            }
        }
        return out
    }

    /// The documents that pass `test`, with their scores.
    func filter(_ test: (Int) -> Bool) -> Matches {
        var out = Matches()
        for (i, doc) in docs.enumerated() where test(Int(doc)) {
            out.docs.append(doc)
            out.scores.append(scores[i])
        }
        return out
    }

    /// Documents here but not in `other`.
    func subtracting(_ other: Matches) -> Matches {
        var out = Matches()
        var j = 0
        for (i, doc) in docs.enumerated() {
            while j < other.docs.count && other.docs[j] < doc { j += 1 }
            if j < other.docs.count && other.docs[j] == doc { continue }
            out.docs.append(doc)
            out.scores.append(scores[i])
        }
        return out
    }
}
