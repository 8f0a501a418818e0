import Foundation
import Testing

@testable import Store

/// The base64 runs `Gzip` codes with `Base64BlockCoder` between zlib's blocks read back byte for byte, through
/// zlib and through the system's gzip, wherever the runs lie in the message.
@Suite struct Base64BlockCoderTests {
    static func base64(_ count: Int, seed: UInt64, lineEnd: String = "\r\n") -> [UInt8] {
        let encoded = Data(randomBytes(count, seed: seed)).base64EncodedString(options: .lineLength76Characters)
        return Array(encoded.replacingOccurrences(of: "\r\n", with: lineEnd).utf8) + Array(lineEnd.utf8)
    }

    static let text = Array(String(repeating: "Bonjour, voici la capture de l'erreur.\r\n", count: 30).utf8)

    /// A run first (nothing of zlib's before it), last (zlib only ends the stream), alone, twice in a row of
    /// messages, with LF line ends, and between text on both sides.
    static let messages: [[UInt8]] = [
        base64(30_000, seed: 1),
        text + base64(30_000, seed: 2),
        base64(20_000, seed: 3) + text,
        text + base64(20_000, seed: 4, lineEnd: "\n") + text + base64(50_000, seed: 5) + text,
        base64(9_000, seed: 6) + text + base64(9_000, seed: 7),
        Array(base64(40_000, seed: 8).dropLast(2)),
    ]

    @Test(arguments: messages.indices)
    func runsAnywhereReadBack(index: Int) throws {
        let message = Self.messages[index]
        #expect(!message.withUnsafeBytes { EncodedBinaryRuns.find(in: $0) }.isEmpty)
        let compressed = Gzip.compress(message)
        #expect(try Gzip.decompress(compressed) == message)
        let directory = try TemporaryDirectory()
        let file = directory.url.appendingPathComponent("m.eml.gz")
        try Data(compressed).write(to: file)
        let result = try run("/bin/zcat", [file.path])
        #expect(result.status == 0)
        #expect(result.output == message)
    }

    /// About 6 bits a letter: three quarters of the base64, as zlib's Huffman-only strategy gave.
    @Test func codesRandomBase64InAboutSixBitsALetter() {
        let message = Self.base64(200_000, seed: 9)
        let compressed = Gzip.compress(message)
        #expect(compressed.count < message.count * 77 / 100)
        #expect(compressed.count > message.count * 74 / 100)
    }

    /// A byte outside base64 has no code: the coder says so, and `Gzip` then has zlib code the run.
    @Test func refusesBytesOutsideBase64() {
        let bytes = Array("QUJD\r\nQU!D\r\n".utf8)
        let output = UnsafeMutablePointer<UInt8>.allocate(capacity: Base64BlockCoder.bound(bytes.count))
        defer { output.deallocate() }
        #expect(bytes.withUnsafeBytes { Base64BlockCoder.encode($0, into: output) } == nil)
        #expect(Array("QUJD\r\nQUJD\r\n".utf8).withUnsafeBytes { Base64BlockCoder.encode($0, into: output) } != nil)
    }
}
