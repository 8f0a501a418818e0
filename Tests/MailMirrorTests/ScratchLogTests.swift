import Foundation
import TestSupport
import Testing

@testable import MailMirror

/// `reindex` carries every message from its first pass to its second through a `ScratchLog`.
@Suite struct ScratchLogTests {
    /// Records of many sizes, one larger than the log's 1 MB blocks, one empty.
    static let records: [[UInt8]] = (0..<600).map { n in
        let count = n == 300 ? 3 << 20 : n == 17 ? 0 : (n * 7_919) % 20_000
        return (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ n) }
    }

    @Test(arguments: [Int.max, 10_000, 0])
    func recordsComeBackWholeAndInOrder(memoryBytes: Int) throws {
        let directory = ScratchFolder.root.appendingPathComponent("mm-scratch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = ScratchLog(directory: directory, memoryBytes: memoryBytes)
        for record in Self.records { try log.append(record) }
        var read: [[UInt8]] = []
        try log.readRecords { read.append(Array($0)) }
        #expect(read == Self.records)
        // The scratch file is unlinked as soon as it is made: nothing is ever left beside the store.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }
}
