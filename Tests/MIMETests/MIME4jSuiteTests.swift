import Foundation
import Testing

@testable import MIME

/// mime4j's decoded-body oracle: every `<name>_decoded_<path>.(txt|bin)` file must equal the
/// transfer-decoded body of the leaf at that path (1 = root, then 1-based child indexes; the
/// embedded message of a message/rfc822 part is child 1).
@Suite struct MIME4jSuiteTests {
    static func part(at path: [Int], in message: MIMEMessage) -> MIMEPart? {
        var current = message.root
        for index in path.dropFirst() {
            guard index >= 1, index <= current.children.count else { return nil }
            current = current.children[index - 1]
        }
        return current
    }

    static func unixLines(_ bytes: [UInt8]) -> [UInt8] {
        var result = [UInt8]()
        result.reserveCapacity(bytes.count)
        for (index, byte) in bytes.enumerated()
        where !(byte == 0x0D && index + 1 < bytes.count && bytes[index + 1] == 0x0A) {
            result.append(byte)
        }
        return result
    }

    @Test func decodedLeafBodiesMatchMime4j() {
        var passed = 0
        var total = 0
        var failures = [String]()
        for folder in ["mime4j/testmsgs", "mime4j/mimetools-testmsgs"] {
            let names = FixtureSupport.files(folder)
            for name in names where name.hasSuffix(".msg") {
                let base = String(name.dropLast(4))
                let message = MIMEParser.parse(FixtureSupport.bytes("\(folder)/\(name)"))
                // Only the bodies the DOM oracle names (a few stale files lie beside them).
                let oracle = FixtureSupport.text("\(folder)/\(base)_decoded.xml")
                for expected in names
                where expected.hasPrefix(base + "_decoded_") && !expected.hasSuffix(".xml")
                    && oracle.contains("name=\"\(expected)\"")
                {
                    let pathText = expected.dropFirst(base.count + "_decoded_".count).split(separator: ".")[0]
                    let path = pathText.split(separator: "_").compactMap { Int($0) }
                    total += 1
                    let want = FixtureSupport.bytes("\(folder)/\(expected)")
                    guard let part = Self.part(at: path, in: message) else {
                        failures.append("\(folder)/\(expected): no part at \(pathText)")
                        continue
                    }
                    let got = part.decodedBody
                    // Text bodies are compared with line breaks normalised: mime4j writes the CRLF that a
                    // quoted-printable line break stands for, we keep the message's own LF.
                    let isText = expected.hasSuffix(".txt")
                    if got == want || (isText && Self.unixLines(got) == Self.unixLines(want)) {
                        passed += 1
                    } else {
                        failures.append(
                            "\(folder)/\(expected): \(got.count) bytes, expected \(want.count) (\(part.contentType.mimeType), \(part.kind))"
                        )
                    }
                }
            }
        }
        let rate = FixtureSupport.report("mime4j", passed: passed, total: total, failures: failures)
        #expect(total > 100)
        #expect(rate >= 0.95)
    }
}
