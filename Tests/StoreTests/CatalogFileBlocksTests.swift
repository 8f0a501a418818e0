import Foundation
import MailCore
import Testing

@testable import Store

/// `loadInBlocks` must give exactly what `load` gives, whatever the block size: frames cut by a block,
/// superseded records, a torn or garbled tail, a file that is not a catalog.
@Suite struct CatalogFileBlocksTests {
    /// Block sizes smaller than one record, about one record, and larger than the file.
    static let blockSizes = [7, 100, 300, 1 << 20]

    static func expectSameAsLoad(_ catalog: CatalogFile) throws {
        let whole = try catalog.load()
        for blockSize in blockSizes {
            let blocks = try catalog.loadInBlocks(blockSize: blockSize)
            #expect(blocks.summaries == whole.summaries, "block size \(blockSize)")
            #expect(blocks.records == whole.records, "block size \(blockSize)")
            #expect(blocks.ignoredBytes == whole.ignoredBytes, "block size \(blockSize)")
        }
    }

    @Test func everyRecordAndEverySupersededOneAsLoadReadsThem() throws {
        let directory = try TemporaryDirectory()
        let catalog = CatalogFile(directory: directory.path)
        try catalog.append((1...60).map { CatalogFileTests.summary($0) })
        var updated = CatalogFileTests.summary(7, subject: "changed")
        updated.threadId = "recomputed"
        try catalog.append([updated, CatalogFileTests.summary(61)])
        let contents = try catalog.loadInBlocks(blockSize: 100)
        #expect(contents.records == 62)
        #expect(contents.summaries.count == 61)
        #expect(contents.summaries[6] == updated)
        #expect(contents.ignoredBytes == 0)
        try Self.expectSameAsLoad(catalog)
    }

    @Test(arguments: [1, 5, 13, 60])
    func aTornLastRecordIsIgnoredAsLoadIgnoresIt(cut: Int) throws {
        let directory = try TemporaryDirectory()
        let catalog = CatalogFile(directory: directory.path)
        try catalog.append((1...20).map { CatalogFileTests.summary($0) })
        let bytes = try Data(contentsOf: URL(fileURLWithPath: catalog.path))
        try bytes.prefix(bytes.count - cut).write(to: URL(fileURLWithPath: catalog.path))
        let contents = try catalog.loadInBlocks(blockSize: 300)
        #expect(contents.summaries == (1...19).map { CatalogFileTests.summary($0) })
        #expect(contents.ignoredBytes > 0)
        try Self.expectSameAsLoad(catalog)
    }

    @Test func aGarbledRecordEndsTheValidPartAndAHugeLengthReadsNothingMore() throws {
        let directory = try TemporaryDirectory()
        let catalog = CatalogFile(directory: directory.path)
        try catalog.append((1...20).map { CatalogFileTests.summary($0) })
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: catalog.path)))
        bytes[bytes.count / 2] ^= 0xFF
        try Data(bytes).write(to: URL(fileURLWithPath: catalog.path))
        #expect(try catalog.loadInBlocks().summaries.count < 20)
        try Self.expectSameAsLoad(catalog)
        // A length field past the end of the file: the record is torn, nothing is allocated for it.
        bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: catalog.path)))
        bytes[8..<12] = [0xFF, 0xFF, 0xFF, 0x7F]
        try Data(bytes).write(to: URL(fileURLWithPath: catalog.path))
        let contents = try catalog.loadInBlocks()
        #expect(contents.summaries.isEmpty)
        #expect(contents.ignoredBytes == bytes.count - 8)
        try Self.expectSameAsLoad(catalog)
    }

    @Test func missingEmptyAndForeignFiles() throws {
        let directory = try TemporaryDirectory()
        let catalog = CatalogFile(directory: directory.path)
        #expect(try catalog.loadInBlocks().summaries.isEmpty)
        try Data().write(to: URL(fileURLWithPath: catalog.path))
        #expect(try catalog.loadInBlocks().records == 0)
        try Data("{\"json\": true}".utf8).write(to: URL(fileURLWithPath: catalog.path))
        #expect(throws: StoreError.self) { try catalog.loadInBlocks() }
        try Data("MMC".utf8).write(to: URL(fileURLWithPath: catalog.path))
        #expect(throws: StoreError.self) { try catalog.loadInBlocks() }
    }
}
