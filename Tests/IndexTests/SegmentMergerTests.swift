import Durable
import Foundation
import MailCore
import Testing

@testable import Index

/// The streamed merge writes what merging in memory wrote, byte for byte, whatever its chunk size and
/// whichever documents are deleted; the tiered policy keeps few segments and bounds an ordinary commit.
@Suite struct SegmentMergerTests {
    let options = SearchOptions(limit: 0, sort: .date, now: TestCorpus.march10)

    /// `count` messages over a small vocabulary, so terms have long postings with several positions each.
    static func documents(_ count: Int, from first: Int = 0) -> [IndexDocument] {
        let words = [
            "billing", "password", "reset", "invoice", "export", "refund", "account", "login", "error", "mobile",
            "sync", "calendar", "shared", "folder", "upgrade", "plan", "vat", "receipt", "team", "delete",
        ]
        return (first..<(first + count)).map { n in
            var text: [String] = []
            for k in 0..<(8 + n % 13) { text.append(words[(n * 7 + k * k * 3) % words.count]) }
            text.append("w\(n)")
            let body = text.joined(separator: " ")
            let from = EmailAddress(name: "Customer \(n % 17)", address: "c\(n % 17)@example.com")
            return IndexDocument(
                summary: TestCorpus.summary(
                    uid: UInt32(n + 1), subject: "\(words[n % words.count]) question \(n % 5)", from: from,
                    date: TestCorpus.march10 - Int64(n) * 3600, reply: body, thread: "t\(n / 3)"),
                bodyText: body)
        }
    }

    /// Three committed segments of 120, 90 and 60 messages, with messages replaced and removed across them.
    func segmentsWithDeletions(in dir: URL) throws -> [SegmentMerger.Input] {
        let writer = try IndexWriter(directory: dir, maxMergeBytes: 0)
        let all = Self.documents(270)
        for range in [0..<120, 120..<210, 210..<270] {
            for document in all[range] { writer.add(document) }
            try writer.commit()
        }
        for n in stride(from: 0, to: 200, by: 7) { writer.add(all[n]) }
        for n in stride(from: 3, to: 260, by: 11) { writer.remove(id: all[n].summary.id) }
        try writer.commit()
        writer.close()
        let manifest = try Manifest(bytes: Array(try Data(contentsOf: dir.appendingPathComponent("manifest"))))
        #expect(manifest.entries.count == 4)
        #expect(manifest.entries.filter { $0.deletions != nil }.count >= 3)
        return try manifest.entries.map { entry in
            let reader = try SegmentReader(path: dir.path + "/" + entry.name + ".seg", name: entry.name)
            let deletions = try entry.deletions.map {
                try DeletionSet(bytes: Array(try Data(contentsOf: dir.appendingPathComponent($0))), count: reader.docCount)
            }
            return SegmentMerger.Input(reader: reader, deletions: deletions)
        }
    }

    @Test(arguments: [7, 4096, SegmentMerger.defaultChunkSize])
    func streamedMergeEqualsTheInMemoryOne(chunkSize: Int) throws {
        let dir = TestCorpus.temporaryDirectory("streamed\(chunkSize)")
        let inputs = try segmentsWithDeletions(in: dir)
        for selection in [inputs, Array(inputs.prefix(1)), Array(inputs.suffix(2)), inputs.map { SegmentMerger.Input(reader: $0.reader, deletions: nil) }] {
            let expected = try ReferenceMerger.merge(selection)
            let path = dir.path + "/merged.seg"
            var chunks = 0
            let count = try SegmentMerger.merge(selection, to: path, chunkSize: chunkSize) { () throws(IndexError) in
                chunks += 1
            }
            let written = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(written == expected)
            #expect(chunks >= expected.count / (chunkSize + 8))
            let merged = try SegmentReader(path: path, name: "merged")
            #expect(merged.docCount == count)
            // The long lists carry skip entries, so the equality above covers them too.
            if count > 200 { #expect((0..<merged.termCount).contains { merged.info($0).skipCount > 0 }) }
            #expect(count == selection.reduce(0) { $0 + $1.reader.docCount - ($1.deletions?.count ?? 0) })
        }
    }

    /// Levels: many small commits leave a number of segments that grows with the logarithm of the index, and
    /// no commit merges more than its budget, a rebuild's included.
    @Test func tieredMergesStayLogarithmicAndWithinBudget() throws {
        let all = Self.documents(400)
        let budget = 40_000
        for rebuild in [false, true] {
            let dir = TestCorpus.temporaryDirectory("tiered\(rebuild)")
            let writer = try IndexWriter(directory: dir, rebuild: rebuild, mergeFactor: 3, maxMergeBytes: budget)
            writer.levelFloorBytes = 2048
            var largestMerge = 0
            var sizes: [String: Int] = [:]
            for batch in stride(from: 0, to: all.count, by: 4) {
                for document in all[batch..<(batch + 4)] { writer.add(document) }
                try writer.commit()
                var now: [String: Int] = [:]
                for name in try Disk.sortedNames(in: dir.path) where name.hasSuffix(".seg") {
                    now[name] = try FileManager.default.attributesOfItem(atPath: dir.path + "/" + name)[.size] as? Int
                }
                let merged = sizes.filter { now[$0.key] == nil }.values.reduce(0, +)
                largestMerge = max(largestMerge, merged)
                sizes = now
            }
            let total = sizes.values.reduce(0, +)
            // Levels from 2 KB by factors of 3 up to the total: at most two segments a level, and a few more
            // of about the budget's size, which no commit merges further.
            let levels = Int((log(Double(total) / 2048) / log(3)).rounded(.up)) + 1
            #expect(largestMerge <= budget)
            #expect(largestMerge > 0)
            #expect(sizes.count <= 2 * levels + total / (budget / 3))
            writer.close()
            let index = try SearchIndex.open(directory: dir)
            #expect(index.documentCount == all.count)
            #expect(try index.search("w123", options: options).map(\.uid.rawValue) == [124])
        }
    }
}

/// The merge as it was before it streamed: everything in memory, then `SegmentEncoder`. The streamed merge
/// must write the same bytes.
enum ReferenceMerger {
    static func merge(_ inputs: [SegmentMerger.Input]) throws -> [UInt8] {
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
            var smallest: [UInt8]? = nil
            for (i, input) in inputs.enumerated() where cursors[i] < input.reader.termCount {
                let key = Array(input.reader.key(cursors[i]))
                if smallest == nil || key.lexicographicallyPrecedes(smallest!) { smallest = key }
            }
            guard let key = smallest else { break }
            var term = EncodedTerm(key: key, docFreq: 0, docs: [], positions: [])
            var lastDoc: Int32 = -1
            for (i, input) in inputs.enumerated() where cursors[i] < input.reader.termCount {
                let r = input.reader
                guard Array(r.key(cursors[i])) == key else { continue }
                let info = r.info(cursors[i])
                cursors[i] += 1
                var docsReader = ByteReader(r.bytes, offset: info.docsStart, end: info.docsEnd)
                var positionsReader = ByteReader(r.bytes, offset: info.docsEnd, end: info.positionsEnd)
                var doc: Int64 = -1
                while !docsReader.isAtEnd {
                    doc &+= Int64(truncatingIfNeeded: try docsReader.varint())
                    let tf = try docsReader.varint()
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
