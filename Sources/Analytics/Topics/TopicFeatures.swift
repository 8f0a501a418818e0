import FoundationEssentials
import Glibc
import MailCore

/// The term space of one report window: stemmed words and concepts, multi-word terms (two
/// content words side by side, one connector allowed between), TF-IDF vectors with sublinear
/// term frequency, and the team-answer evidence appended as extra dimensions.
struct TopicFeatures {
    var vocabulary: TopicVocabulary
    /// Per document: term ids (words and phrases) and their counts, ids ascending.
    var counts: [(ids: [Int32], tf: [Int32])] = []
    /// Per document: the text vector (unit length), and the vector the clustering sees.
    var text: [SparseVector] = []
    var combined: [SparseVector] = []
    /// The text vectors after smoothing (what the customers' wording alone says).
    var wording: [SparseVector] = []
    var phraseKeys: [Int64] = []
    var phraseId: [Int64: Int32] = [:]
    var idf: [Float] = []
    /// Text dimensions; evidence dimensions follow.
    var textDimension = 0
    var dimension = 0
    var eligible: [Bool] = []

    /// Weight of a phrase against a single word, and of the evidence against the text (both unit length).
    static let phraseWeight: Float = 0.7
    /// A subject is tested for coherence once this many threads share it (`dropIncoherentSubjects`).
    static let subjectTestSize = 10

    init(
        vocabulary: TopicVocabulary, streams: [[Int32]], evidence: [[String]], evidenceWeight: Float,
        smoothing: Float = 0, neighbours: Int = 8, subjectStarts: [Int] = []
    ) {
        self.vocabulary = vocabulary
        let n = streams.count
        let df = Self.documentFrequency(streams, size: vocabulary.count)
        eligible = df.map { $0 >= 2 && Double($0) <= 0.5 * Double(n) }
        let pairs = Self.pairCounts(streams, eligible: eligible)
        for (key, count) in pairs where count >= 3 {
            let a = Int(key >> 32)
            let b = Int(key & 0xFFFF_FFFF)
            if Double(count) >= 0.25 * Double(min(df[a], df[b])) { phraseKeys.append(key) }
        }
        phraseKeys.sort()
        for (k, key) in phraseKeys.enumerated() { phraseId[key] = Int32(vocabulary.count + k) }
        textDimension = vocabulary.count + phraseKeys.count
        var termDf = [Int32](repeating: 0, count: textDimension)
        for t in 0..<vocabulary.count where eligible[t] { termDf[t] = df[t] }
        for (k, key) in phraseKeys.enumerated() { termDf[vocabulary.count + k] = pairs[key]! }
        idf = termDf.map { $0 > 0 ? Float(log(Double(n + 1) / Double($0))) : 0 }
        for (k, _) in phraseKeys.enumerated() { idf[vocabulary.count + k] *= Self.phraseWeight }
        let features = self
        let parts = Parallel.chunks(n) { range -> [((ids: [Int32], tf: [Int32]), SparseVector)] in
            var scratch = [Int32](repeating: 0, count: features.textDimension)
            return range.map { d in
                let c = features.termCounts(streams[d], &scratch)
                return (c, features.vector(c))
            }
        }
        counts = parts.flatMap { $0.map(\.0) }
        text = parts.flatMap { $0.map(\.1) }
        if !subjectStarts.isEmpty { dropIncoherentSubjects(streams, subjectStarts: subjectStarts) }
        let smoothed =
            smoothing > 0
            ? Self.smoothed(text, weight: smoothing, dimension: textDimension, neighbours: neighbours) : text
        wording = smoothed
        combined = addEvidence(Self.coherent(evidence, wording: smoothed), to: smoothed, weight: evidenceWeight)
    }

    static func documentFrequency(_ streams: [[Int32]], size: Int) -> [Int32] {
        var df = [Int32](repeating: 0, count: size)
        var stamp = [Int32](repeating: -1, count: size)
        for (d, s) in streams.enumerated() {
            for t in s where t >= 0 && stamp[Int(t)] != Int32(d) {
                stamp[Int(t)] = Int32(d)
                df[Int(t)] += 1
            }
        }
        return df
    }

    /// In how many documents each adjacent pair of eligible words occurs (counted per core, then summed).
    static func pairCounts(_ streams: [[Int32]], eligible: [Bool]) -> [Int64: Int32] {
        let chunks = Parallel.chunks(streams.count) { range -> [Int64: Int32] in
            var counts: [Int64: Int32] = [:]
            var pairs: [Int64] = []
            for d in range {
                pairs.removeAll(keepingCapacity: true)
                forEachPair(streams[d]) { a, b in
                    if eligible[Int(a)] && eligible[Int(b)] { pairs.append(pairKey(a, b)) }
                }
                for p in Set(pairs) { counts[p, default: 0] += 1 }
            }
            return counts
        }
        var total = chunks.first ?? [:]
        for extra in chunks.dropFirst() { total.merge(extra, uniquingKeysWith: +) }
        return total
    }

    /// One key for "a b" and "b a": French puts the modifier after the noun ("mot de passe
    /// d'application" / "app password"), so word order would split a question by language.
    static func pairKey(_ a: Int32, _ b: Int32) -> Int64 {
        a < b ? Int64(a) << 32 | Int64(b) : Int64(b) << 32 | Int64(a)
    }

    /// Calls `body(a, b)` for each pair of content words next to each other, or with one connector between.
    static func forEachPair(_ s: [Int32], _ body: (Int32, Int32) -> Void) {
        var previous = TopicVocabulary.breakMark
        var gap = 0
        for t in s {
            if t >= 0 {
                if previous >= 0 && gap <= 1 && previous != t { body(previous, t) }
                previous = t
                gap = 0
            } else if t == TopicVocabulary.connector {
                gap += 1
            } else {
                previous = TopicVocabulary.breakMark
                gap = 0
            }
        }
    }

    /// Term ids and counts of a stream (`scratch`: a zeroed tally of `textDimension` slots).
    func termCounts(_ s: [Int32], _ scratch: inout [Int32]) -> (ids: [Int32], tf: [Int32]) {
        var touched: [Int32] = []
        func add(_ t: Int32) {
            if scratch[Int(t)] == 0 { touched.append(t) }
            scratch[Int(t)] += 1
        }
        for t in s where t >= 0 && Int(t) < eligible.count && eligible[Int(t)] { add(t) }
        Self.forEachPair(s) { a, b in
            if let p = phraseId[Self.pairKey(a, b)] { add(p) }
        }
        touched.sort()
        let tf = touched.map { scratch[Int($0)] }
        for t in touched { scratch[Int(t)] = 0 }
        return (touched, tf)
    }

    func termCounts(_ s: [Int32]) -> (ids: [Int32], tf: [Int32]) {
        var scratch = [Int32](repeating: 0, count: textDimension)
        return termCounts(s, &scratch)
    }

    func vector(_ c: (ids: [Int32], tf: [Int32])) -> SparseVector {
        var v = SparseVector()
        for (k, t) in c.ids.enumerated() where idf[Int(t)] > 0 {
            v.ids.append(t)
            v.values.append((1 + Float(log(Double(c.tf[k])))) * idf[Int(t)])
        }
        v.normalize()
        return v
    }

    /// Text vectors with the evidence keys appended (each key one dimension, the evidence part
    /// scaled to `weight` against the text's unit length).
    private mutating func addEvidence(_ evidence: [[String]], to text: [SparseVector], weight: Float) -> [SparseVector]
    {
        var keyId: [String: Int32] = [:]
        for keys in evidence { for key in keys where keyId[key] == nil { keyId[key] = 0 } }
        for (k, key) in keyId.keys.sorted().enumerated() { keyId[key] = Int32(textDimension + k) }
        dimension = textDimension + keyId.count
        return text.indices.map { d in
            var v = text[d]
            let keys = evidence[d]
            guard !keys.isEmpty, !v.isEmpty || weight > 0 else { return v }
            let each = weight / Float(keys.count).squareRoot()
            for id in keys.map({ keyId[$0]! }).sorted() {
                v.ids.append(id)
                v.values.append(each)
            }
            v.normalize()
            return v
        }
    }

    /// Each vector plus `weight` times its terms' neighbours: the terms that occur with them in
    /// the same documents more than chance (positive PMI, the best `neighbours` per term). Two
    /// wordings of one question share few words but many neighbours.
    static func smoothed(
        _ vectors: [SparseVector], weight: Float, dimension: Int, neighbours: Int = 8, kept: Int = 40
    ) -> [SparseVector] {
        let n = Float(vectors.count)
        var df = [Float](repeating: 0, count: dimension)
        var pairs: [Int64: Float] = [:]
        for v in vectors {
            for t in v.ids { df[Int(t)] += 1 }
            for a in v.ids.indices {
                for b in (a + 1)..<v.ids.count { pairs[Int64(v.ids[a]) << 32 | Int64(v.ids[b]), default: 0] += 1 }
            }
        }
        var lists = [[(Int32, Float)]](repeating: [], count: dimension)
        for key in pairs.keys.sorted() {
            let c = pairs[key]!
            guard c >= 2 else { continue }
            let a = Int32(key >> 32)
            let b = Int32(key & 0xFFFF_FFFF)
            let pmi = log(n * c / (df[Int(a)] * df[Int(b)]))
            guard pmi > 0 else { continue }
            lists[Int(a)].append((b, pmi))
            lists[Int(b)].append((a, pmi))
        }
        for t in lists.indices where !lists[t].isEmpty {
            lists[t].sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            if lists[t].count > neighbours { lists[t].removeLast(lists[t].count - neighbours) }
            let norm = lists[t].reduce(Float(0)) { $0 + $1.1 * $1.1 }.squareRoot()
            lists[t] = lists[t].map { ($0.0, $0.1 / norm) }
        }
        return Parallel.chunks(vectors.count) { range in
            range.map { d -> SparseVector in
                var sum: [Int32: Float] = [:]
                let v = vectors[d]
                for k in v.ids.indices {
                    sum[v.ids[k], default: 0] += v.values[k]
                    for (m, w) in lists[Int(v.ids[k])] { sum[m, default: 0] += weight * v.values[k] * w }
                }
                // At most `kept` dimensions, the heaviest (ties: smaller id): every later dot
                // product costs what a vector holds.
                var entries = sum.map { ($0.key, $0.value) }
                entries.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                if entries.count > kept { entries.removeLast(entries.count - kept) }
                entries.sort { $0.0 < $1.0 }
                var out = SparseVector()
                for (id, value) in entries {
                    out.ids.append(id)
                    out.values.append(value)
                }
                out.normalize()
                return out
            }
        }.flatMap { $0 }
    }

    /// Drops the subject from the documents whose subject is shared by threads that do not read
    /// alike: "Question", "Urgent", "Help please" head enquiries about anything and would make
    /// topics of their own, while a subject that names one question ("Colis non reçu") gathers
    /// bodies about it and stays. The same test as the team's answers (`coherent`), on the
    /// bodies alone; a subject of fewer than `subjectTestSize` threads (too few to tell: four
    /// wordings of one question may share no word), or over an empty body, stays.
    private mutating func dropIncoherentSubjects(_ streams: [[Int32]], subjectStarts: [Int]) {
        var threadsOf: [[Int32]: [Int]] = [:]
        for d in streams.indices where subjectStarts[d] < streams[d].count && !text[d].isEmpty {
            let subject = streams[d][subjectStarts[d]...].filter { $0 >= 0 }
            if !subject.isEmpty { threadsOf[Array(subject), default: []].append(d) }
        }
        let shared = threadsOf.filter { $0.value.count >= Self.subjectTestSize }
        guard !shared.isEmpty else { return }
        let features = self
        let bodies = Parallel.chunks(streams.count) { range -> [((ids: [Int32], tf: [Int32]), SparseVector)] in
            var scratch = [Int32](repeating: 0, count: features.textDimension)
            return range.map { d in
                let c = features.termCounts(Array(streams[d][..<min(subjectStarts[d], streams[d].count)]), &scratch)
                return (c, features.vector(c))
            }
        }.flatMap { $0 }
        let bodyText = bodies.map(\.1)
        let evidence = streams.indices.map { d -> [String] in
            let subject = streams[d][min(subjectStarts[d], streams[d].count)...].filter { $0 >= 0 }
            guard !subject.isEmpty, shared[Array(subject)] != nil else { return [] }
            return [subject.map(String.init).joined(separator: " ")]
        }
        let kept = Self.coherent(evidence, wording: bodyText)
        for d in streams.indices where !evidence[d].isEmpty && kept[d].isEmpty && !bodyText[d].isEmpty {
            counts[d] = bodies[d].0
            text[d] = bodyText[d]
        }
    }

    /// The evidence keys whose threads read alike: a saved reply or link that answers one
    /// question gathers customers who wrote about one thing, while a generic answer ("we are
    /// looking into it") gathers them at random. A key is kept when its threads' mean wording
    /// vector is clearly longer than chance allows: its squared length, less the 1/n that any
    /// n unit vectors give, at least three times that of all threads together.
    static func coherent(_ evidence: [[String]], wording: [SparseVector]) -> [[String]] {
        var docsOf: [String: [Int]] = [:]
        for (d, keys) in evidence.enumerated() where !wording[d].isEmpty {
            for k in keys { docsOf[k, default: []].append(d) }
        }
        guard !docsOf.isEmpty else { return evidence }
        let all = wording.indices.filter { !wording[$0].isEmpty }
        let global = squaredMeanLength(all, wording)
        var kept = Set<String>()
        for key in docsOf.keys.sorted() {
            let docs = docsOf[key]!
            guard docs.count >= 2 else { continue }
            if squaredMeanLength(docs, wording) - 1 / Double(docs.count) >= 3 * global + 0.02 { kept.insert(key) }
        }
        return evidence.map { $0.filter(kept.contains) }
    }

    /// |mean of the vectors|², summed in id order.
    static func squaredMeanLength(_ docs: [Int], _ vectors: [SparseVector]) -> Double {
        var sum: [Int32: Double] = [:]
        for d in docs {
            for k in vectors[d].ids.indices { sum[vectors[d].ids[k], default: 0] += Double(vectors[d].values[k]) }
        }
        let n = Double(max(1, docs.count))
        return sum.keys.sorted().reduce(0.0) { $0 + (sum[$1]! / n) * (sum[$1]! / n) }
    }
}
