import FoundationEssentials
import Glibc

/// Index-wide statistics for BM25: document count and average field lengths over all segments,
/// and document frequencies summed over segments (so a term scores the same in every segment).
final class CorpusStatistics {
    let segments: [SegmentReader]
    let documentCount: Double
    let averageLengths: [Double]
    private var docFrequencyCache: [String: Double] = [:]

    init(segments: [SegmentReader]) {
        self.segments = segments
        let count = segments.reduce(0) { $0 + $1.docCount }
        documentCount = Double(max(1, count))
        averageLengths = (0..<SegmentLayout.textFieldCount).map { f in
            max(1, Double(segments.reduce(UInt64(0)) { $0 + $1.fieldLengthSums[f] }) / Double(max(1, count)))
        }
    }

    func inverseDocumentFrequency(_ field: Field, _ term: String) -> Double {
        let key = String(field.rawValue) + "\u{0}" + term
        let df: Double
        if let cached = docFrequencyCache[key] {
            df = cached
        } else {
            df = Double(segments.reduce(0) { sum, s in sum + (s.lookup(field, term).map { s.info($0).docFreq } ?? 0) })
            docFrequencyCache[key] = df
        }
        return log(1 + (documentCount - df + 0.5) / (df + 0.5))
    }
}
