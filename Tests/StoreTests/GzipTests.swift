import Foundation
import Testing

@testable import Store

@Suite struct GzipTests {
    @Test(arguments: [0, 1, 17, 4096, 300_000])
    func roundTripsTextAndBinary(size: Int) throws {
        let text = Array(
            String(repeating: "Bonjour, mot de passe d'application.\r\n", count: size / 38 + 1).utf8.prefix(size))
        #expect(try Gzip.decompress(Gzip.compress(text)) == text)
        let binary = randomBytes(size, seed: UInt64(size + 1))
        #expect(try Gzip.decompress(Gzip.compress(binary)) == binary)
    }

    @Test(arguments: [Int32(0), 1, 6, 9])
    func everyLevelRoundTrips(level: Int32) throws {
        let message = sampleMessage(3, bodyLines: 500)
        let compressed = Gzip.compress(message, level: level)
        #expect(try Gzip.decompress(compressed) == message)
        if level > 0 { #expect(compressed.count < message.count / 3) }
    }

    @Test func writesARealGzipHeader() {
        let compressed = Gzip.compress(sampleMessage(1))
        #expect(compressed.prefix(3) == [0x1F, 0x8B, 0x08])
    }

    @Test func zcatReadsOurOutputIdentically() throws {
        try expectZcatReads(sampleMessage(42, bodyLines: 2000) + randomBytes(10_000, seed: 9))
    }

    @Test func readsWhatGzipWrote() throws {
        let directory = try TemporaryDirectory()
        let message = sampleMessage(5, bodyLines: 300)
        let file = directory.url.appendingPathComponent("m.eml")
        try Data(message).write(to: file)
        #expect(try run("/bin/gzip", ["-9", file.path]).status == 0)
        let compressed = try [UInt8](Data(contentsOf: directory.url.appendingPathComponent("m.eml.gz")))
        #expect(try Gzip.decompress(compressed) == message)
    }

    @Test func decodesConcatenatedMembers() throws {
        let first = sampleMessage(1)
        let second = sampleMessage(2)
        #expect(try Gzip.decompress(Gzip.compress(first) + Gzip.compress(second)) == first + second)
    }

    @Test(arguments: [1, 2, 8, 17, 100])
    func detectsTruncation(cut: Int) throws {
        let compressed = Gzip.compress(sampleMessage(7, bodyLines: 100))
        #expect(throws: Gzip.Failure.truncated) { try Gzip.decompress(Array(compressed.dropLast(cut))) }
    }

    @Test func detectsACorruptedByteInTheDataOrTheCRC() throws {
        let compressed = Gzip.compress(sampleMessage(7, bodyLines: 100))
        for position in [compressed.count / 2, compressed.count - 6, compressed.count - 2] {
            var damaged = compressed
            damaged[position] ^= 0x01
            #expect(throws: Gzip.Failure.self) { try Gzip.decompress(damaged) }
            do {
                _ = try Gzip.decompress(damaged)
            } catch {
                if case .corrupt = error {} else { Issue.record("expected corrupt at \(position), got \(error)") }
            }
        }
    }

    @Test func rejectsNonGzipAndTrailingGarbage() {
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Array("From: not gzip at all, really not".utf8)) }
        #expect(throws: Gzip.Failure.self) { try Gzip.decompress(Gzip.compress([1, 2, 3]) + [0, 0, 0]) }
        #expect(throws: Gzip.Failure.truncated) { try Gzip.decompress([]) }
    }

    @Test func compressesConcurrentlyOnManyThreads() {
        let messages = (0..<64).map { sampleMessage($0, bodyLines: 50 + $0) }
        let results = UnsafeMutableBufferPointer<Bool>.allocate(capacity: messages.count)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: messages.count) { index in
            results[index] = (try? Gzip.decompress(Gzip.compress(messages[index]))) == messages[index]
        }
        #expect(results.allSatisfy { $0 })
    }

    @Test func crc32MatchesTheKnownValue() {
        // The standard check value of CRC-32 over "123456789".
        #expect(Array("123456789".utf8).withUnsafeBytes { Gzip.crc32($0) } == 0xCBF4_3926)
    }
}

@Suite struct GzipAttachmentTests {
    /// Messages whose attachments are coded Huffman-only read back byte for byte, also through a compressor
    /// that the message before left in that mode, and are no bigger than level 1 throughout made them.
    @Test(arguments: [0, 5_000, 30_000, 300_000, 2_000_000])
    func roundTripsMessagesWithAttachments(size: Int) throws {
        let message = messageWithAttachment(randomBytes(size, seed: UInt64(size + 7)))
        let endingInARun = Array(message.prefix(message.count - 9))
        for bytes in [message, endingInARun, sampleMessage(8, bodyLines: 300), message] {
            #expect(try Gzip.decompress(Gzip.compress(bytes)) == bytes)
        }
    }

    @Test func zcatReadsAMessageWithTwoAttachmentsIdentically() throws {
        try expectZcatReads(
            messageWithAttachment(randomBytes(40_000, seed: 11))
                + messageWithAttachment(Array(String(repeating: "a;b;c\n", count: 5_000).utf8), type: "text/csv")
                + messageWithAttachment(randomBytes(9_000, seed: 12)))
    }

    @Test func huffmanCodingTheAttachmentCostsNoSpace() throws {
        let message = messageWithAttachment(randomBytes(60_000, seed: 13))
        let compressed = Gzip.compress(message)
        #expect(compressed.count < message.count * 78 / 100)
        #expect(compressed.count <= Gzip.compress(message, level: 2).count)
    }
}

@Suite struct GzipWithCompressedTests {
    /// What `withCompressed` lends is the same gzip `compress` returns, before and after a message too large
    /// for the buffer the compressor keeps.
    @Test func lendsTheSameBytesAsCompress() throws {
        let small = sampleMessage(3, bodyLines: 400)
        let large = messageWithAttachment(randomBytes(1_500_000, seed: 21))
        for message in [small, large, small] {
            let lent = Gzip.withCompressed(message) { Array($0) }
            #expect(lent == Gzip.compress(message))
            #expect(try Gzip.decompress(lent) == message)
        }
    }
}

/// `zcat` (the system's gzip) reads back exactly `message` from what `Gzip.compress` wrote.
private func expectZcatReads(_ message: [UInt8]) throws {
    let directory = try TemporaryDirectory()
    let file = directory.url.appendingPathComponent("m.eml.gz")
    try Data(Gzip.compress(message)).write(to: file)
    let result = try run("/bin/zcat", [file.path])
    #expect(result.status == 0)
    #expect(result.output == message)
}
