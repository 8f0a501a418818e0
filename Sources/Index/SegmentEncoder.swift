/// One document's fixed-size record in a segment's doc table.
struct DocRecord {
    var storedOffset: UInt64
    var date: Int64
    var id: UInt64
    var utcOffset: Int32
    var flags: UInt32
    var lengths: SIMD8<UInt32>
}

/// One term's postings, encoded.
struct EncodedTerm {
    var key: [UInt8]
    var docFreq: UInt32
    var docs: [UInt8]
    var positions: [UInt8]
}

/// Lays out a segment file (see `SegmentLayout`) from its parts; `terms` must be sorted by key.
enum SegmentEncoder {
    static func encode(docs: [DocRecord], stored: [UInt8], terms: [EncodedTerm]) -> [UInt8] {
        var out: [UInt8] = []
        let postingsSize = terms.reduce(0) { (sum: Int, term: EncodedTerm) -> Int in
            sum + term.docs.count + term.positions.count + SkipEntry.count(docFreq: Int(term.docFreq))
                * SkipEntry.stride
        }
        let keysSize = terms.reduce(0) { $0 + $1.key.count }
        out.reserveCapacity(
            SegmentLayout.headerSize + stored.count + docs.count * 94 + terms.count * 32
                + keysSize + postingsSize)
        out.append(contentsOf: [UInt8](repeating: 0, count: SegmentLayout.headerSize))
        let storedOffset = out.count
        out.append(contentsOf: stored)
        let docTableOffset = out.count
        var sums = [UInt64](repeating: 0, count: SegmentLayout.textFieldCount)
        for doc in docs {
            out.appendLE(doc.storedOffset)
            out.appendLE(doc.date)
            out.appendLE(doc.id)
            out.appendLE(doc.utcOffset)
            out.appendLE(doc.flags)
            for f in 0..<SegmentLayout.textFieldCount {
                out.appendLE(doc.lengths[f])
                sums[f] += UInt64(doc.lengths[f])
            }
            out.appendLE(UInt32(0))
        }
        let lengthsOffset = out.count
        for f in 0..<SegmentLayout.textFieldCount {
            for doc in docs { out.appendLE(SegmentLayout.columnLength(doc.lengths[f])) }
        }
        let idIndexOffset = out.count
        let byId = docs.indices.sorted { docs[$0].id < docs[$1].id }
        for d in byId {
            out.appendLE(docs[d].id)
            out.appendLE(UInt32(d))
            out.appendLE(UInt32(0))
        }
        let termTableOffset = out.count
        let skips = terms.map { skipEntries($0, docs: docs) }
        var keyOffset: UInt32 = 0
        var postingsOffset: UInt64 = 0
        for (t, term) in terms.enumerated() {
            out.appendLE(keyOffset)
            out.appendLE(UInt32(term.key.count))
            out.appendLE(term.docFreq)
            out.appendLE(UInt32(term.docs.count))
            out.appendLE(postingsOffset)
            out.appendLE(UInt32(term.positions.count))
            out.appendLE(UInt32(0))
            keyOffset += UInt32(term.key.count)
            postingsOffset += UInt64(term.docs.count + term.positions.count + skips[t].count)
        }
        let keysOffset = out.count
        for term in terms { out.append(contentsOf: term.key) }
        let postingsStart = out.count
        for (t, term) in terms.enumerated() {
            out.append(contentsOf: term.docs)
            out.append(contentsOf: term.positions)
            out.append(contentsOf: skips[t])
        }
        for k in 0..<8 { out[k] = SegmentLayout.magic[k] }
        out.storeLE(UInt32(docs.count), at: 8)
        out.storeLE(UInt32(terms.count), at: 12)
        out.storeLE(UInt64(storedOffset), at: 16)
        out.storeLE(UInt64(docTableOffset), at: 24)
        out.storeLE(UInt64(idIndexOffset), at: 32)
        out.storeLE(UInt64(termTableOffset), at: 40)
        out.storeLE(UInt64(keysOffset), at: 48)
        out.storeLE(UInt64(postingsStart), at: 56)
        out.storeLE(UInt64(out.count), at: 64)
        for f in 0..<SegmentLayout.textFieldCount { out.storeLE(sums[f], at: 72 + 8 * f) }
        out.storeLE(UInt64(lengthsOffset), at: SegmentLayout.lengthsOffsetField)
        return out
    }

    /// The skip entries of `term` (see `SkipEntry`), read back from its encoded streams.
    static func skipEntries(_ term: EncodedTerm, docs: [DocRecord]) -> [UInt8] {
        guard SkipEntry.count(docFreq: Int(term.docFreq)) > 0 else { return [] }
        let field = Int(term.key[0])
        var builder = SkipListBuilder()
        var d = 0
        var p = 0
        var doc = -1
        func varint(_ bytes: [UInt8], _ at: inout Int) -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while at < bytes.count {
                let byte = bytes[at]
                at += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            return value
        }
        while d < term.docs.count {
            doc += Int(varint(term.docs, &d))
            let tf = varint(term.docs, &d)
            var left = tf
            while left > 0 && p < term.positions.count {
                if term.positions[p] < 0x80 { left -= 1 }
                p += 1
            }
            let record = docs[doc]
            builder.add(
                doc: doc, frequency: UInt32(truncatingIfNeeded: tf), date: record.date,
                length: field < SegmentLayout.textFieldCount ? record.lengths[field] : 0, docsEnd: d, positionsEnd: p)
        }
        return builder.finish()
    }
}
