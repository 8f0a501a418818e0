import Testing

@testable import IMAP

/// Mutated real transcripts (flipped bytes, cuts, duplicated spans, injected literal sizes) through
/// the framer and parser: every outcome must be a value or a typed error, never a trap or a hang.
@Suite struct MutationTests {
    @Test(arguments: ["dovecot-session.server.txt", "gmail-session.server.txt"])
    func mutatedTranscriptsNeverCrash(name: String) throws {
        let original = try Fixture.bytes(name)
        var generator = SplitMix(seed: 11)
        let injections: [[UInt8]] = [
            "{", "}", "{999}\r\n", "{0}\r\n", "(", ")", "\"", "\\", "\r\n", "[", "]", " ", "*", "+ ", "\0",
        ].map { Array($0.utf8) }
        var framesParsed = 0
        var errors = 0
        for _ in 0..<800 {
            var bytes = original
            for _ in 0..<(1 + Int(generator.next() % 4)) {
                guard !bytes.isEmpty else { break }
                let at = Int(generator.next() % UInt64(bytes.count))
                switch generator.next() % 4 {
                case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
                case 1: bytes.removeSubrange(at..<min(bytes.count, at + Int(generator.next() % 40)))
                case 2: bytes.insert(contentsOf: bytes[at..<min(bytes.count, at + Int(generator.next() % 40))], at: at)
                default: bytes.insert(contentsOf: injections[Int(generator.next() % UInt64(injections.count))], at: at)
                }
            }
            var framer = ResponseFramer(
                limits: FramingLimits(maxLineLength: 4096, maxLiteralSize: 1 << 20, maxResponseSize: 2 << 20))
            framer.append(bytes)
            do {
                while let frame = try framer.nextFrame() {
                    do {
                        _ = try ResponseParser.parse(frame)
                        framesParsed += 1
                    } catch {
                        errors += 1
                    }
                }
            } catch {
                errors += 1
            }
        }
        #expect(framesParsed > 500)
        #expect(errors > 0)
    }
}
