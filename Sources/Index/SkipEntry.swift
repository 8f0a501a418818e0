/// One block of a term's postings as its skip entry describes it: where the block ends in the
/// docs and positions streams, and bounds over its documents that cap any score they can reach.
///
/// A term with more than `SkipEntry.blockSize` documents in a segment has one entry per block of
/// that many postings (the last block may be shorter), stored after its positions stream:
/// ```
/// last doc u32, docs end u32 (from the docs stream's start), positions end u32 (from the
/// positions stream's start), max tf u32, min field length u32, pad u32, max date i64
/// ```
/// A cursor jumps over whole blocks by their ends; a relevance page skips a block whose best
/// possible score (largest tf, shortest field) and newest date cannot put a document ahead of the
/// page's last hit.
struct SkipEntry: Equatable {
    var lastDoc: Int
    var docsEnd: Int
    var positionsEnd: Int
    var maxFrequency: UInt32
    var minLength: UInt32
    var maxDate: Int64

    static let blockSize = 128
    static let stride = 32

    /// How many entries a term with `docFreq` documents has.
    static func count(docFreq: Int) -> Int {
        docFreq > blockSize ? (docFreq + blockSize - 1) / blockSize : 0
    }

    init(lastDoc: Int, docsEnd: Int, positionsEnd: Int, maxFrequency: UInt32, minLength: UInt32, maxDate: Int64) {
        self.lastDoc = lastDoc
        self.docsEnd = docsEnd
        self.positionsEnd = positionsEnd
        self.maxFrequency = maxFrequency
        self.minLength = minLength
        self.maxDate = maxDate
    }

    /// Reads the entry at `offset` of mapped segment bytes.
    init(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        lastDoc = Int(bytes.le(offset, as: UInt32.self))
        docsEnd = Int(bytes.le(offset + 4, as: UInt32.self))
        positionsEnd = Int(bytes.le(offset + 8, as: UInt32.self))
        maxFrequency = bytes.le(offset + 12, as: UInt32.self)
        minLength = bytes.le(offset + 16, as: UInt32.self)
        maxDate = bytes.le(offset + 24, as: Int64.self)
    }

    func append(to out: inout [UInt8]) {
        out.appendLE(UInt32(truncatingIfNeeded: lastDoc))
        out.appendLE(UInt32(truncatingIfNeeded: docsEnd))
        out.appendLE(UInt32(truncatingIfNeeded: positionsEnd))
        out.appendLE(maxFrequency)
        out.appendLE(minLength)
        out.appendLE(UInt32(0))
        out.appendLE(maxDate)
    }
}
