import Foundation
import MailCore
import Testing

@testable import Analytics

/// A benchmark, not a timed test: BANKING77 questions wrapped as customer mail (greeting, name,
/// sign-off), run through the report's topics, written as `topic_messages.csv`, `topics.csv` and a
/// `truth.jsonl` for /work/shared/eval/topics_eval.py. Runs only with
/// `MAILMIRROR_BANKING77_CSV=train.csv MAILMIRROR_BANKING77_OUT=DIR` (optionally
/// `MAILMIRROR_BANKING77_HALF=even|odd`: rows whose FNV hash of the text is even or odd; the method
/// was shaped on the even half and is reported on the odd one).
@Suite struct Banking77BenchmarkTests {
    static let environment = ProcessInfo.processInfo.environment

    @Test(.enabled(if: environment["MAILMIRROR_BANKING77_CSV"] != nil, "benchmark: needs MAILMIRROR_BANKING77_CSV"))
    func banking77() throws {
        let csv = try String(contentsOfFile: Self.environment["MAILMIRROR_BANKING77_CSV"]!, encoding: .utf8)
        let out = URL(fileURLWithPath: Self.environment["MAILMIRROR_BANKING77_OUT"] ?? "/tmp/banking77")
        let half = Self.environment["MAILMIRROR_BANKING77_HALF"]
        let rows = CSVReader.rows(csv).dropFirst().filter { row in
            guard row.count == 2 else { return false }
            guard let half else { return true }
            return (TeamAnswers.fnv(row[0]) % 2 == 0) == (half == "even")
        }
        let names = ["Amy Roberts", "Jean Rousseau", "Lucas Martin", "Priya Shah", "Tom O'Neill", "Sara Kim"]
        let greetings = ["Hello,", "Hi there,", "Dear support,", "Hi,"]
        let closings = ["Thanks,", "Best regards,", "Cheers,", "Kind regards,"]
        let subjects = ["Question", "Help please", "My account", "Urgent", "Query"]
        let team = TeamMatcher(members: ["@bank.example"])
        var messages: [MessageSummary] = []
        var truth = ""
        for (k, row) in rows.enumerated() {
            let name = names[k % names.count]
            let address =
                name.lowercased().replacingOccurrences(of: " ", with: ".")
                .replacingOccurrences(of: "'", with: "") + "\(k)@mail.example"
            let sender = EmailAddress(name: name, address: address)
            let text = "\(greetings[k % 4])\n\n\(row[0])\n\n\(closings[(k / 4) % 4])\n\(name.split(separator: " ")[0])"
            let id = "b77-\(k)@bench.example"
            messages.append(
                MessageSummary(
                    key: MessageKey(
                        account: "b", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(UInt32(k + 1))),
                    messageId: id, date: 1_700_000_000 + Int64(k) * 600, from: sender,
                    subject: Self.environment["MAILMIRROR_BANKING77_NOSUBJECT"] != nil ? "" : subjects[k % 5],
                    labels: [], isReply: false, direction: team.direction(of: sender), threadId: "t\(k)", size: 500,
                    replyText: text))
            truth += "{\"message_id\": \"<\(id)>\", \"topic\": \"\(row[1])\"}\n"
        }
        let start = ContinuousClock.now
        var pipeline = TopicPipeline()
        func knob(_ name: String) -> Float? { Self.environment["MAILMIRROR_BANKING77_" + name].flatMap(Float.init) }
        pipeline.clusterer.linkThreshold = knob("LINK") ?? pipeline.clusterer.linkThreshold
        pipeline.clusterer.mergeThreshold = knob("MERGE") ?? pipeline.clusterer.mergeThreshold
        pipeline.clusterer.assignFloor = knob("FLOOR") ?? pipeline.clusterer.assignFloor
        pipeline.smoothing = knob("SMOOTH") ?? pipeline.smoothing
        pipeline.minimumShare = knob("MINSHARE").map(Double.init) ?? pipeline.minimumShare
        pipeline.neighbours = knob("NEIGHBOURS").map { Int($0) } ?? pipeline.neighbours
        pipeline.clusterer.refinementRounds = knob("ROUNDS").map { Int($0) } ?? pipeline.clusterer.refinementRounds
        pipeline.clusterer.sampleSize = knob("SAMPLE").map { Int($0) } ?? pipeline.clusterer.sampleSize
        let model = ReportModel(messages: messages, options: ReportOptions(), pipeline: pipeline)
        print(
            "banking77: \(messages.count) messages, \(model.topics.topics.count) topics, \(ContinuousClock.now - start)"
        )
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        try CSVTables.topicMessages(model).contents.write(
            to: out.appendingPathComponent("topic_messages.csv"), atomically: true, encoding: .utf8)
        try CSVTables.topics(model).contents.write(
            to: out.appendingPathComponent("topics.csv"), atomically: true, encoding: .utf8)
        try truth.write(to: out.appendingPathComponent("truth.jsonl"), atomically: true, encoding: .utf8)
        #expect(!model.topics.topics.isEmpty)
    }
}
