import FoundationEssentials
import MailCore
import TextBasics

/// Finds the recurring questions customers ask, one conversation at a time.
///
/// Steps, each a function below: documents (one per thread: its enquiry and subject, people
/// taken out) → analysis (fold, elisions, stop words, light stemming, the bilingual concept
/// lexicon) → team-answer evidence (saved replies and help-center links) → TF-IDF features →
/// clustering with an automatic number of topics → topics (labels in both languages, examples)
/// → trend against the previous window → articles.
struct TopicPipeline {
    var analyzer = TopicAnalyzer()
    var lexicon = ConceptLexicon.shared
    var clusterer = TopicClusterer()
    /// Below this cosine an article is not counted as covering a topic.
    var articleThreshold = 0.3
    /// Topics smaller than this share of conversations (and than 3) are not reported.
    var minimumShare = 0.004
    /// Weight of the team's answers against the customer's words (both unit length).
    var evidenceWeight: Float = 1.0
    var useTeamAnswers = true
    /// How much each document borrows from its words' usual neighbours (`TopicFeatures.smoothed`).
    var smoothing: Float = 0.3
    var neighbours = 8
    /// At most this many conversations are learned on (vocabulary, team answers, clustering, labels); the
    /// rest of a larger window joins the learned topics. Help centers below it are reported as before.
    var learningLimit = 20_000
    /// Up to this many learned conversations the topics are the communities of a neighbour graph
    /// (`TopicClusterer.clusterByGraph`) when the team answered under `graphAnsweredShare` of them (`usesGraph`);
    /// the exact graph's cost grows with the square of the conversations (at 100,000 messages the learned set is
    /// about 20,000: today's path).
    var graphLimit = 5_000
    /// The graph path is for mail the team's answers say little about. Without them (BANKING77, none answered) it
    /// found the intents better than the seeded k-means and its merges and splits (held-out half: recall 0.45 to
    /// 0.53, NMI 0.657 to 0.668), and on the help centers with their answers taken out it gained recall too (0.003 to
    /// 0.05). With them (help centers: 79-87% of conversations answered; gen-sample's corpus: 49%) the answers
    /// guard the merges and cuts of today's path, and the graph cost precision: it can put two sibling questions'
    /// askers in one community (energy help center 0.93-0.96 against 0.99-1.00; gen-sample's corpus 0.54 against
    /// 0.62). Between none and 49% answered nothing was measured.
    var graphAnsweredShare = 0.2

    /// One analysed document.
    struct Analysed {
        var tokens: [TopicToken]
        var french: Bool
        /// Only thanks and acknowledgements: no topic of its own.
        var isAcknowledgement: Bool
        /// Where the subject's tokens start (the body's come first).
        var subjectStart = 0
    }

    func run(
        data: ReportData, current: some Collection<Int>, previous: some Collection<Int>, articles: [Article],
        language: ReportLanguage = .english
    ) -> TopicSummary {
        var summary = TopicSummary()
        summary.customerMessages = current.count
        summary.previousCustomerMessages = previous.count
        guard !current.isEmpty else { return summary }
        let personal = Self.personalText(data)
        // The previous window's conversations are grouped with the current ones, so a topic's
        // trend compares like with like; a thread in both windows counts as current.
        // One array of documents (current ones first), not a current one copied into it.
        var all = TopicDocuments(data: data, messages: current).documents
        let currentCount = all.count
        do {
            // The set of current threads only when there is an earlier window to filter (a report of the whole
            // archive has none).
            let earlier = TopicDocuments(data: data, messages: previous).documents
            if !earlier.isEmpty {
                let currentThreads = Set(all.map(\.thread))
                all += earlier.filter { !currentThreads.contains($0.thread) }
            }
        }
        // Topics are learned on at most `learningLimit` conversations, evenly spaced (current ones first, as in
        // `all`), so what the learning holds does not grow with the archive; the others join their nearest
        // topic afterwards, a block at a time (`assignRest`). Below the limit every conversation is learned on.
        let sample = Self.evenlySpaced(all.count, limit: learningLimit)
        let documents = sample.map { $0.map { all[$0] } } ?? all
        let learnedCurrent = sample?.prefix { $0 < currentCount }.count ?? currentCount
        var vocabulary = TopicVocabulary()
        let (analysed, streams) = analyse(documents, data: data, personal: personal, into: &vocabulary)
        let features = self.features(
            documents: documents, analysed: analysed, streams: streams, vocabulary: vocabulary, data: data,
            personal: personal)
        let minimum = max(3, Int((Double(learnedCurrent) * minimumShare).rounded(.up)))
        let assignment = clusterer.cluster(
            features.combined, wording: features.wording, dimension: features.dimension,
            answersFrom: features.textDimension, minimumSize: minimum, french: analysed.map(\.french),
            graph: usesGraph(features) ? graphVectors(features) : nil)
        let labeler = TopicLabeler(
            analyzer: analyzer, lexicon: lexicon, personal: personal, features: features, language: language)
        let made = makeTopics(
            assignment: assignment, documents: documents, currentCount: learnedCurrent, analysed: analysed,
            features: features, data: data, labeler: labeler)
        var topics = made.topics
        var groups = made.groups
        if let sample {
            assignRest(
                &topics, groups: &groups, all: all, currentCount: currentCount, learned: sample,
                features: features, data: data, personal: personal)
        }
        summary.chosenClusters = topics.count
        summary.clustering =
            "threads=\(currentCount)+\(all.count - currentCount) topics=\(topics.count)"
            + (sample.map { " learned on \($0.count)" } ?? "")
        summary.unassigned = current.count - topics.reduce(0) { $0 + $1.members.count }
        matchArticles(&topics, groups: groups, articles: articles, features: features, analysed: analysed)
        summary.topics = topics
        return summary
    }

    /// Team-answer evidence and vectors of the analysed documents (acknowledgements stay empty).
    func features(
        documents: [TopicDocuments.Document], analysed: [Analysed], streams: [[Int32]], vocabulary: TopicVocabulary,
        data: ReportData, personal: PersonalText
    ) -> TopicFeatures {
        let evidence =
            useTeamAnswers
            ? TeamAnswers(data: data, documents: documents, personal: personal).evidence
            : [[String]](repeating: [], count: documents.count)
        return TopicFeatures(
            vocabulary: vocabulary, streams: streams,
            evidence: evidence.indices.map { analysed[$0].isAcknowledgement ? [] : evidence[$0] },
            evidenceWeight: evidenceWeight, smoothing: smoothing, neighbours: neighbours,
            subjectStarts: analysed.map(\.subjectStart))
    }

    /// Whether the topics come from the neighbour graph: at most `graphLimit` conversations to cluster, under
    /// `graphAnsweredShare` of them with a team answer.
    func usesGraph(_ features: TopicFeatures) -> Bool {
        var (documents, answered) = (0, 0)
        for vector in features.combined where !vector.isEmpty {
            documents += 1
            // Ids ascend, and the team-answer dimensions come after the words'.
            if let last = vector.ids.last, Int(last) >= features.textDimension { answered += 1 }
        }
        return usesGraph(documents: documents, answered: answered)
    }

    func usesGraph(documents: Int, answered: Int) -> Bool {
        documents > 0 && documents <= graphLimit && Double(answered) < graphAnsweredShare * Double(documents)
    }

    /// The clustering's vectors with the letter pieces of their stems (`StemGrams`), for the neighbour graph.
    func graphVectors(_ features: TopicFeatures) -> (vectors: [SparseVector], dimension: Int) {
        let pieces = StemGrams().vectors(
            counts: features.counts, words: features.vocabulary.words, offset: features.dimension)
        return (StemGrams.joined(features.combined, pieces.vectors), pieces.dimension)
    }

    /// Display names of every sender and recipient in the mailbox (gathered with the messages).
    static func personalText(_ data: ReportData) -> PersonalText {
        PersonalText(displayNames: data.displayNames)
    }

    /// "ahmed.khan@…" with no display name: the address is the name ("ahmed khan"); nil when its
    /// local part holds no separator.
    static func nameInAddress(_ address: String) -> String? {
        // ASCII (nearly every address): bytes are Characters, so most addresses are turned down
        // here without Character splitting.
        if address.utf8.allSatisfy({ $0 < 0x80 }) {
            let local = address.utf8.split(separator: UInt8(ascii: "@")).first
            guard let local, local.contains(where: { $0 == 0x2E || $0 == 0x2D || $0 == 0x5F }) else { return nil }
        }
        guard let local = address.split(separator: "@").first, local.contains(where: { ".-_".contains($0) })
        else { return nil }
        return local.replacingAll(".", with: " ").replacingAll("_", with: " ")
    }

    /// Analyses each document's enquiry, a block of documents at a time in two halves side by side
    /// (`Parallel.chunks`' default), and turns its tokens into term ids at once, in document order: the
    /// tokens of one block are all that is held (at 100,000 messages all of them were ~110 MB; a block of 4,096
    /// held 31 MB, of 1,024 about 8 MB). The
    /// `Analysed` values come back without their tokens; acknowledgements get an empty stream.
    func analyse(
        _ documents: [TopicDocuments.Document], data: ReportData, personal: PersonalText,
        into vocabulary: inout TopicVocabulary, block: Int = 1_024
    ) -> (analysed: [Analysed], streams: [[Int32]]) {
        var analysed: [Analysed] = []
        var streams: [[Int32]] = []
        analysed.reserveCapacity(documents.count)
        streams.reserveCapacity(documents.count)
        for start in stride(from: 0, to: documents.count, by: block) {
            let end = min(documents.count, start + block)
            // Words already known are looked up beside the analysis (`known`), against the vocabulary as it
            // stood before this block; the snapshot is gone before `intern` adds to it, so nothing is copied.
            // The block's enquiries are read back in one batch, and let go with the block.
            let enquiries = data.messages.summaries((start..<end).map { documents[$0].enquiry })
            let done = { (known: TopicVocabulary) in
                Parallel.chunks(end - start) { range in
                    range.map { d -> (Analysed, [Int32]) in
                        let document = analyse(enquiries[d], personal: personal)
                        return (document, document.isAcknowledgement ? [] : known.known(document.tokens))
                    }
                }
            }(vocabulary)
            for (var document, var stream) in done.joined() {
                vocabulary.intern(&stream, document.tokens)
                streams.append(stream)
                document.tokens = []
                analysed.append(document)
            }
        }
        return (analysed, streams)
    }

    func analyse(_ message: MessageSummary?, personal: PersonalText, surfaces: Bool = false) -> Analysed {
        let (bodyText, subjectText) =
            message.map { TopicDocuments.text(of: $0, personal: personal) } ?? ("", "")
        let body = analyzer.analyzeDetectingLanguage(bodyText, surfaces: surfaces)
        let subject = analyzer.analyzeDetectingLanguage(subjectText, surfaces: surfaces, french: body.french)
        let tokens = withoutNames(body.tokens, personal) + withoutNames(subject.tokens, personal)
        let words = tokens.filter { $0.kind == .word }
        let acknowledgement = words.allSatisfy { Self.acknowledgementStems.contains($0.term) }
        // Each part ends with a break, so no concept spans the two and the body's count is where the subject starts.
        let bodyTokens = lexicon.map(withoutNames(body.tokens, personal))
        return Analysed(
            tokens: bodyTokens + lexicon.map(withoutNames(subject.tokens, personal)), french: body.french,
            isAcknowledgement: acknowledgement, subjectStart: bodyTokens.count)
    }

    private func withoutNames(_ tokens: [TopicToken], _ personal: PersonalText) -> [TopicToken] {
        tokens.map { token in
            guard token.kind == .word, personal.isNameStem(token.term) else { return token }
            return TopicToken(kind: .breakMark, term: "", surface: "")
        }
    }

    /// Words of thanks and acknowledgement ("super, ça marche", "got it, works now").
    static let acknowledgementStems: Set<String> = {
        let text = """
            thanks thank merci great perfect parfait super top genial génial excellent awesome ok okay received reçu
            recu work works worked working marche fonctionne résolu resolu solved resolved fixed quick rapide fast
            answer réponse reponse reply nice cool good bien bon bonne noted noté note understood compris clear clair
            appreciate lot beaucoup encore again all set sorted wonderful brilliant formidable impeccable nickel
            now maintenant link lien helpful utile done fait fine it's problem problème
            """
        return Set(TopicAnalyzer().analyze(text).filter { $0.kind == .word }.map(\.term))
    }()
}

extension PersonalText {
    /// A stemmed word that is a name in the mailbox's headers.
    func isNameStem(_ stem: String) -> Bool { nameStems.contains(stem) }
}
