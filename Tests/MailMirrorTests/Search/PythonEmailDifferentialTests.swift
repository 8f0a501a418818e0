import Foundation
import MIME
import MailCore
import Testing

@testable import MailMirror

/// Subject, sender and date of real mail as mailmirror's summarizer reads them, against Python's
/// email package (`Fixtures/python/headers.py`), on the corpora of `NotmuchDifferentialTests`.
/// A field Python cannot read is not compared; every other difference must be one listed below.
@Suite struct PythonEmailDifferentialTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let script = NotmuchDifferentialTests.fixtures.deletingLastPathComponent()
        .appendingPathComponent("python/headers.py")

    /// (file, field) → why mailmirror reads it otherwise.
    static let expected: [String: String] = [:]

    static func differences(_ corpus: NotmuchDifferentialTests.Corpus) throws -> (
        compared: Int, differences: [String: String]
    ) {
        let python = try #require(python)
        let run = try ProcessRun.run(python, [script.path] + corpus.files.map(\.url.path))
        #expect(run.status == 0, "\(run.errors)")
        let reference = try #require(
            try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: [String: Any]])
        var compared = 0
        var differences: [String: String] = [:]
        for file in corpus.files {
            let bytes = Array(try Data(contentsOf: file.url))
            let key = MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(1))
            let summary = MessageSummarizer.summarize(
                bytes: bytes, metadata: FetchedMetadata(key: key, size: bytes.count), team: TeamMatcher(members: [])
            ).summary
            let message = MIMEParser.parse(bytes)
            let row = reference[file.url.path] ?? [:]
            if let subject = row["subject"] as? String {
                compared += 1
                let ours = summary.subject.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                if ours != subject {
                    differences["\(file.key) subject"] =
                        "ours \(ours.debugDescription), python \(subject.debugDescription)"
                }
            }
            if let from = row["from"] as? String {
                compared += 1
                let ours = summary.from?.address.lowercased() ?? ""
                if ours != from {
                    differences["\(file.key) from"] = "ours \(ours.debugDescription), python \(from.debugDescription)"
                }
            }
            if let date = row["date"] as? Int {
                compared += 1
                let ours = message.date.map { Int($0.secondsSince1970) }
                if ours != date {
                    differences["\(file.key) date"] = "ours \(ours.map(String.init) ?? "none"), python \(date)"
                }
            }
        }
        return (compared, differences)
    }

    static func check(_ corpus: NotmuchDifferentialTests.Corpus) throws {
        let (compared, differences) = try differences(corpus)
        print("\(corpus.name): \(compared) fields compared with Python's email package, \(differences.count) differ")
        for (field, detail) in differences.sorted(by: { $0.key < $1.key }) where expected[field] == nil {
            Issue.record("\(field): \(detail)")
        }
        #expect(compared > 0)
    }

    @Test(.enabled(if: python != nil, "python3 is installed by scripts/setup"))
    func permissiveRealMail() throws {
        try Self.check(NotmuchDifferentialTests.permissiveCorpus())
    }

    @Test(
        .enabled(
            if: python != nil && NotmuchDifferentialTests.externalCorpus != nil,
            "MAILMIRROR_NOTMUCH_CORPUS names no notmuch corpus"))
    func notmuchsOwnCorpus() throws {
        try Self.check(NotmuchDifferentialTests.notmuchCorpus(NotmuchDifferentialTests.externalCorpus!))
    }
}
