import FoundationEssentials
import Glibc
import MailCore
import TextAnalysis

/// How the team answered each conversation, as evidence that two conversations ask one thing:
/// - the saved reply: the first team answer after the enquiry, with greeting, sign-off, names
///   and codes taken out, shingled and MinHashed; answers that are near-duplicates share a
///   template id;
/// - help-center links: a link in at least two answered threads and in at most half of them
///   (a link in every answer is a signature; one unique to an order says nothing).
/// Shingles found in most answers (the signature, "thanks for contacting us") are dropped first.
struct TeamAnswers {
    /// Per document: evidence keys ("reply:N", "link:host/path"), sorted.
    let evidence: [[String]]

    static let shingleSize = 4
    static let hashes = 24
    static let rowsPerBand = 3
    static let similarity = 0.5

    init(data: ReportData, documents: [TopicDocuments.Document], personal: PersonalText) {
        let answers: [Int?] = documents.map { doc in
            data.threads[doc.thread].members.first {
                data.messages[$0].direction == .team && data.messages[$0].date >= data.messages[doc.enquiry].date
                    && $0 != doc.enquiry
            }
        }
        let parts = Parallel.chunks(documents.count) { range in
            range.map { d -> (shingles: [UInt64], links: [String]) in
                guard let a = answers[d] else { return ([], []) }
                let text = data.messages[a].replyText
                var links = Set<String>()
                for m in data.threads[documents[d].thread].members where data.messages[m].direction == .team {
                    links.formUnion(LinkKey.all(in: data.messages[m].replyText))
                }
                return (Self.shingles(personal.strip(text), personal: personal), links.sorted())
            }
        }.flatMap { $0 }
        let answered = answers.filter { $0 != nil }.count
        var templates = Self.templates(parts.map(\.shingles), answered: answered)
        templates = Self.families(templates) { d in personal.strip(data.messages[answers[d]!].replyText) }
        var linkDf: [String: Int] = [:]
        for p in parts { for l in p.links { linkDf[l, default: 0] += 1 } }
        evidence = parts.indices.map { d in
            var keys: [String] = []
            if let t = templates[d] { keys.append("reply:\(t)") }
            for l in parts[d].links where linkDf[l]! >= 2 && Double(linkDf[l]!) <= 0.5 * Double(answered) {
                keys.append("link:" + l)
            }
            return keys.sorted()
        }
    }

    /// Hashes of word shingles (folded words, names and codes out), deduplicated, ascending.
    static func shingles(_ text: String, personal: PersonalText) -> [UInt64] {
        let words = Analyzer(stemming: false, removeStopWords: false).words(text).filter {
            !personal.isName($0) && !$0.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
        }
        guard words.count >= shingleSize else { return words.isEmpty ? [] : [fnv(words.joined(separator: " "))] }
        var out = Set<UInt64>()
        for k in 0...(words.count - shingleSize) {
            out.insert(fnv(words[k..<(k + shingleSize)].joined(separator: " ")))
        }
        return out.sorted()
    }

    /// Template id per document (nil: unanswered, or an answer no other thread got).
    static func templates(_ sets: [[UInt64]], answered: Int) -> [Int?] {
        var df: [UInt64: Int] = [:]
        for s in sets { for h in s { df[h, default: 0] += 1 } }
        let common = max(3, answered / 2)
        let kept = sets.map { $0.filter { df[$0]! <= common } }
        let signatures = kept.map { s -> [UInt64]? in
            guard s.count >= 2 else { return nil }
            return (0..<hashes).map { h in s.map { mix($0 &+ UInt64(h) &* 0x9E37_79B9_7F4A_7C15) }.min()! }
        }
        var groups = UnionFind(count: sets.count)
        let bands = hashes / rowsPerBand
        for band in 0..<bands {
            var first: [UInt64: Int] = [:]
            for (d, sig) in signatures.enumerated() {
                guard let sig else { continue }
                var key: UInt64 = UInt64(band)
                for r in 0..<rowsPerBand { key = mix(key ^ sig[band * rowsPerBand + r]) }
                if let f = first[key] {
                    if jaccard(signatures[f]!, sig) >= similarity { groups.union(f, d) }
                } else {
                    first[key] = d
                }
            }
        }
        var size = [Int](repeating: 0, count: sets.count)
        for d in sets.indices where signatures[d] != nil { size[groups.root(d)] += 1 }
        return sets.indices.map { d in
            signatures[d] != nil && size[groups.root(d)] >= 2 ? groups.root(d) : nil
        }
    }

    /// Saved replies that say the same thing in other words or in the other language (the French
    /// and English versions of one answer): their texts, mapped to the lexicon's concepts and
    /// weighted by how rare each term is among the replies, are at least `familySimilarity` close.
    /// Each template takes the smallest id of its family.
    static func families(_ templates: [Int?], text: (Int) -> String) -> [Int?] {
        let ids = Array(Set(templates.compactMap { $0 })).sorted()
        guard ids.count >= 2 else { return templates }
        let analyzer = TopicAnalyzer()
        let lexicon = ConceptLexicon.shared
        let terms = ids.map { id in
            Set(lexicon.map(analyzer.analyze(text(id))).filter { $0.kind == .word }.map(\.term))
        }
        var df: [String: Int] = [:]
        for set in terms { for t in set { df[t, default: 0] += 1 } }
        let n = Double(ids.count)
        // Sorted (term, weight) lists: sums in one order on every run (dictionary order is seeded).
        let vectors = terms.map { set -> [(String, Double)] in
            let v = set.sorted().map { ($0, log((n + 1) / Double(df[$0]!))) }
            let norm = v.reduce(0) { $0 + $1.1 * $1.1 }.squareRoot()
            return norm > 0 ? v.map { ($0.0, $0.1 / norm) } : v
        }
        var sets = UnionFind(count: ids.count)
        for a in ids.indices {
            for b in (a + 1)..<ids.count where dot(vectors[a], vectors[b]) >= familySimilarity { sets.union(a, b) }
        }
        var family: [Int: Int] = [:]
        for (k, id) in ids.enumerated() { family[id] = ids[sets.root(k)] }
        return templates.map { $0.map { family[$0]! } }
    }

    static let familySimilarity = 0.45

    private static func dot(_ a: [(String, Double)], _ b: [(String, Double)]) -> Double {
        var (i, j, sum) = (0, 0, 0.0)
        while i < a.count && j < b.count {
            if a[i].0 == b[j].0 {
                sum += a[i].1 * b[j].1
                i += 1
                j += 1
            } else if a[i].0 < b[j].0 {
                i += 1
            } else {
                j += 1
            }
        }
        return sum
    }

    static func jaccard(_ a: [UInt64], _ b: [UInt64]) -> Double {
        var same = 0
        for k in a.indices where a[k] == b[k] { same += 1 }
        return Double(same) / Double(a.count)
    }

    /// FNV-1a, 64 bits: a hash that is the same on every run (Swift's `Hasher` is seeded per process).
    static func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x100_0000_01B3
        }
        return h
    }

    /// A 64-bit finaliser (splitmix64).
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Disjoint sets with path halving; the smaller index is the root, so results do not depend on order.
struct UnionFind {
    private var parent: [Int]

    init(count: Int) { parent = Array(0..<count) }

    mutating func root(_ x: Int) -> Int {
        var x = x
        while parent[x] != x {
            parent[x] = parent[parent[x]]
            x = parent[x]
        }
        return x
    }

    mutating func union(_ a: Int, _ b: Int) {
        let ra = root(a)
        let rb = root(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
