/// Merges several segments into one, dropping deleted documents and renumbering the rest.
///
/// Terms are merged k-way by key; postings are decoded and re-encoded only to renumber
/// documents, positions are copied per live document.
enum SegmentMerger {
    struct Input {
        var reader: SegmentReader
        var deletions: DeletionSet?
    }

    static func merge(_ inputs: [Input]) throws(IndexError) -> [UInt8] {
        var records: [DocRecord] = []
        var stored: [UInt8] = []
        var maps: [[Int32]] = []
        for input in inputs {
            let r = input.reader
            var map = [Int32](repeating: -1, count: r.docCount)
            for d in 0..<r.docCount where !(input.deletions?.contains(d) ?? false) {
                map[d] = Int32(records.count)
                let range = r.storedRange(d)
                var lengths = SIMD8<UInt32>()
                for f in 0..<SegmentLayout.textFieldCount { lengths[f] = r.fieldLength(d, f) }
                records.append(
                    DocRecord(
                        storedOffset: UInt64(stored.count), date: r.date(d), id: r.id(d), utcOffset: r.utcOffset(d),
                        flags: r.flags(d), lengths: lengths))
                stored.append(contentsOf: UnsafeRawBufferPointer(rebasing: r.bytes[range]))
            }
            maps.append(map)
        }

        var terms: [EncodedTerm] = []
        var cursors = [Int](repeating: 0, count: inputs.count)
        while true {
            var smallest: UnsafeRawBufferPointer? = nil
            for (i, input) in inputs.enumerated() where cursors[i] < input.reader.termCount {
                let key = input.reader.key(cursors[i])
                if smallest == nil || key.lexicographicallyPrecedes(smallest!) { smallest = key }
            }
            guard let key = smallest else { break }
            var term = EncodedTerm(key: Array(key), docFreq: 0, docs: [], positions: [])
            var lastDoc: Int32 = -1
            for (i, input) in inputs.enumerated() where cursors[i] < input.reader.termCount {
                let r = input.reader
                guard r.key(cursors[i]).elementsEqual(term.key) else { continue }
                let info = r.info(cursors[i])
                cursors[i] += 1
                var docsReader = ByteReader(r.bytes, offset: info.docsStart, end: info.docsEnd)
                var positionsReader = ByteReader(r.bytes, offset: info.docsEnd, end: info.positionsEnd)
                var doc: Int64 = -1
                while !docsReader.isAtEnd {
                    doc &+= Int64(truncatingIfNeeded: try docsReader.varint())
                    let tf = try docsReader.varint()
                    guard doc >= 0, doc < r.docCount else {
                        throw IndexError.corrupt("\(r.name) has postings past its last document")
                    }
                    let start = positionsReader.offset
                    for _ in 0..<tf { _ = try positionsReader.varint() }
                    let newDoc = maps[i][Int(doc)]
                    guard newDoc >= 0 else { continue }
                    Varint.append(UInt64(newDoc - lastDoc), to: &term.docs)
                    Varint.append(tf, to: &term.docs)
                    term.positions.append(
                        contentsOf: UnsafeRawBufferPointer(rebasing: r.bytes[start..<positionsReader.offset]))
                    lastDoc = newDoc
                    term.docFreq += 1
                }
            }
            if term.docFreq > 0 { terms.append(term) }
        }
        return SegmentEncoder.encode(docs: records, stored: stored, terms: terms)
    }
}
