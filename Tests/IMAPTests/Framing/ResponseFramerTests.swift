import Testing

@testable import IMAP

@Suite struct ResponseFramerTests {
    @Test(arguments: [1, 2, 3, 7, 64, 100_000])
    func cutsLinesAndLiteralsWhateverTheChunking(chunk: Int) throws {
        let stream = Array("* 3 EXISTS\r\n* 1 FETCH (UID 7 BODY[] {12}\r\nhello\r\nworld)\r\nA1 OK done\r\n".utf8)
        let frames = try Fixture.frames(stream, chunk: chunk)
        #expect(
            frames.map { String(decoding: $0.bytes, as: UTF8.self) } == [
                "* 3 EXISTS\r\n",
                "* 1 FETCH (UID 7 BODY[] {12}\r\nhello\r\nworld)\r\n",
                "A1 OK done\r\n",
            ])
    }

    @Test func waitsForTheWholeLiteral() throws {
        var framer = ResponseFramer()
        framer.append(Array("* 1 FETCH (BODY[] {10}\r\n12345".utf8))
        #expect(try framer.nextFrame() == nil)
        #expect(framer.isInsideLiteral)
        framer.append(Array("67890)\r\n".utf8))
        #expect(try framer.nextFrame()?.bytes.count == "* 1 FETCH (BODY[] {10}\r\n1234567890)\r\n".utf8.count)
        #expect(framer.pendingByteCount == 0)
    }

    /// The framer assembles the next response in the buffer it handed out (keeping its capacity): a frame
    /// still held keeps its own bytes.
    @Test func aFrameStillHeldKeepsItsBytesWhenTheNextArrives() throws {
        var framer = ResponseFramer()
        let big = "* 1 FETCH (BODY[] {100000}\r\n" + String(repeating: "x", count: 100_000) + ")\r\n"
        framer.append(Array(big.utf8))
        let first = try #require(try framer.nextFrame())
        #expect(framer.pendingByteCount == 0)
        framer.append(Array("* 2 FETCH (BODY[] {5}\r\nhello)\r\nA1 OK\r\n".utf8))
        let second = try #require(try framer.nextFrame())
        #expect(first.bytes == Array(big.utf8))
        #expect(second.bytes == Array("* 2 FETCH (BODY[] {5}\r\nhello)\r\n".utf8))
        #expect(framer.pendingByteCount == "A1 OK\r\n".utf8.count)
        #expect(try framer.nextFrame()?.bytes == Array("A1 OK\r\n".utf8))
    }

    @Test func literalMarkersInsideALiteralAreData() throws {
        // The literal's own last line ends in "{5}": it must not start a second literal.
        let stream = Array("* 1 FETCH (BODY[] {9}\r\nabc {5}\r\n)\r\nA1 OK\r\n".utf8)
        let frames = try Fixture.frames(stream, chunk: 1)
        #expect(frames.count == 2)
    }

    @Test func acceptsBareLineFeeds() throws {
        let frames = try Fixture.frames(Array("* 2 EXISTS\nA1 OK done\n".utf8))
        #expect(frames.count == 2)
        #expect(try ResponseParser.parse(frames[0]) == .untagged(.exists(2)))
    }

    @Test func endlessLineIsAnErrorNotUnboundedMemory() throws {
        var framer = ResponseFramer(limits: FramingLimits(maxLineLength: 1024))
        var thrown: IMAPProtocolError?
        do {
            for _ in 0..<100 {
                framer.append([UInt8](repeating: UInt8(ascii: "x"), count: 100))
                _ = try framer.nextFrame()
            }
        } catch {
            thrown = error
        }
        #expect(thrown == .lineTooLong(limit: 1024))
        #expect(framer.pendingByteCount < 20_000)
        // The framer stays failed: a broken stream cannot be resynchronised.
        #expect(throws: IMAPProtocolError.lineTooLong(limit: 1024)) { try framer.nextFrame() }
    }

    @Test(arguments: ["{99999999999}", "{18446744073709551615}", "{99999999999999999999999}", "{67108865}"])
    func absurdLiteralSizesAreRefusedBeforeReading(size: String) throws {
        var framer = ResponseFramer()
        framer.append(Array("* 1 FETCH (BODY[] \(size)\r\nabc".utf8))
        #expect(throws: IMAPProtocolError.self) { try framer.nextFrame() }
        do { _ = try framer.nextFrame() } catch {
            guard case .literalTooLarge = error else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    @Test func responseSizeIsBoundedAcrossLiterals() throws {
        var framer = ResponseFramer(limits: FramingLimits(maxLineLength: 100, maxLiteralSize: 50, maxResponseSize: 120))
        framer.append(
            Array("* 1 FETCH (A {50}\r\n".utf8) + [UInt8](repeating: 65, count: 50) + Array(" B {50}\r\n".utf8))
        #expect(throws: IMAPProtocolError.responseTooLarge(limit: 120)) { try framer.nextFrame() }
    }

    @Test func traceHidesLiteralBodies() throws {
        let frame = ResponseFrame(bytes: Array("* 1 FETCH (UID 3 BODY[] {5}\r\nsecrt)\r\n".utf8))
        #expect(frame.traceDescription == "* 1 FETCH (UID 3 BODY[] {5}<5 bytes>)")
    }
}
