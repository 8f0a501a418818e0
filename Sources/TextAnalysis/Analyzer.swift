/// Turns text into index terms: Unicode words, folded, French elisions removed, lightly stemmed.
///
/// A scan over the UTF-8 bytes cuts *chunks*: runs of word characters (letters, digits, marks)
/// joined by `.` `@` `_` `+` `-` `'` `’` when a word character follows. Each chunk becomes:
/// - an e-mail address: the whole address, then its *pieces* (cut at `.` `@` `-` `_` `+`) as
///   parts at consecutive positions — `ralf@linux-mips.org` → `ralf@linux-mips.org` and `ralf`
///   at position p, `linux` at p+1, `mips` at p+2, `org` at p+3 — plus, for a plus-address, the
///   base address (`help+fr@x.org` also yields `help@x.org` at p);
/// - otherwise words split at `-` `_` `+` `@`; a hyphenated chunk of up to 3 words also yields
///   the joined form as a part (`e-mail` → `e`, `mail`, part `email`);
/// - a word with dots (`example.com`, `3.14`) is kept whole, its pieces as parts at consecutive
///   positions (as for addresses).
/// Queries (`queryTerms`) use the pieces instead of the whole, as a phrase, so any run of an
/// address's pieces finds it: `linux-mips.org`, `@linux-mips.org`, `linux-mips`, `mips.org`
/// (the same rule as notmuch's, whose term generator cuts addresses at punctuation too).
/// - apostrophes: French elisions (`l'`, `d'`, `qu'`, `j'`, `n'`, `s'`, `c'`, `m'`, `t'`,
///   `jusqu'`, `lorsqu'`, `puisqu'`, `quoiqu'`) are dropped, an English possessive `'s` is dropped,
///   anything else is joined (`aujourd'hui` → `aujourdhui`, `don't` → `dont`).
/// Words made of letters only are stemmed (`Stemmer`) when `stemming` is on; numbers are kept
/// verbatim. Stop words are kept unless `removeStopWords` (topic extraction) is set; positions
/// still advance over removed words so phrases stay honest.
public struct Analyzer: Sendable {
    public var stemming: Bool
    public var removeStopWords: Bool

    public init(stemming: Bool = true, removeStopWords: Bool = false) {
        self.stemming = stemming
        self.removeStopWords = removeStopWords
    }

    /// The terms of `text`, positions starting at `startPosition`.
    public func terms(_ text: String, startPosition: Int = 0) -> [Term] {
        var result: [Term] = []
        _ = forEachTerm(in: text, startPosition: startPosition) { text, position, isPart in
            result.append(Term(text: text, position: position, isPart: isPart))
        }
        return result
    }

    /// The terms a query looks for: like `terms`, but an address or a dotted word gives its
    /// pieces as primary terms at their own positions (to be matched as a phrase) and its whole
    /// form as a part, so `from:linux-mips.org` finds `ralf@linux-mips.org`.
    public func queryTerms(_ text: String) -> [Term] {
        var result: [Term] = []
        _ = scan(text, startPosition: 0, ranges: false, forQuery: true) { text, position, isPart, _ in
            result.append(Term(text: text, position: position, isPart: isPart))
        }
        return result
    }

    /// The primary terms of `text` in order, without positions or compound parts: what topic
    /// extraction wants (`Analyzer(removeStopWords: true).words("Le mot de passe")` → `["mot", "pass"]`).
    public func words(_ text: String) -> [String] {
        var result: [String] = []
        _ = forEachTerm(in: text) { text, _, isPart in
            if !isPart { result.append(text) }
        }
        return result
    }

    /// The terms of `text` with the UTF-8 range each came from.
    public func tokens(_ text: String) -> [Token] {
        var result: [Token] = []
        forEachToken(in: text) {
            result.append($0)
            return true
        }
        return result
    }

    /// Calls `body` for every term with the UTF-8 range it came from, without building an array,
    /// until `body` returns false (snippets stop once they have their window).
    public func forEachToken(in text: String, _ body: (Token) -> Bool) {
        var stopped = false
        _ = scan(
            text, startPosition: 0, ranges: true, stop: { stopped },
            { text, position, isPart, range in
                let token = Token(term: Term(text: text, position: position, isPart: isPart), utf8Range: range)
                if !stopped && !body(token) { stopped = true }
            })
    }

    /// Calls `body` for every term without building an array; returns the next free position,
    /// so several texts of one field can be analysed one after another.
    @discardableResult
    public func forEachTerm(
        in text: String, startPosition: Int = 0, _ body: (_ term: String, _ position: Int, _ isPart: Bool) -> Void
    ) -> Int {
        scan(text, startPosition: startPosition, ranges: false) { term, position, isPart, _ in
            body(term, position, isPart)
        }
    }

    /// Like `forEachTerm`, also passing the UTF-8 offset where each term's chunk starts (so a
    /// caller can tell which terms fall inside a prefix of the text without a second pass).
    @discardableResult
    public func forEachTermWithOffset(
        in text: String, startPosition: Int = 0,
        _ body: (_ term: String, _ position: Int, _ isPart: Bool, _ chunkOffset: Int) -> Void
    ) -> Int {
        scan(text, startPosition: startPosition, ranges: false) { term, position, isPart, range in
            body(term, position, isPart, range.lowerBound)
        }
    }

    func scan(
        _ text: String, startPosition: Int, ranges: Bool, forQuery: Bool = false, stop: () -> Bool = { false },
        _ emit: (String, Int, Bool, Range<Int>) -> Void
    ) -> Int {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { buffer in
            var scanner = ChunkScanner(
                bytes: buffer, analyzer: self, ranges: ranges, forQuery: forQuery, position: startPosition)
            defer { scanner.deallocate() }
            scanner.run(stop: stop, emit)
            return scanner.position
        } ?? startPosition
    }
}

/// Character classes for scalars below U+3000 (see `ChunkScanner.computeClass`), laid out at first
/// use from ASCII's rules and the compiled-in `ChunkScanner.classChanges`.
let classTable: [UInt8] = ChunkScanner.makeClassTable()

/// The byte-level scanner behind `Analyzer`.
struct ChunkScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let analyzer: Analyzer
    let ranges: Bool
    /// Query side: pieces of addresses and dotted words are the primary terms (see `queryTerms`).
    let forQuery: Bool
    var position: Int
    /// Folded bytes of the current chunk, with connectors as ASCII (`’` becomes `'`). A chunk
    /// longer than the buffer is cut: such "words" (base64, hashes) are not worth indexing whole.
    let folded: UnsafeMutablePointer<UInt8>
    var count = 0
    static let capacity = 256
    /// For each folded byte, the original UTF-8 start and end of the scalar it came from.
    var originStart: [Int32] = []
    var originEnd: [Int32] = []
    let scratch: UnsafeMutablePointer<UInt8>
    var spill: [UInt8] = []
    /// Where the current chunk starts and ends in `bytes`.
    var chunkStart = 0
    var chunkEnd = 0
    /// Whether `originStart`/`originEnd` describe the current chunk (built only for chunks with
    /// connectors: a plain word's range is the whole chunk).
    var originsBuilt = false

    init(bytes: UnsafeBufferPointer<UInt8>, analyzer: Analyzer, ranges: Bool, forQuery: Bool, position: Int) {
        self.bytes = bytes
        self.analyzer = analyzer
        self.ranges = ranges
        self.forQuery = forQuery
        self.position = position
        folded = .allocate(capacity: ChunkScanner.capacity)
        scratch = .allocate(capacity: ChunkScanner.capacity)
    }

    func deallocate() {
        folded.deallocate()
        scratch.deallocate()
    }

    /// Scalar classes: `other`, `word`, or the ASCII connector byte itself (`.` `@` `_` `+` `-` `'`).
    static let other: UInt8 = 0
    static let word: UInt8 = 1
    /// Han, kana and Hangul syllables: each one is a word of its own (as in UAX #29, no
    /// dictionary segmentation), so phrases of adjacent characters still find multi-character words.
    static let ideograph: UInt8 = 3

    /// Decodes the scalar at `i` (lenient: a bad byte is one "other" scalar).
    @inline(__always)
    func decode(_ i: Int) -> (UInt32, Int) {
        let b0 = bytes[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        let n = bytes.count
        if b0 & 0xE0 == 0xC0, i + 1 < n {
            return ((UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F), 2)
        }
        if b0 & 0xF0 == 0xE0, i + 2 < n {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F), 3)
        }
        if b0 & 0xF8 == 0xF0, i + 3 < n {
            return (
                (UInt32(b0 & 0x07) << 18) | (UInt32(bytes[i + 1] & 0x3F) << 12)
                    | (UInt32(bytes[i + 2] & 0x3F) << 6) | UInt32(bytes[i + 3] & 0x3F), 4
            )
        }
        return (0xFFFD, 1)
    }

    /// The class of every scalar below U+3000: ASCII by `computeClass`, the rest from the runs in
    /// `classChanges` (no Unicode property lookups: see there).
    static func makeClassTable() -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 0x3000) { table, initialized in
            for v in 0..<0x80 { table[v] = computeClass(UInt32(v)) }
            var start = 0x80
            var value = other
            for change in classChanges {
                for v in start..<Int(change) { table[v] = value }
                start = Int(change)
                value = value == other ? word : other
            }
            for v in start..<0x3000 { table[v] = value }
            table[0x2019] = 0x27
            initialized = 0x3000
        }
    }

    @inline(__always)
    static func classify(_ v: UInt32, _ table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        v < 0x3000 ? table[Int(v)] : computeClass(v)
    }

    static func computeClass(_ v: UInt32) -> UInt8 {
        if v < 0x80 {
            switch v {
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return word
            case 0x2E, 0x40, 0x5F, 0x2B, 0x2D, 0x27: return UInt8(v)
            default: return other
            }
        }
        if v == 0x2019 { return 0x27 }
        if v >= 0xC0 && v <= 0x24F { return (v == 0xD7 || v == 0xF7) ? other : word }
        if v == 0xAA || v == 0xBA || v == 0xB5 { return word }
        if v < 0xC0 { return v == 0xAD ? word : other }
        if Folding.isIgnorable(v) { return word }
        if (v >= 0x3040 && v <= 0x30FF) || (v >= 0x3400 && v <= 0x9FFF) || (v >= 0xAC00 && v <= 0xD7AF)
            || (v >= 0xF900 && v <= 0xFAFF) || (v >= 0x20000 && v <= 0x3FFFF)
        {
            return ideograph
        }
        guard let scalar = Unicode.Scalar(v) else { return other }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return word }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return word
        default: return other
        }
    }

    @inline(__always)
    mutating func appendFolded(_ v: UInt32, from start: Int, to end: Int) {
        if v < 0x80 {
            if count < ChunkScanner.capacity {
                let b = UInt8(v)
                folded[count] = b >= 0x41 && b <= 0x5A ? b | 0x20 : b
                count += 1
            }
        } else {
            spill.removeAll(keepingCapacity: true)
            Folding.append(v, to: &spill)
            for b in spill where count < ChunkScanner.capacity {
                folded[count] = b
                count += 1
            }
        }
    }

    /// Re-reads the current chunk to map each folded byte back to its original bytes
    /// (the same walk as `run`, counting the bytes each scalar folds to).
    mutating func buildOrigins() {
        originStart.removeAll(keepingCapacity: true)
        originEnd.removeAll(keepingCapacity: true)
        classTable.withUnsafeBufferPointer { table in
            var j = chunkStart
            while j < chunkEnd && originStart.count < count {
                let (v, len) = decode(j)
                var produced = 1
                if v >= 0x80, Self.classify(v, table) != 0x27 {
                    spill.removeAll(keepingCapacity: true)
                    Folding.append(v, to: &spill)
                    produced = spill.count
                }
                for _ in 0..<produced where originStart.count < count {
                    originStart.append(Int32(j))
                    originEnd.append(Int32(j + len))
                }
                j += len
            }
        }
        while originStart.count < count {
            originStart.append(Int32(chunkEnd))
            originEnd.append(Int32(chunkEnd))
        }
        originsBuilt = true
    }

    mutating func run(stop: () -> Bool, _ emit: (String, Int, Bool, Range<Int>) -> Void) {
        classTable.withUnsafeBufferPointer { table in
            let n = bytes.count
            var i = 0
            while i < n {
                let (v, len) = decode(i)
                let first = Self.classify(v, table)
                guard first == Self.word || first == Self.ideograph else {
                    i += len
                    continue
                }
                count = 0
                chunkStart = i
                originsBuilt = false
                if first == Self.ideograph {
                    appendFolded(v, from: i, to: i + len)
                    i += len
                    chunkEnd = i
                    processChunk(emit)
                    continue
                }
                var j = i
                chunk: while j < n {
                    let (v, len) = decode(j)
                    let c = Self.classify(v, table)
                    if c == Self.word {
                        appendFolded(v, from: j, to: j + len)
                        j += len
                    } else if c != Self.other && c != Self.ideograph {
                        guard j + len < n, count > 0, count < ChunkScanner.capacity, folded[count - 1] != c else {
                            break chunk
                        }
                        let (next, _) = decode(j + len)
                        guard Self.classify(next, table) == Self.word else { break chunk }
                        folded[count] = c
                        count += 1
                        j += len
                    } else {
                        break chunk
                    }
                }
                i = j
                chunkEnd = j
                if count > 0 {
                    processChunk(emit)
                    if ranges && stop() { return }
                }
            }
        }
    }

    // MARK: chunk analysis

    @inline(__always)
    func range(_ a: Int, _ b: Int) -> Range<Int> {
        guard ranges else { return chunkStart..<chunkStart }
        guard originsBuilt else { return chunkStart..<chunkEnd }
        guard a < b else { return 0..<0 }
        return Int(originStart[a])..<Int(originEnd[b - 1])
    }

    @inline(__always)
    func string(_ a: Int, _ b: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: folded + a, count: b - a), as: UTF8.self)
    }

    mutating func processChunk(_ emit: (String, Int, Bool, Range<Int>) -> Void) {
        if ranges && !originsBuilt {
            var connector = false
            for k in 0..<count where isConnector(folded[k]) {
                connector = true
                break
            }
            if connector { buildOrigins() }
        }
        // Trim connectors left at the edges by zero-length folds (a lone combining mark).
        var lo = 0
        var hi = count
        while lo < hi, isConnector(folded[lo]) { lo += 1 }
        while hi > lo, isConnector(folded[hi - 1]) { hi -= 1 }
        guard lo < hi else { return }
        var hasConnector = false
        for k in lo..<hi where isConnector(folded[k]) {
            hasConnector = true
            break
        }
        if !hasConnector {
            _ = emitWord(lo, hi, emit)
            return
        }
        if let at = emailAt(lo, hi) {
            emitEmail(lo, at, hi, emit)
            return
        }
        // Split at - _ + @ into words.
        var words: [(Int, Int)] = []
        var start = lo
        for k in lo..<hi where isSplitter(folded[k]) {
            if start < k { words.append((start, k)) }
            start = k + 1
        }
        if start < hi { words.append((start, hi)) }
        let firstPosition = position
        var emittedWords = 0
        for (a, b) in words {
            if emitWord(a, b, emit) { emittedWords += 1 }
        }
        if words.count >= 2 && words.count <= 3 && emittedWords == words.count {
            var joined: [UInt8] = []
            for (a, b) in words {
                for k in a..<b where folded[k] != 0x27 && folded[k] != 0x2E { joined.append(folded[k]) }
            }
            if analyzer.stemming && !joined.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { Stemmer.stem(&joined) }
            emit(
                String(decoding: joined, as: UTF8.self), firstPosition, true,
                range(words[0].0, words[words.count - 1].1))
        }
    }

    @inline(__always)
    func isConnector(_ b: UInt8) -> Bool { b == 0x2E || b == 0x40 || b == 0x5F || b == 0x2B || b == 0x2D || b == 0x27 }

    @inline(__always)
    func isSplitter(_ b: UInt8) -> Bool { b == 0x2D || b == 0x5F || b == 0x2B || b == 0x40 }

    /// Whether `folded[a..<b]` is an elided French word (`l`, `d`, `qu`, `jusqu`…).
    func isElision(_ a: Int, _ b: Int) -> Bool {
        func equals(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == b - a else { return false }
            for k in 0..<(b - a) where word.utf8Start[k] != folded[a + k] { return false }
            return true
        }
        switch b - a {
        case 1:
            let c = folded[a]
            return c == 0x6C || c == 0x64 || c == 0x6A || c == 0x6E || c == 0x73 || c == 0x63 || c == 0x6D || c == 0x74
        case 2: return equals("qu")
        case 5: return equals("jusqu")
        case 6: return equals("lorsqu") || equals("puisqu") || equals("quoiqu")
        default: return false
        }
    }

    /// The index of the `@` when `folded[lo..<hi]` is an address: one `@`, a dotted domain.
    func emailAt(_ lo: Int, _ hi: Int) -> Int? {
        var at = -1
        for k in lo..<hi where folded[k] == 0x40 {
            if at >= 0 { return nil }
            at = k
        }
        guard at > lo, at + 1 < hi else { return nil }
        var dot = false
        for k in (at + 1)..<hi {
            let b = folded[k]
            if b == 0x2E { dot = true } else if b == 0x27 || b == 0x2B || b == 0x5F { return nil }
        }
        return dot ? at : nil
    }

    mutating func emitEmail(_ lo: Int, _ at: Int, _ hi: Int, _ emit: (String, Int, Bool, Range<Int>) -> Void) {
        let p = position
        emit(string(lo, hi), p, forQuery, range(lo, hi))
        // A plus-address also counts as its base address, so `to:help@x.org` finds the mail
        // sent to `help+fr@x.org` (notmuch's phrase of pieces does not; see the README).
        if !forQuery, let plus = (lo..<at).first(where: { folded[$0] == 0x2B }), plus > lo {
            emit(string(lo, plus) + string(at, hi), p, true, range(lo, hi))
        }
        position += emitPieces(lo, hi, p, emit)
    }

    /// Emits the pieces of `folded[a..<b]` between `.` `@` `-` `_` `+` at consecutive positions
    /// from `p` (parts in the index, primary terms in a query); returns how many there were.
    /// Apostrophes inside a piece are dropped, as `emitWord` joins them. Pieces made of letters
    /// are stemmed like any word, so `from:jones` finds `m.jones@x.org`.
    func emitPieces(_ a: Int, _ b: Int, _ p: Int, _ emit: (String, Int, Bool, Range<Int>) -> Void) -> Int {
        var pieces = 0
        var start = a
        for k in a...b where k == b || (isConnector(folded[k]) && folded[k] != 0x27) {
            if start < k, (start..<k).contains(where: { folded[$0] != 0x27 }) {
                emitPiece(start, k, p + pieces, emit)
                pieces += 1
            }
            start = k + 1
        }
        return max(1, pieces)
    }

    /// Emits `folded[a..<b]` (no connectors but apostrophes inside) as a part (a primary term
    /// in a query), stemmed when it has no digit.
    func emitPiece(_ a: Int, _ b: Int, _ p: Int, _ emit: (String, Int, Bool, Range<Int>) -> Void) {
        var n = 0
        var hasDigit = false
        for k in a..<b where folded[k] != 0x27 {
            let c = folded[k]
            if c >= 0x30 && c <= 0x39 { hasDigit = true }
            scratch[n] = c
            n += 1
        }
        if analyzer.stemming && !hasDigit { n = Stemmer.stem(scratch, count: n) }
        emit(String(decoding: UnsafeBufferPointer(start: scratch, count: n), as: UTF8.self), p, !forQuery, range(a, b))
    }

    /// Emits one word (apostrophes and dots inside); returns whether a term was emitted.
    mutating func emitWord(_ a0: Int, _ b0: Int, _ emit: (String, Int, Bool, Range<Int>) -> Void) -> Bool {
        var a = a0
        var b = b0
        var hasDot = false
        var hasDigit = false
        var hasQuote = false
        for k in a..<b {
            let c = folded[k]
            if c == 0x2E {
                hasDot = true
            } else if c == 0x27 {
                hasQuote = true
            } else if c >= 0x30 && c <= 0x39 {
                hasDigit = true
            }
        }
        if hasQuote {
            // Apostrophes: drop elisions in front, a possessive 's behind, join the rest.
            while let q = (a..<b).first(where: { folded[$0] == 0x27 }), isElision(a, q) { a = q + 1 }
            if b - a >= 2, folded[b - 1] == 0x73, folded[b - 2] == 0x27 { b -= 2 }
            guard a < b else { return false }
        }
        let p = position
        if hasDot {
            emit(string(a, b), p, forQuery, range(a, b))
            position += emitPieces(a, b, p, emit)
            return true
        }
        position += 1
        var n = 0
        for k in a..<b where folded[k] != 0x27 {
            scratch[n] = folded[k]
            n += 1
        }
        if analyzer.removeStopWords
            && StopWords.all.contains(String(decoding: UnsafeBufferPointer(start: scratch, count: n), as: UTF8.self))
        {
            return false
        }
        if analyzer.stemming && !hasDigit { n = Stemmer.stem(scratch, count: n) }
        emit(String(decoding: UnsafeBufferPointer(start: scratch, count: n), as: UTF8.self), p, false, range(a, b))
        return true
    }
}
