import Foundation
import MailCore
import Testing

@testable import MIME

/// Mutated real messages (bytes flipped, cut, duplicated, deleted) must parse, summarize and
/// thread without crashing, and pathological shapes must stay fast.
@Suite(.timeLimit(.minutes(1))) struct RobustnessTests {
    /// A small deterministic generator (64-bit LCG) so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(max(bound, 1)))
        }
    }

    static let interesting: [[UInt8]] = [
        "--", "\r\n", "\n\n", "=?", "?=", "Content-Type: multipart/mixed; boundary=x\r\n",
        "\r\n--x\r\n", "<", ">", "=", "&#x", "<div class=\"gmail_quote\">", "> ", ":", "\"", "(", "*0*=",
    ]
    .map { Array($0.utf8) }

    @Test func mutatedFixturesNeverCrash() {
        var seeds = [[UInt8]]()
        for folder in ["stalwart/eml/malformed", "stalwart/eml/rfc", "mime4j/testmsgs"] {
            for name in FixtureSupport.files(folder) where name.hasSuffix(".eml") || name.hasSuffix(".msg") {
                let bytes = FixtureSupport.bytes("\(folder)/\(name)")
                if bytes.count < 20_000 { seeds.append(bytes) }
            }
        }
        #expect(seeds.count > 50)
        var generator = Generator(state: 42)
        var summaries = [MessageSummary]()
        let team = TeamMatcher(members: ["@example.com"])
        for round in 0..<1500 {
            var bytes = seeds[generator.next(seeds.count)]
            for _ in 0..<(1 + generator.next(8)) {
                guard !bytes.isEmpty else { break }
                let position = generator.next(bytes.count)
                switch generator.next(5) {
                case 0: bytes[position] = UInt8(truncatingIfNeeded: generator.next(256))
                case 1: bytes.removeSubrange(position..<min(bytes.count, position + generator.next(64)))
                case 2: bytes.insert(contentsOf: Self.interesting[generator.next(Self.interesting.count)], at: position)
                case 3: bytes = Array(bytes[..<position])
                default:
                    bytes.insert(
                        contentsOf: bytes[position..<min(bytes.count, position + generator.next(200))], at: position)
                }
            }
            let key = MessageKey(account: "f", mailbox: "m", uidValidity: UIDValidity(1), uid: UID(UInt32(round + 1)))
            let result = MessageSummarizer.summarize(
                bytes: bytes, metadata: FetchedMetadata(key: key, size: bytes.count), team: team)
            _ = MIMEParser.parse(bytes).htmlBody.map { ReplyExtractor.extract(html: $0) }
            summaries.append(result.summary)
        }
        Threader.assignThreadIds(&summaries)
        #expect(summaries.allSatisfy { !$0.threadId.isEmpty })
    }

    /// Shapes that were quadratic once. Speed is the suite's time limit (and the benchmark's);
    /// each case also checks what came out, so a shortcut that drops the input would fail.
    @Test func pathologicalInputsStayFast() {
        let cases: [(bytes: [UInt8], check: (MessageSummary) -> Bool)] = [
            (
                Array(("Subject: " + String(repeating: "=?utf-8?q?", count: 50_000) + "\r\n\r\n").utf8),
                { $0.subject.hasPrefix("=?utf-8?q?") }
            ),  // never decodable: kept as written
            (
                Array(
                    ("Content-Type: text/html\r\n\r\n" + String(repeating: "<hr><b>From:</b> x<br>", count: 2_000)).utf8
                ),
                { $0.attachments.isEmpty }
            ),
            (
                Array(
                    ("Content-Type: text/plain\r\n\r\n" + String(repeating: "________________\r\n\r\n", count: 20_000))
                        .utf8),
                { $0.attachments.isEmpty }
            ),
            (
                Array(
                    ("Content-Type: multipart/mixed; boundary=a\r\n\r\n" + String(repeating: "--a\r\n", count: 50_000))
                        .utf8),
                { $0.replyText.isEmpty }
            ),  // 50 000 empty parts hold no text
            (
                Array(("References: " + (0..<20_000).map { "<\($0)@x>" }.joined(separator: " ") + "\r\n\r\nx").utf8),
                { $0.references.count == 20_000 && $0.references.first == "0@x" }
            ),
            (
                Array(("To: " + String(repeating: "a@b, (c <d> \"e\" ", count: 20_000) + "\r\n\r\n").utf8),
                { !$0.to.isEmpty }
            ),
        ]
        let key = MessageKey(account: "f", mailbox: "m", uidValidity: UIDValidity(1), uid: UID(1))
        for (index, testCase) in cases.enumerated() {
            let bytes = testCase.bytes
            let start = ContinuousClock.now
            var summaries = [
                MessageSummarizer.summarize(
                    bytes: bytes, metadata: FetchedMetadata(key: key, size: bytes.count), team: TeamMatcher(members: [])
                ).summary
            ]
            Threader.assignThreadIds(&summaries)
            let elapsed = ContinuousClock.now - start
            print("[pathological] \(bytes.count) bytes: \(elapsed)")
            #expect(!summaries[0].threadId.isEmpty, "case \(index)")
            #expect(
                testCase.check(summaries[0]),
                "case \(index): \(summaries[0].subject.prefix(40)) refs \(summaries[0].references.prefix(2)) to \(summaries[0].to.count) text \(summaries[0].replyText.prefix(40))"
            )
        }
    }

    /// Found with the fuzz harness binary (Tests/Fuzz/MIMEFuzzer.swift, scripts/fuzz) on grown
    /// inputs: address fields were quadratic. A From of 50 000 "a", "@" and 50 000 "," (rescanning
    /// for "@" at every comma inside <>), a To of the same with ":" (at every colon), and a From of
    /// 1 000 000 "<" (removeFirst per "<") each took from tens of seconds to minutes. Built here
    /// rather than stored as megabyte fixtures.
    @Test(arguments: [
        ("From: <", "a", 100_000, "@", ",", 100_000),
        ("To: ", "a", 100_000, "@", ":", 100_000),
        ("From: ", "<", 1_000_000, "", "", 0),
        ("Cc: <", "'", 500_000, "a@b", "'", 500_000),
    ])
    func addressFieldsStayLinear(
        header: String, first: String, firstCount: Int, middle: String, second: String, secondCount: Int
    ) {
        let field =
            header + String(repeating: first, count: firstCount) + middle
            + String(repeating: second, count: secondCount)
        let bytes = Array((field + "\r\n\r\nbody\r\n").utf8)
        let start = ContinuousClock.now
        let message = MIMEParser.parse(bytes)
        let addresses = [message.from].compactMap { $0 } + message.to + message.cc
        print("[address] \(header)… (\(bytes.count) bytes): \(ContinuousClock.now - start)")
        if middle.isEmpty {
            // A million "<" hold no address at all: nothing with an "@" may come out of them.
            #expect(addresses.allSatisfy { !$0.address.contains("@") }, "\(addresses.map(\.address.count))")
            #expect(addresses.count <= 1, "\(addresses.count) addresses from one field")
        } else {
            #expect(addresses.count == 1 && addresses[0].address.contains("@"), "\(addresses.map(\.address.count))")
        }
    }
}
