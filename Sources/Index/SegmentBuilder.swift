import FoundationEssentials
import Glibc
import MailCore
import TextAnalysis

/// Accumulates added documents in memory and encodes them as one new segment at commit.
///
/// Each document's terms are gathered as `(term number << 32 | position)` pairs and sorted once,
/// so every term's postings are appended in one run per document with no per-term maps.
struct SegmentBuilder {
    private let storedTextLimit: Int
    private var dictionaries: [[String: Int32]] = Array(repeating: [:], count: Field.allCases.count)
    private var termField: [UInt8] = []
    private var termText: [String] = []
    private var docStreams: [[UInt8]] = []
    private var positionStreams: [[UInt8]] = []
    private var lastDoc: [Int32] = []
    private var docFreq: [UInt32] = []
    private var pairs: [UInt64] = []
    private(set) var records: [DocRecord] = []
    private var stored: [UInt8] = []
    /// Ids in add order; a later add of the same id supersedes the earlier doc.
    private(set) var ids: [UInt64] = []

    init(storedTextLimit: Int) {
        self.storedTextLimit = storedTextLimit
        pairs.reserveCapacity(4096)
    }

    var count: Int { records.count }
    var isEmpty: Bool { records.isEmpty }
    /// Distinct (field, term) pairs gathered so far: what the builder's memory grows with.
    var termCount: Int { termText.count }

    @inline(__always)
    private mutating func termNumber(_ field: UInt8, _ term: String) -> UInt64 {
        let f = Int(field)
        if let n = dictionaries[f][term] { return UInt64(n) }
        let n = Int32(termText.count)
        dictionaries[f][term] = n
        termField.append(field)
        termText.append(term)
        docStreams.append([])
        positionStreams.append([])
        lastDoc.append(-1)
        docFreq.append(0)
        return UInt64(n)
    }

    mutating func add(_ document: IndexDocument) {
        add(AnalyzedDocument(document))
    }

    /// Adds a document whose terms were found already (on another core, perhaps): its terms are
    /// numbered in the order the analysis found them, so the segment is the same either way.
    mutating func add(_ analyzed: AnalyzedDocument) {
        let doc = Int32(records.count)
        pairs.removeAll(keepingCapacity: true)
        pairs.reserveCapacity(analyzed.terms.count)
        for term in analyzed.terms {
            pairs.append(termNumber(term.field, term.text) << 32 | UInt64(term.position))
        }
        appendPostings(doc)
        appendRecord(analyzed.document, lengths: analyzed.lengths)
    }

    /// Appends the document's postings (doc gap, frequency, position gaps) term by term.
    private mutating func appendPostings(_ doc: Int32) {
        pairs.sort()
        var k = 0
        while k < pairs.count {
            let term = Int(pairs[k] >> 32)
            var end = k + 1
            while end < pairs.count && pairs[end] >> 32 == UInt64(term) { end += 1 }
            Varint.append(UInt64(doc - lastDoc[term]), to: &docStreams[term])
            Varint.append(UInt64(end - k), to: &docStreams[term])
            lastDoc[term] = doc
            docFreq[term] += 1
            var previous: UInt32 = 0
            for p in k..<end {
                let position = UInt32(truncatingIfNeeded: pairs[p])
                Varint.append(UInt64(position - previous), to: &positionStreams[term])
                previous = position
            }
            k = end
        }
    }

    /// The document record and its stored fields.
    private mutating func appendRecord(_ document: IndexDocument, lengths: SIMD8<UInt32>) {
        let s = document.summary
        var flags: UInt32 = 0
        if !s.attachments.isEmpty { flags |= SegmentLayout.hasAttachment }
        if s.isReply { flags |= SegmentLayout.isReply }
        if s.direction == .team { flags |= SegmentLayout.fromTeam }
        if s.from != nil { flags |= SegmentLayout.hasFrom }
        if s.messageId != nil { flags |= SegmentLayout.hasMessageId }
        let id = DocumentID.value(of: s.id)
        records.append(
            DocRecord(
                storedOffset: UInt64(stored.count), date: s.date, id: id, utcOffset: s.utcOffsetSeconds,
                flags: flags, lengths: lengths))
        ids.append(id)
        Varint.appendString(s.key.account, to: &stored)
        Varint.appendString(s.key.mailbox, to: &stored)
        Varint.append(UInt64(s.key.uidValidity.rawValue), to: &stored)
        Varint.append(UInt64(s.key.uid.rawValue), to: &stored)
        Varint.appendString(s.messageId ?? "", to: &stored)
        Varint.appendString(s.threadId, to: &stored)
        Varint.appendString(s.from?.name ?? "", to: &stored)
        Varint.appendString(s.from?.address ?? "", to: &stored)
        Varint.appendString(s.subject, to: &stored)
        Varint.appendString(snippetSource(s.replyText, document.bodyText), to: &stored)
    }

    /// The text kept for snippets: the new text when there is some, else the body, cut at a
    /// character boundary after `storedTextLimit` bytes (the index stays far smaller than the mail).
    private func snippetSource(_ reply: String, _ body: String) -> String {
        let trimmed = reply.contains(where: { !$0.isWhitespace }) ? reply : body
        guard trimmed.utf8.count > storedTextLimit else { return trimmed }
        var bytes = Array(trimmed.utf8.prefix(storedTextLimit))
        while let last = bytes.last, last & 0xC0 == 0x80 { bytes.removeLast() }
        if let last = bytes.last, last >= 0xC0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The segment file bytes; terms sorted by key bytes.
    func encode() -> [UInt8] {
        var keys: [([UInt8], Int)] = []
        keys.reserveCapacity(termText.count)
        for n in 0..<termText.count {
            var key: [UInt8] = [termField[n]]
            key.append(contentsOf: termText[n].utf8)
            keys.append((key, n))
        }
        // Byte order, compared with memcmp (keys are never empty: the field byte comes first).
        keys.sort { lhs, rhs in
            lhs.0.withUnsafeBufferPointer { a in
                rhs.0.withUnsafeBufferPointer { b in
                    let order = memcmp(a.baseAddress!, b.baseAddress!, min(a.count, b.count))
                    return order != 0 ? order < 0 : a.count < b.count
                }
            }
        }
        var terms: [EncodedTerm] = []
        terms.reserveCapacity(keys.count)
        for (key, n) in keys {
            terms.append(EncodedTerm(key: key, docFreq: docFreq[n], docs: docStreams[n], positions: positionStreams[n]))
        }
        return SegmentEncoder.encode(docs: records, stored: stored, terms: terms)
    }
}
