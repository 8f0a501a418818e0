/// Gathers a term's skip entries posting by posting, as its streams are written (by the segment
/// encoder and by the merger alike, so both give the same bytes).
struct SkipListBuilder {
    private var entries: [SkipEntry] = []
    private var postings = 0
    private var inBlock = 0
    private var lastDoc = 0
    private var docsEnd = 0
    private var positionsEnd = 0
    private var maxFrequency: UInt32 = 0
    private var minLength: UInt32 = .max
    private var maxDate: Int64 = .min

    /// One posting: its document, frequency, the document's date and field length, and the ends of
    /// the posting in the docs and positions streams (from their starts).
    @inline(__always)
    mutating func add(doc: Int, frequency: UInt32, date: Int64, length: UInt32, docsEnd: Int, positionsEnd: Int) {
        postings += 1
        inBlock += 1
        lastDoc = doc
        self.docsEnd = docsEnd
        self.positionsEnd = positionsEnd
        maxFrequency = max(maxFrequency, frequency)
        minLength = min(minLength, length)
        maxDate = max(maxDate, date)
        if inBlock == SkipEntry.blockSize { close() }
    }

    private mutating func close() {
        entries.append(
            SkipEntry(
                lastDoc: lastDoc, docsEnd: docsEnd, positionsEnd: positionsEnd, maxFrequency: maxFrequency,
                minLength: minLength, maxDate: maxDate))
        inBlock = 0
        maxFrequency = 0
        minLength = .max
        maxDate = .min
    }

    /// The encoded entries (none for a term of `SkipEntry.blockSize` documents or fewer).
    mutating func finish() -> [UInt8] {
        if inBlock > 0 { close() }
        guard SkipEntry.count(docFreq: postings) > 0 else { return [] }
        var out: [UInt8] = []
        out.reserveCapacity(entries.count * SkipEntry.stride)
        for entry in entries { entry.append(to: &out) }
        return out
    }
}
