import FoundationEssentials
import Glibc

/// Character n-grams of each document's stems, as extra dimensions for the neighbour graph.
///
/// One intent is asked with many spellings and forms ("top up", "topped-up", "top-ups", "topup"; misspellings in
/// every tenth question): stems that differ by a letter or two share no term, but they share most of their 3- to
/// 5-letter pieces. In a prototype on BANKING77's dev half a neighbour graph's communities reached recall 0.51,
/// precision 0.53 with the pieces beside the terms, and at best 0.49 / 0.52 on the terms alone. Pieces are taken from the stems the vocabulary
/// kept (`TopicFeatures.counts`), padded with a space at each end, so a piece can tell a word's start and end.
struct StemGrams {
    var shortest = 3
    var longest = 5

    /// A unit-length vector per document over the pieces that at least two documents and at most half of them
    /// hold, weighted like the terms (sublinear count times inverse document frequency); ids from `offset` on,
    /// in order of first appearance. Returns the vectors and the dimension they end at.
    func vectors(
        counts: [(ids: [Int32], tf: [Int32])], words: [String], offset: Int
    ) -> (vectors: [SparseVector], dimension: Int) {
        var gramId: [String: Int32] = [:]
        var pieces: [[Int32]?] = Array(repeating: nil, count: words.count)
        var perDocument: [[Int32: Int32]] = []
        perDocument.reserveCapacity(counts.count)
        for c in counts {
            var tally: [Int32: Int32] = [:]
            for (id, tf) in zip(c.ids, c.tf) where Int(id) < words.count {
                if pieces[Int(id)] == nil { pieces[Int(id)] = grams(of: words[Int(id)], into: &gramId) }
                for g in pieces[Int(id)]! { tally[g, default: 0] += tf }
            }
            perDocument.append(tally)
        }
        var df = [Int32](repeating: 0, count: gramId.count)
        for tally in perDocument { for g in tally.keys { df[Int(g)] += 1 } }
        let n = Double(counts.count)
        // Kept pieces are numbered anew in id order (first appearance), so the dimension holds no unused ids.
        var column = [Int32](repeating: -1, count: df.count)
        var next = Int32(offset)
        for g in df.indices where df[g] >= 2 && Double(df[g]) <= 0.5 * n {
            column[g] = next
            next += 1
        }
        let vectors = perDocument.map { tally -> SparseVector in
            var v = SparseVector()
            for g in tally.keys.sorted() where column[Int(g)] >= 0 {
                v.ids.append(column[Int(g)])
                v.values.append(Float((1 + log(Double(tally[g]!))) * log((n + 1) / Double(df[Int(g)]))))
            }
            v.normalize()
            return v
        }
        return (vectors, Int(next))
    }

    /// The ids of a word's pieces, each as often as it occurs (Unicode scalars, as the analyser folds text).
    private func grams(of word: String, into ids: inout [String: Int32]) -> [Int32] {
        let scalars = Array((" " + word + " ").unicodeScalars)
        var out: [Int32] = []
        for length in shortest...longest where length <= scalars.count {
            for start in 0...(scalars.count - length) {
                var piece = String.UnicodeScalarView()
                piece.append(contentsOf: scalars[start..<(start + length)])
                let key = String(piece)
                if let id = ids[key] {
                    out.append(id)
                } else {
                    let id = Int32(ids.count)
                    ids[key] = id
                    out.append(id)
                }
            }
        }
        return out
    }

    /// Each document's `vector` followed by its `pieces` (ids already past the vector's), unit length.
    static func joined(_ vectors: [SparseVector], _ pieces: [SparseVector]) -> [SparseVector] {
        zip(vectors, pieces).map { v, p in
            var joined = SparseVector(ids: v.ids + p.ids, values: v.values + p.values)
            joined.normalize()
            return joined
        }
    }
}
