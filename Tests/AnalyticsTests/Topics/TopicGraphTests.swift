import Foundation
import Testing

@testable import Analytics

/// The graph path of the topic clustering (`TopicClusterer.clusterByGraph`) and its parts.
@Suite struct TopicGraphTests {
    private func unit(_ ids: [Int32], _ values: [Float]? = nil) -> SparseVector {
        var v = SparseVector(ids: ids, values: values ?? ids.map { _ in 1 })
        v.normalize()
        return v
    }

    /// Stems a letter or two apart ("topup", "toppup") share no term but most of their pieces; a piece only one
    /// document holds, or more than half of them, is no dimension.
    @Test func stemsThatDifferByALetterShareTheirPieces() {
        let words = ["topup", "toppup", "card", "zzzq"]
        let counts: [(ids: [Int32], tf: [Int32])] = [([0], [1]), ([1], [1]), ([2], [1]), ([2, 3], [1, 1])]
        let (vectors, dimension) = StemGrams().vectors(counts: counts, words: words, offset: 100)
        #expect(vectors[0].dot(vectors[1]) > 0.3)
        #expect(vectors[0].dot(vectors[2]) == 0)
        #expect(vectors.allSatisfy { $0.ids.allSatisfy { $0 >= 100 && $0 < dimension } })
        // "zzzq" is in one document only: the fourth document holds the pieces of "card" and nothing else.
        #expect(vectors[3].ids == vectors[2].ids)
        // The pieces follow the terms, and the whole is unit length.
        let joined = StemGrams.joined([unit([0])], [vectors[0]])[0]
        #expect(joined.ids.first == 0 && joined.ids.count == vectors[0].ids.count + 1)
        #expect(abs(joined.dot(joined) - 1) < 1e-5)
    }

    /// Each document's nearest (ties: lower index), kept both ways; a document like none has no edge.
    @Test func neighbourGraphKeepsTheNearestBothWays() {
        let vectors = [unit([0]), unit([0]), unit([0, 1]), unit([1]), unit([5])]
        let graph = NeighbourGraph(vectors, neighbours: 1)
        // 2 is as close to 0, 1 and 3 (0.71): its edge goes to 0, the lowest.
        #expect(graph.edges.map { $0.map(\.node) } == [[1, 2], [0], [0, 3], [2], []])
        #expect(abs(graph.edges[0][0].weight - 1) < 1e-6)
    }

    /// Two groups each linked all to all, with one weak edge between them, are two communities, numbered in order of
    /// their first node; the same graph gives the same communities.
    @Test func louvainFindsTwoGroupsJoinedByOneWeakEdge() {
        var edges = [[(node: Int, weight: Double)]](repeating: [], count: 8)
        func link(_ a: Int, _ b: Int, _ w: Double) {
            edges[a].append((b, w))
            edges[b].append((a, w))
        }
        for group in [[0, 2, 4, 6], [1, 3, 5, 7]] {
            for i in group.indices { for j in group.indices where j > i { link(group[i], group[j], 1) } }
        }
        link(6, 7, 0.1)
        let graph = NeighbourGraph(edges: edges.map { $0.sorted { $0.node < $1.node } })
        let communities = Louvain(resolution: 1).communities(graph)
        #expect(communities == [0, 1, 0, 1, 0, 1, 0, 1])
        #expect(Louvain(resolution: 1).communities(graph) == communities)
        // A resolution far above 1 pays so much for joining that nothing joins.
        #expect(Set(Louvain(resolution: 100).communities(graph)).count == 8)
    }

    /// A French and an English community one saved reply answers in both (a fifth of each) are one question; an
    /// answer that two communities of one language share that little does not join them, nor does one that
    /// answers a single thread of the other.
    @Test func oneQuestionInTwoLanguagesIsMerged() {
        // Dimension 10 is a team answer; 0 and 1 are words.
        let french =
            [Bool](repeating: true, count: 10) + [Bool](repeating: false, count: 10)
            + [Bool](repeating: false, count: 10)
        var vectors: [SparseVector] = []
        for c in 0..<3 {
            for k in 0..<10 { vectors.append(unit(k < (c == 2 ? 1 : 2) ? [Int32(c % 2), 10] : [Int32(c % 2)])) }
        }
        let members = [Array(0..<10), Array(10..<20), Array(20..<30)]
        let clusterer = TopicClusterer()
        let pairs = clusterer.answerMerges(members, vectors: vectors, answersFrom: 10, french: french)
        #expect(pairs.map { [$0.0, $0.1] } == [[0, 1]])
        #expect(clusterer.answerMerges(members, vectors: vectors, answersFrom: 10, french: []).isEmpty)
        #expect(clusterer.sharedAnswers(members: members, vectors: vectors, answersFrom: 10).isEmpty)
    }

    /// With a graph the topics are its communities: two groups of documents that share no term but their stems'
    /// pieces are one topic each, where the words alone leave them scattered.
    @Test func graphPathFindsTopicsByTheirPieces() {
        // Ten documents on term 0 or 1 (two spellings of one question: pieces 50), ten on term 2 or 3 (pieces 60).
        var words: [SparseVector] = []
        var graph: [SparseVector] = []
        for d in 0..<20 {
            let term = Int32(d < 10 ? d % 2 : 2 + d % 2)
            words.append(unit([term]))
            graph.append(unit([term, d < 10 ? 50 : 60]))
        }
        var clusterer = TopicClusterer()
        clusterer.graphResolution = 1
        let byWords = clusterer.cluster(words, wording: words, dimension: 10, minimumSize: 3)
        #expect(byWords[0] != byWords[1])
        let byGraph = clusterer.cluster(words, wording: words, dimension: 10, minimumSize: 3, graph: (graph, 70))
        #expect(Set(byGraph[0..<10]).count == 1)
        #expect(Set(byGraph[10..<20]).count == 1)
        #expect(byGraph[0] != byGraph[10] && byGraph[0] >= 0)
    }

    /// A community of two questions' askers (answers 10 and 11 each answer part of it) joins the question whose
    /// answer answers the most of both, and does not chain the other question in: joining every group one answer
    /// shares would make all three one topic.
    @Test func aMixedCommunityDoesNotChainTwoQuestions() {
        // Ten documents each: question A (answer 10 on 6), question B (answer 11 on 6), mixed (10 on 4, 11 on 3).
        var vectors: [SparseVector] = []
        for (answer, answered) in [(10, 6), (11, 6)] {
            for k in 0..<10 { vectors.append(unit(k < answered ? [0, Int32(answer)] : [0])) }
        }
        for k in 0..<10 { vectors.append(unit(k < 4 ? [0, 10] : k < 7 ? [0, 11] : [0])) }
        let members = [Array(0..<10), Array(10..<20), Array(20..<30)]
        let clusterer = TopicClusterer()
        let merges = clusterer.answerMerges(members, vectors: vectors, answersFrom: 10, french: [])
        #expect(merges.map { [$0.0, $0.1] } == [[0, 2]])
        #expect(clusterer.sharedAnswers(members: members, vectors: vectors, answersFrom: 10) == [[0, 2], [1, 2]])
    }

    /// The graph path is for a small learned set the team mostly left unanswered (BANKING77's bare questions); a help
    /// center whose team answered most conversations keeps the answer-guarded path, and so does a large set.
    @Test func graphPathIsForSmallSetsTheTeamLeftUnanswered() {
        let pipeline = TopicPipeline()
        #expect(pipeline.usesGraph(documents: 3_000, answered: 0))
        #expect(pipeline.usesGraph(documents: 3_000, answered: 300))
        #expect(!pipeline.usesGraph(documents: 1_100, answered: 950))
        #expect(!pipeline.usesGraph(documents: 20_000, answered: 0))
        #expect(!pipeline.usesGraph(documents: 0, answered: 0))
    }
}
