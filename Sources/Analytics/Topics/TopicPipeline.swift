import Foundation
import MailCore

/// Finds the recurring questions in customer messages, from their reply text and subject.
///
/// Steps: analyse (fold, elisions, stop words, light stemming) → multi-word terms by frequency
/// and association → TF-IDF vectors → near-duplicate collapse (MinHash) → clustering
/// (`TopicClusterer`) → clusters answered with the same help-center links merged (this is what
/// brings a French and an English cluster of one question together when their words differ) →
/// labels by class-based TF-IDF in readable surface forms → trend, examples, articles.
struct TopicPipeline {
    var analyzer = TopicAnalyzer()
    var clusterer = TopicClusterer()
    /// Below this cosine an article is not counted as covering a topic.
    var articleThreshold = 0.35
    /// Topics smaller than this share of customer messages (and than 3 messages) are not reported.
    var minimumShare = 0.003
    /// Merge two clusters when the links the team sent in their threads agree this much (cosine).
    /// Below this, a cluster's three best terms are mostly used outside it, and it is not reported.
    var minimumDistinctiveness = 0.3
    /// Merge two clusters whose centroids are at least this close (cosine).
    var vocabularyMergeThreshold: Float = 0.35
    var mergeByLinks = true

    private static let connector: Int32 = -1
    private static let breakMark: Int32 = -2

    func run(data: ReportData, current: [Int], previous: [Int], articles: [Article]) -> TopicSummary {
        var summary = TopicSummary()
        summary.customerMessages = current.count
        summary.previousCustomerMessages = previous.count
        guard !current.isEmpty else { return summary }
        let messages = data.messages

        // 1. Analyse the window's customer messages; the vocabulary is theirs.
        var vocabulary: [String: Int32] = [:]
        var words: [String] = []
        // Analysis runs on all cores; each chunk interns words locally, then chunks are merged in
        // order, so ids are assigned by first appearance exactly as a single pass would.
        struct Chunk {
            var words: [String] = []
            var streams: [[Int32]] = []
            var french: [Bool] = []
        }
        let analyzer = self.analyzer
        /// Subjects repeat along a thread: each chunk analyses each (subject, language) once.
        struct SubjectKey: Hashable {
            var subject: String
            var french: Bool
        }
        func analyzed(_ index: Int, subjects: inout [SubjectKey: [TopicToken]]) -> (tokens: [TopicToken], french: Bool)
        {
            let message = messages[index]
            let body = analyzer.analyzeDetectingLanguage(message.replyText)
            let key = SubjectKey(subject: message.subject, french: body.french)
            let subject: [TopicToken]
            if let cached = subjects[key] {
                subject = cached
            } else {
                subject =
                    analyzer.analyzeDetectingLanguage(Self.cleanSubject(message.subject), french: body.french).tokens
                subjects[key] = subject
            }
            return (body.tokens + subject, body.french)
        }
        let chunks = Parallel.chunks(current.count) { range -> Chunk in
            var chunk = Chunk()
            var local: [String: Int32] = [:]
            var subjects: [SubjectKey: [TopicToken]] = [:]
            for d in range {
                let (tokens, french) = analyzed(current[d], subjects: &subjects)
                var out: [Int32] = []
                out.reserveCapacity(tokens.count)
                for token in tokens {
                    switch token.kind {
                    case .connector: out.append(Self.connector)
                    case .breakMark: out.append(Self.breakMark)
                    case .word:
                        if let id = local[token.term] {
                            out.append(id)
                        } else {
                            let id = Int32(chunk.words.count)
                            local[token.term] = id
                            chunk.words.append(token.term)
                            out.append(id)
                        }
                    }
                }
                chunk.streams.append(out)
                chunk.french.append(french)
            }
            return chunk
        }
        var streams: [[Int32]] = []
        var isFrench: [Bool] = []
        streams.reserveCapacity(current.count)
        for chunk in chunks {
            var map = [Int32](repeating: 0, count: chunk.words.count)
            for (localId, word) in chunk.words.enumerated() {
                if let id = vocabulary[word] {
                    map[localId] = id
                } else {
                    let id = Int32(words.count)
                    vocabulary[word] = id
                    words.append(word)
                    map[localId] = id
                }
            }
            for s in chunk.streams { streams.append(s.map { $0 >= 0 ? map[Int($0)] : $0 }) }
            isFrench += chunk.french
        }
        /// A message outside the window, in the window's vocabulary (unknown words break terms).
        var previousSubjects: [SubjectKey: [TopicToken]] = [:]
        func stream(_ index: Int) -> [Int32] {
            analyzed(index, subjects: &previousSubjects).tokens.map { token in
                switch token.kind {
                case .connector: return Self.connector
                case .breakMark: return Self.breakMark
                case .word: return vocabulary[token.term] ?? Self.breakMark
                }
            }
        }
        let n = streams.count
        var df = [Int32](repeating: 0, count: words.count)
        var stamp = [Int32](repeating: -1, count: words.count)
        for (d, s) in streams.enumerated() {
            for t in s where t >= 0 && stamp[Int(t)] != Int32(d) {
                stamp[Int(t)] = Int32(d)
                df[Int(t)] += 1
            }
        }
        let minDf = Int32(max(2, Int((Double(n) * 0.0005).rounded(.up))))
        let maxDf = Int32(max(Int(minDf), n / 2))
        let eligible = df.map { $0 >= minDf && $0 <= maxDf }

        // 2. Multi-word terms: adjacent content words (one connector allowed between) that occur
        //    together in enough messages and in a good part of the messages holding either word.
        //    Counted per chunk on each core, then summed (integer sums: order does not matter).
        let chunkPairCounts = Parallel.chunks(streams.count) { range -> [Int64: Int32] in
            var counts: [Int64: Int32] = [:]
            var pairs: [Int64] = []
            for d in range {
                pairs.removeAll(keepingCapacity: true)
                Self.forEachPair(streams[d]) { a, b in
                    if eligible[Int(a)] && eligible[Int(b)] { pairs.append(Int64(a) << 32 | Int64(b)) }
                }
                pairs.sort()
                var last: Int64 = -1
                for p in pairs where p != last {
                    counts[p, default: 0] += 1
                    last = p
                }
            }
            return counts
        }
        var pairCounts = chunkPairCounts.first ?? [:]
        for extra in chunkPairCounts.dropFirst() { pairCounts.merge(extra, uniquingKeysWith: +) }
        var phraseKeys: [Int64] = []
        for (key, count) in pairCounts where count >= max(minDf, 3) {
            let a = Int(key >> 32)
            let b = Int(key & 0xFFFF_FFFF)
            if Double(count) >= 0.3 * Double(min(df[a], df[b])) { phraseKeys.append(key) }
        }
        phraseKeys.sort()
        var phraseId: [Int64: Int32] = [:]
        for (k, key) in phraseKeys.enumerated() { phraseId[key] = Int32(words.count + k) }
        let dimension = words.count + phraseKeys.count
        var termDf = [Int32](repeating: 0, count: dimension)
        for t in 0..<words.count where eligible[t] { termDf[t] = df[t] }
        for (k, key) in phraseKeys.enumerated() { termDf[words.count + k] = pairCounts[key]! }
        let idf = termDf.map { $0 > 0 ? Float(log(Double(n) / Double($0))) : 0 }

        // 3. Term counts and TF-IDF vectors (`scratch` is a zeroed dense tally of `dimension` slots).
        func counts(_ s: [Int32], _ scratch: inout [Int32]) -> (ids: [Int32], tf: [Int32]) {
            var touched: [Int32] = []
            for t in s where t >= 0 && eligible[Int(t)] {
                if scratch[Int(t)] == 0 { touched.append(t) }
                scratch[Int(t)] += 1
            }
            Self.forEachPair(s) { a, b in
                if let p = phraseId[Int64(a) << 32 | Int64(b)] {
                    if scratch[Int(p)] == 0 { touched.append(p) }
                    scratch[Int(p)] += 1
                }
            }
            touched.sort()
            let tf = touched.map { scratch[Int($0)] }
            for t in touched { scratch[Int(t)] = 0 }
            return (touched, tf)
        }
        var sharedScratch = [Int32](repeating: 0, count: dimension)
        func counts(_ s: [Int32]) -> (ids: [Int32], tf: [Int32]) { counts(s, &sharedScratch) }
        func vector(_ c: (ids: [Int32], tf: [Int32])) -> SparseVector {
            var v = SparseVector()
            for (k, t) in c.ids.enumerated() where idf[Int(t)] > 0 {
                v.ids.append(t)
                v.values.append((1 + Float(log(Double(c.tf[k])))) * idf[Int(t)])
            }
            v.normalize()
            return v
        }
        let parts = Parallel.chunks(n) { range -> [((ids: [Int32], tf: [Int32]), SparseVector)] in
            var scratch = [Int32](repeating: 0, count: dimension)
            return range.map { d in
                let c = counts(streams[d], &scratch)
                return (c, vector(c))
            }
        }
        let termCounts = parts.flatMap { $0.map(\.0) }
        let vectors = parts.flatMap { $0.map(\.1) }

        // 4. Near-duplicates collapse onto one representative that carries their weight.
        let groups = NearDuplicates.groups(vectors.map(\.ids))
        var repOf = [Int](repeating: 0, count: n)
        var reps: [Int] = []
        var weights: [Float] = []
        for group in groups {
            for member in group { repOf[member] = reps.count }
            reps.append(group[0])
            weights.append(Float(group.count))
        }
        let repVectors = reps.map { vectors[$0] }

        // 5. Clustering, one language at a time: within a language the shared small talk
        //    ("thanks for your quick answer") spreads evenly and topics stand out; across languages
        //    that small talk would be the strongest split of all.
        var assignment = [Int](repeating: -1, count: reps.count)
        var centroidsByCluster: [SparseVector] = []
        var clusterIsFrench: [Bool] = []
        var chosen: [String] = []
        let groupsByLanguage = [false, true].map { french in reps.indices.filter { isFrench[reps[$0]] == french } }
        let clusterer = self.clusterer
        let results = Parallel.chunks(2) { range -> [TopicClusterer.Result] in
            range.map { l in
                let group = groupsByLanguage[l]
                return clusterer.cluster(
                    group.map { repVectors[$0] }, weights: group.map { weights[$0] }, dimension: dimension)
            }
        }.flatMap { $0 }
        for (l, french) in [false, true].enumerated() {
            let group = groupsByLanguage[l]
            guard !group.isEmpty else { continue }
            let result = results[l]
            let offset = centroidsByCluster.count
            for (position, r) in group.enumerated() where result.assignment[position] >= 0 {
                assignment[r] = offset + result.assignment[position]
            }
            for row in 0..<result.centroids.rows {
                centroidsByCluster.append(Self.sparse(result.centroids.row(row)))
                clusterIsFrench.append(french)
            }
            chosen.append("\(french ? "fr" : "en"):k=\(result.k)")
            summary.silhouette += result.silhouette / 2
        }
        summary.chosenClusters = centroidsByCluster.count
        summary.clustering = chosen.joined(separator: " ")
        var clusterOf = (0..<n).map { assignment[repOf[$0]] }
        let clusterCount = centroidsByCluster.count

        // 6. Clusters whose threads the team answered with the same links are one question.
        var subClusters = (0..<clusterCount).map { [$0] }
        if clusterCount > 1 {
            let merged = mergeAcrossLanguages(
                data: data, current: current, clusterOf: clusterOf, centroids: centroidsByCluster,
                french: clusterIsFrench)
            subClusters = merged
            var newIndex = [Int](repeating: -1, count: clusterCount)
            for (g, group) in merged.enumerated() { for c in group { newIndex[c] = g } }
            clusterOf = clusterOf.map { $0 >= 0 ? newIndex[$0] : -1 }
        }

        // 7. Topics: big enough groups, largest first.
        var membersOf = [[Int]](repeating: [], count: subClusters.count)
        for d in 0..<n where clusterOf[d] >= 0 { membersOf[clusterOf[d]].append(d) }
        let minimum = max(3, Int((Double(n) * minimumShare).rounded(.up)))
        var order = membersOf.indices.filter { membersOf[$0].count >= minimum }
        order.sort { (membersOf[$0].count, $1) > (membersOf[$1].count, $0) }
        var centroids = CentroidMatrix(dimension: dimension)
        let unit = [Float](repeating: 1, count: n)
        for g in order { centroids.appendMean(of: membersOf[g], vectors: vectors, weights: unit) }

        // Labels by class-based TF-IDF over the reported topics.
        var classTf = [[Float]](repeating: [], count: order.count)
        var totalTf = [Float](repeating: 0, count: dimension)
        var classTotals = [Float](repeating: 0, count: order.count)
        for (r, g) in order.enumerated() {
            var tf = [Float](repeating: 0, count: dimension)
            for d in membersOf[g] {
                let c = termCounts[d]
                for (k, t) in c.ids.enumerated() where termDf[Int(t)] > 0 {
                    tf[Int(t)] += Float(c.tf[k])
                    totalTf[Int(t)] += Float(c.tf[k])
                    classTotals[r] += Float(c.tf[k])
                }
            }
            classTf[r] = tf
        }
        let averageClassSize = order.isEmpty ? 1 : classTotals.reduce(0, +) / Float(order.count)

        // Each topic is named and given examples on its own, so topics are shared out between cores.
        let frozenCentroids = centroids
        let orderSnapshot = order
        func makeTopic(_ r: Int) -> Topic {
            let g = orderSnapshot[r]
            let members = membersOf[g]
            var scored: [(Int32, Float)] = []
            for t in 0..<dimension where classTf[r][t] > 0 {
                let w = classTf[r][t] / max(classTotals[r], 1) * Float(log(1 + Double(averageClassSize / totalTf[t])))
                scored.append((Int32(t), w))
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
            let candidates = Array(scored.prefix(16).map(\.0))
            // A topic is a question only if its own words are mostly its own: a cluster held
            // together by small talk ("rendez-vous", "demain") shares its best terms with everyone.
            let top = candidates.prefix(3)
            let ownShare =
                top.reduce(Float(0)) { $0 + classTf[r][Int($1)] / max(totalTf[Int($1)], 1) } / Float(max(1, top.count))
            let surfaces = surfaceForms(
                of: candidates, docs: members.prefix(120).map { current[$0] }, data: data,
                vocabulary: vocabulary, phraseId: phraseId)
            let chosen = Self.pickTerms(candidates, words: words, phraseKeys: phraseKeys, limit: 10)
            let readable = chosen.map { surfaces[$0] ?? Self.fallbackSurface($0, words: words, phraseKeys: phraseKeys) }
            var seen = Set<String>()
            // Chained terms must be written that way in the topic's own messages.
            let sampleTexts = members.prefix(120).map { d -> String in
                let message = messages[current[d]]
                return (message.replyText + "\n" + message.subject).lowercased()
            }
            let needed = max(2, sampleTexts.count / 10)
            let distinct = Self.joinOverlapping(readable) { phrase in
                var hits = 0
                for text in sampleTexts where text.contains(phrase) {
                    hits += 1
                    if hits >= needed { return true }
                }
                return false
            }.filter { seen.insert($0).inserted }
            let threads = Set(members.map { data.threadOf[current[$0]] }).count
            // Examples: the most typical messages, one per thread.
            let scoredMembers: [(Int, Float)] = members.map { ($0, frozenCentroids.similarity(vectors[$0], row: r)) }
            let cohesion = scoredMembers.reduce(0.0) { $0 + Double($1.1) } / Double(max(1, scoredMembers.count))
            let typical = scoredMembers.sorted {
                $0.1 != $1.1 ? $0.1 > $1.1 : messages[current[$0.0]].id < messages[current[$1.0]].id
            }
            var exampleThreads = Set<Int>()
            var examples: [Int] = []
            for (d, _) in typical where examples.count < 3 {
                if exampleThreads.insert(data.threadOf[current[d]]).inserted { examples.append(current[d]) }
            }
            return Topic(
                id: r + 1, label: Self.label(distinct), keywords: Array(distinct.prefix(8)),
                members: members.map { current[$0] }.sorted(), threadCount: threads, previousCount: 0,
                examples: examples, bestArticle: nil, articleScore: nil, covered: false, cohesion: cohesion,
                distinctiveness: Double(ownShare))
        }
        var topics = Parallel.chunks(order.count) { range in range.map(makeTopic) }.flatMap { $0 }
        // Drop grab-bags, renumber, and keep centroids and groups aligned with what is left.
        let kept = topics.indices.filter { topics[$0].distinctiveness >= minimumDistinctiveness }
        topics = kept.enumerated().map { position, r in
            var topic = topics[r]
            topic.id = position + 1
            return topic
        }
        order = kept.map { order[$0] }
        var keptCentroids = CentroidMatrix(dimension: dimension)
        for g in order { keptCentroids.appendMean(of: membersOf[g], vectors: vectors, weights: unit) }
        centroids = keptCentroids
        summary.unassigned = n - topics.reduce(0) { $0 + $1.members.count }

        // 8. The previous window, for trends: each message joins its nearest topic when close enough.
        if !topics.isEmpty {
            for index in previous {
                let v = vector(counts(stream(index)))
                guard !v.isEmpty else { continue }
                let (row, sim) = centroids.nearest(v)
                if sim >= 0.1 { topics[row].previousCount += 1 }
            }
        }

        // 9. Articles: the best-covering one per topic, by cosine against the topic's own clusters.
        if !articles.isEmpty && !topics.isEmpty {
            let articleVectors = articles.map { article -> SparseVector in
                var s: [Int32] = []
                for token in analyzer.analyze(ArticleText.plain(article.text)) {
                    switch token.kind {
                    case .connector: s.append(Self.connector)
                    case .breakMark: s.append(Self.breakMark)
                    case .word: s.append(vocabulary[token.term] ?? Self.breakMark)
                    }
                }
                return vector(counts(s))
            }
            for (r, g) in order.enumerated() {
                var parts = CentroidMatrix(dimension: dimension)
                for c in subClusters[g] {
                    let docs = membersOf[g].filter { assignment[repOf[$0]] == c }
                    if !docs.isEmpty { parts.appendMean(of: docs, vectors: vectors, weights: unit) }
                }
                var best: (Int, Float)?
                for (a, v) in articleVectors.enumerated() where !v.isEmpty {
                    var score = centroids.similarity(v, row: r)
                    for p in 0..<parts.rows { score = max(score, parts.similarity(v, row: p)) }
                    if best == nil || score > best!.1 { best = (a, score) }
                }
                if let best {
                    topics[r].bestArticle = best.0
                    topics[r].articleScore = Double(best.1)
                    topics[r].covered = Double(best.1) >= articleThreshold
                }
            }
        }
        summary.topics = topics
        return summary
    }

    /// Calls `body(a, b)` for each pair of content words next to each other, or with one connector between.
    static func forEachPair(_ s: [Int32], _ body: (Int32, Int32) -> Void) {
        var previous: Int32 = breakMark
        var gap = 0
        for t in s {
            if t >= 0 {
                if previous >= 0 && gap <= 1 { body(previous, t) }
                previous = t
                gap = 0
            } else if t == connector {
                gap += 1
            } else {
                previous = breakMark
                gap = 0
            }
        }
    }

    /// Drops reply prefixes and bracketed tags ("Re:", "TR :", "[Help Center]") from a subject.
    static func cleanSubject(_ subject: String) -> String {
        var text = subject
        while let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") {
            text.removeSubrange(open...close)
        }
        return text
    }

    /// Up to `limit` terms: a phrase absorbs the single words it contains.
    static func pickTerms(_ ranked: [Int32], words: [String], phraseKeys: [Int64], limit: Int) -> [Int32] {
        func parts(_ t: Int32) -> [Int32] {
            if Int(t) < words.count { return [t] }
            let key = phraseKeys[Int(t) - words.count]
            return [Int32(key >> 32), Int32(key & 0xFFFF_FFFF)]
        }
        var chosen: [Int32] = []
        for t in ranked where chosen.count < limit {
            let p = parts(t)
            if p.count == 1 {
                if chosen.contains(where: { parts($0).count == 2 && parts($0).contains(t) }) { continue }
                chosen.append(t)
            } else {
                if let at = chosen.firstIndex(where: { parts($0).count == 1 && p.contains($0) }) {
                    chosen[at] = t
                    chosen.removeAll { $0 != t && parts($0).count == 1 && p.contains($0) }
                } else {
                    chosen.append(t)
                }
            }
        }
        return chosen
    }

    /// A short name: the best two terms, a third when the name stays within about eight words.
    static func label(_ terms: [String]) -> String {
        var chosen: [String] = []
        var words = 0
        for term in terms.prefix(3) {
            let count = term.split(separator: " ").count
            if chosen.count >= 2 && words + count > 8 { break }
            chosen.append(term)
            words += count
        }
        return chosen.joined(separator: ", ")
    }

    /// Chains overlapping multi-word terms ("lien de réinitialisation" + "réinitialisation du mot" +
    /// "mot de passe" → "lien de réinitialisation du mot de passe") and drops single words already
    /// inside a longer term, keeping the rank of the first part.
    static func joinOverlapping(_ terms: [String], isWritten: (String) -> Bool) -> [String] {
        /// A word without its elided article: "l'offre" and "offre" overlap.
        func core(_ word: Substring) -> Substring {
            guard let cut = word.lastIndex(where: { $0 == "'" || $0 == "’" }) else { return word }
            return word[word.index(after: cut)...]
        }
        var out: [[Substring]] = []
        for term in terms {
            let words = term.split(separator: " ")
            if words.count >= 2 {
                if let i = out.firstIndex(where: {
                    $0.count >= 2 && core($0.last!) == core(words[0])
                        && isWritten(($0 + words.dropFirst()).joined(separator: " "))
                }) {
                    out[i] += words.dropFirst()
                    continue
                }
                if let i = out.firstIndex(where: {
                    $0.count >= 2 && core($0.first!) == core(words.last!)
                        && isWritten((words.dropLast() + $0).joined(separator: " "))
                }) {
                    out[i] = Array(words.dropLast()) + out[i]
                    continue
                }
            }
            out.append(words)
        }
        let joined = out.map { $0.joined(separator: " ") }
        return joined.filter { term in
            !term.contains(" ") ? !out.contains { $0.count >= 2 && $0.contains(Substring(term)) } : true
        }
    }

    static func fallbackSurface(_ t: Int32, words: [String], phraseKeys: [Int64]) -> String {
        if Int(t) < words.count { return words[Int(t)] }
        let key = phraseKeys[Int(t) - words.count]
        return words[Int(key >> 32)] + " " + words[Int(key & 0xFFFF_FFFF)]
    }

    /// The most frequent written form of each term (ties: alphabetical), read back from the messages.
    private func surfaceForms(
        of terms: [Int32], docs: [Int], data: ReportData, vocabulary: [String: Int32],
        phraseId: [Int64: Int32]
    ) -> [Int32: String] {
        let wanted = Set(terms)
        var counts: [Int32: [String: Int]] = [:]
        for index in docs {
            let message = data.messages[index]
            let body = analyzer.analyzeDetectingLanguage(message.replyText, surfaces: true)
            let subjectText = Self.cleanSubject(message.subject)
            let subject = analyzer.analyzeDetectingLanguage(subjectText, surfaces: true, french: body.french)
            for (text, tokens) in [(message.replyText, body.tokens), (subjectText, subject.tokens)] {
                let bytes = Array(text.utf8)
                var previous: (id: Int32, start: Int32)?
                var between = 0
                for token in tokens {
                    switch token.kind {
                    case .word:
                        guard let id = vocabulary[token.term] else {
                            previous = nil
                            between = 0
                            continue
                        }
                        if wanted.contains(id) { counts[id, default: [:]][token.surface, default: 0] += 1 }
                        if let p = previous, between <= 1, let phrase = phraseId[Int64(p.id) << 32 | Int64(id)],
                            wanted.contains(phrase)
                        {
                            // The phrase as written, elisions included ("passer à l'offre").
                            let written = String(decoding: bytes[Int(p.start)..<Int(token.end)], as: UTF8.self)
                                .lowercased()
                            let tidy = written.split(whereSeparator: {
                                $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r"
                            }).joined(separator: " ")
                            counts[phrase, default: [:]][tidy, default: 0] += 1
                        }
                        previous = (id, token.start)
                        between = 0
                    case .connector:
                        if previous != nil { between += 1 }
                    case .breakMark:
                        previous = nil
                        between = 0
                    }
                }
            }
        }
        var result: [Int32: String] = [:]
        for (term, forms) in counts {
            result[term] = forms.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
        }
        return result
    }

    /// A dense centroid row as a sparse vector (non-zero entries only).
    static func sparse(_ row: ArraySlice<Float>) -> SparseVector {
        var v = SparseVector()
        for (offset, value) in row.enumerated() where value != 0 {
            v.ids.append(Int32(offset))
            v.values.append(value)
        }
        return v
    }

    /// Groups clusters that are one question: the team answered their threads with the same
    /// help-center link (each cluster's most common link, held by at least half of its linked
    /// threads), or, for clusters of different languages, their centroids share enough
    /// vocabulary (product names, numbers, "CSV").
    private func mergeAcrossLanguages(
        data: ReportData, current: [Int], clusterOf: [Int], centroids: [SparseVector],
        french: [Bool]
    ) -> [[Int]] {
        let clusterCount = centroids.count
        var parent = Array(0..<clusterCount)
        func root(_ x: Int) -> Int { parent[x] == x ? x : root(parent[x]) }
        func union(_ a: Int, _ b: Int) {
            let ra = root(a)
            let rb = root(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        if mergeByLinks {
            var threadList: [Int] = []
            var listed = Set<Int>()
            for d in current.indices where clusterOf[d] >= 0 {
                let t = data.threadOf[current[d]]
                if listed.insert(t).inserted { threadList.append(t) }
            }
            let linkLists = Parallel.chunks(threadList.count) { range in
                range.map { k -> [String] in
                    var links = Set<String>()
                    for i in data.threads[threadList[k]].members where data.messages[i].direction == .team {
                        links.formUnion(LinkKey.all(in: data.messages[i].replyText))
                    }
                    return links.sorted()
                }
            }.flatMap { $0 }
            var threadLinks: [Int: [String]] = [:]
            for (k, t) in threadList.enumerated() { threadLinks[t] = linkLists[k] }
            var linkCounts = [[String: Int]](repeating: [:], count: clusterCount)
            var linkedThreads = [Int](repeating: 0, count: clusterCount)
            var seen = [Set<Int>](repeating: [], count: clusterCount)
            for d in current.indices where clusterOf[d] >= 0 {
                let c = clusterOf[d]
                let t = data.threadOf[current[d]]
                guard seen[c].insert(t).inserted, let links = threadLinks[t], !links.isEmpty else { continue }
                linkedThreads[c] += 1
                for l in links { linkCounts[c][l, default: 0] += 1 }
            }
            var dominant = [String?](repeating: nil, count: clusterCount)
            for c in 0..<clusterCount where linkedThreads[c] >= 2 {
                if let top = linkCounts[c].max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
                    Double(top.value) >= 0.5 * Double(linkedThreads[c])
                {
                    dominant[c] = top.key
                }
            }
            for a in 0..<clusterCount {
                guard let link = dominant[a] else { continue }
                for b in (a + 1)..<clusterCount where dominant[b] == link { union(a, b) }
            }
        }
        for a in 0..<clusterCount {
            // Only across languages: within one, the clustering already judged them apart.
            for b in (a + 1)..<clusterCount
            where french[a] != french[b] && centroids[a].dot(centroids[b]) >= vocabularyMergeThreshold {
                union(a, b)
            }
        }
        var groups: [Int: [Int]] = [:]
        for c in 0..<clusterCount { groups[root(c), default: []].append(c) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
