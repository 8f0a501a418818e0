import Foundation
import Testing

@testable import Index

/// The length column holds each text field's length in two bytes; a field of 65,535 terms or more is
/// marked there and read from the doc table, so BM25 sees every length exactly, before and after a merge.
@Suite struct LengthColumnTests {
    /// Lengths around the two-byte limit, in every text field.
    static let lengths: [UInt32] = [0, 1, 300, 65_534, 65_535, 65_536, 1_000_000]

    static func records() -> [DocRecord] {
        lengths.indices.map { n in
            var lengths = SIMD8<UInt32>()
            for f in 0..<SegmentLayout.textFieldCount {
                lengths[f] = Self.lengths[(n + f) % Self.lengths.count]
            }
            return DocRecord(
                storedOffset: 0, date: Int64(n), id: UInt64(n + 1), utcOffset: 0, flags: 0, lengths: lengths)
        }
    }

    static func write(_ records: [DocRecord], in dir: URL, name: String) throws -> SegmentReader {
        let bytes = SegmentEncoder.encode(docs: records, stored: [], terms: [])
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent(name + ".seg").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try SegmentReader(path: path, name: name)
    }

    @Test func lengthsAreExactAroundTheColumnsLimit() throws {
        let dir = TestCorpus.temporaryDirectory("lengths")
        let records = Self.records()
        let reader = try Self.write(records, in: dir, name: "seg-000001")
        for (d, record) in records.enumerated() {
            for f in 0..<SegmentLayout.textFieldCount {
                #expect(reader.fieldLength(d, f) == record.lengths[f], "doc \(d), field \(f)")
                let entry: UInt16 = reader.bytes.le(reader.lengthsOffset + (f * reader.docCount + d) * 2)
                #expect((entry == SegmentLayout.lengthInDocTable) == (record.lengths[f] >= 65_535))
            }
        }
    }

    @Test func aMergeKeepsTheLiveDocumentsLengths() throws {
        let dir = TestCorpus.temporaryDirectory("lengthsMerged")
        let records = Self.records()
        let first = try Self.write(records, in: dir, name: "seg-000001")
        let second = try Self.write(Array(records.reversed()), in: dir, name: "seg-000002")
        var deleted = DeletionSet(count: first.docCount)
        deleted.insert(2)
        let path = dir.appendingPathComponent("seg-000003.seg").path
        let inputs = [
            SegmentMerger.Input(reader: first, deletions: deleted),
            SegmentMerger.Input(reader: second, deletions: nil),
        ]
        try SegmentMerger.merge(inputs, to: path)
        let merged = try SegmentReader(path: path, name: "seg-000003")
        let live = records.enumerated().filter { $0.offset != 2 }.map(\.element) + records.reversed()
        #expect(merged.docCount == live.count)
        for (d, record) in live.enumerated() {
            for f in 0..<SegmentLayout.textFieldCount {
                #expect(merged.fieldLength(d, f) == record.lengths[f], "doc \(d), field \(f)")
            }
        }
    }
}
