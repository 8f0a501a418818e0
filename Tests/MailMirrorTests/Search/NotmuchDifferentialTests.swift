import Foundation
import Index
import MIME
import MailCore
import TestSupport
import Testing

@testable import MailMirror

/// Search compared with notmuch, message by message, on real mail nobody here wrote: the same
/// files are indexed by mailmirror (the summarizer and index the mirror uses) and by `notmuch new`
/// in a temporary Maildir, and every query's hits are compared. Each difference must be listed,
/// with its reason, in `Fixtures/realmail/notmuch-differences-<corpus>.tsv`: the test fails when a
/// difference appears that the table does not explain, or when an explained one disappears (so
/// the README's table of reasons stays true). `MAILMIRROR_WRITE_DIFFERENCES=1` rewrites the tables
/// (new lines get the reason `UNEXPLAINED`, which fails the test until a person writes one).
@Suite(.serialized) struct NotmuchDifferentialTests {
    static let notmuch = ["/usr/bin/notmuch", "/usr/local/bin/notmuch"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = tests.appendingPathComponent("Fixtures/realmail")

    /// One set of messages: a name and the files, each with the key its differences are listed by.
    struct Corpus {
        var name: String
        var files: [(key: String, url: URL)]
    }

    /// The MIT/Apache real and test messages kept in the package.
    static func permissiveCorpus() -> Corpus {
        let mime = tests.deletingLastPathComponent().appendingPathComponent("MIMETests/Fixtures")
        let folders: [(URL, String)] = [
            (fixtures.appendingPathComponent("rlug"), "eml"),
            (mime.appendingPathComponent("enmime/mail"), "raw"),
            (mime.appendingPathComponent("enmime/low-quality"), "raw"),
            (mime.appendingPathComponent("stalwart/eml/thirdparty"), "eml"),
            (mime.appendingPathComponent("stalwart/eml/rfc"), "eml"),
            (mime.appendingPathComponent("stalwart/eml/malformed"), "eml"),
            (mime.appendingPathComponent("talon/standard_replies"), "eml"),
            (mime.appendingPathComponent("mime4j/testmsgs"), "msg"),
        ]
        var files: [(String, URL)] = []
        for (folder, ext) in folders {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names.sorted() where name.hasSuffix("." + ext) {
                files.append(("\(folder.lastPathComponent)/\(name)", folder.appendingPathComponent(name)))
            }
        }
        return Corpus(name: "permissive", files: files)
    }

    /// notmuch's own GPL-3 corpus (real LKML and notmuch-list threads), read in place.
    static func notmuchCorpus(_ root: String) -> Corpus {
        var files: [(String, URL)] = []
        let base = URL(fileURLWithPath: root)
        for folder in ["lkml", "default"] {
            let top = base.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: top, includingPropertiesForKeys: [.isRegularFileKey])
            else { continue }
            var found: [URL] = []
            for case let url as URL in walker
            where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                found.append(url)
            }
            for url in found.sorted(by: { $0.path < $1.path }) {
                let relative = String(url.path.dropFirst(base.path.count + 1))
                files.append((relative, url))
            }
        }
        return Corpus(name: "notmuch", files: files)
    }

    static let externalCorpus = ProcessInfo.processInfo.environment["MAILMIRROR_NOTMUCH_CORPUS"].flatMap {
        FileManager.default.fileExists(atPath: $0 + "/lkml") ? $0 : nil
    }

    /// Queries as mailmirror takes them and as notmuch does (`-x` is `not x`, `has:attachment` is
    /// `tag:attachment`, `filename:` is `attachment:`, dates are `date:` ranges, notmuch's `to:`
    /// covers Cc).
    static let fixedQueries: [(ours: String, notmuch: String)] = [
        // words, phrases, OR, NOT, parentheses
        ("kernel", "kernel"), ("patch", "patch"), ("message", "message"), ("test", "test"), ("hello", "hello"),
        ("linux", "linux"), ("windows", "windows"), ("attachment", "attachment"), ("html", "html"),
        ("\"page fault\"", "\"page fault\""), ("\"test message\"", "\"test message\""),
        ("\"mailing list\"", "\"mailing list\""), ("\"unnecessary semicolon\"", "\"unnecessary semicolon\""),
        ("\"subject line\"", "\"subject line\""), ("cache flush", "cache flush"), ("fscache", "fscache"),
        ("fscache -cifs", "fscache and not cifs"), ("Driver", "Driver"), ("Cache", "Cache"),
        ("cifs OR fscache", "cifs OR fscache"), ("hello OR linux", "hello OR linux"),
        ("patch -powerpc", "patch and not powerpc"), ("message -test", "message and not test"),
        ("(cifs OR nfs) cache", "(cifs OR nfs) cache"), ("(hello OR test) message", "(hello OR test) message"),
        // subject and body
        ("subject:PATCH", "subject:PATCH"), ("subject:rfc", "subject:rfc"), ("subject:test", "subject:test"),
        ("subject:\"test message\"", "subject:\"test message\""), ("body:fscache", "body:fscache"),
        ("body:hello", "body:hello"), ("body:\"signed-off-by\"", "body:\"signed-off-by\""),
        // dates (UTC on both sides)
        ("after:2009-01-01", "date:2009-01-01.."), ("before:2005-01-01", "date:..2004-12-31"),
        ("after:2003-01-01 before:2004-01-01", "date:2003-01-01..2003-12-31"),
        ("after:2010-06-01 before:2010-07-01", "date:2010-06-01..2010-06-30"),
        // attachments
        ("has:attachment", "tag:attachment"), ("filename:pdf", "attachment:pdf"), ("filename:txt", "attachment:txt"),
        ("filename:patch", "attachment:patch"),
        ("has:attachment -filename:pdf", "tag:attachment and not attachment:pdf"),
    ]

    /// For every sender and recipient address (the most frequent first, up to `limit` each):
    /// the whole address, its local part, its domain with and without `@`.
    static func addressQueries(_ summaries: [MessageSummary], limit: Int) -> [(ours: String, notmuch: String)] {
        func ranked(_ addresses: [String]) -> [String] {
            var counts: [String: Int] = [:]
            for a in addresses { counts[a.lowercased(), default: 0] += 1 }
            let typable = counts.keys.filter { address in
                address.filter { $0 == "@" }.count == 1 && !address.hasPrefix("@") && !address.hasSuffix("@")
                    && address.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "@.-_+".contains($0)) }
            }
            return Array(typable.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }.prefix(limit))
        }
        var queries: [(String, String)] = []
        var seen: Set<String> = []
        func add(_ ours: String, _ notmuch: String) {
            if seen.insert(ours).inserted { queries.append((ours, notmuch)) }
        }
        for address in ranked(summaries.compactMap { $0.from?.address }) {
            let parts = address.split(separator: "@")
            add("from:\(address)", "from:\(address)")
            add("from:\(parts[0])", "from:\(parts[0])")
            add("from:\(parts[1])", "from:\(parts[1])")
            add("from:@\(parts[1])", "from:@\(parts[1])")
        }
        for address in ranked(summaries.flatMap { ($0.to + $0.cc).map(\.address) }) {
            let parts = address.split(separator: "@")
            add("(to:\(address) OR cc:\(address))", "to:\(address)")
            add("(to:\(parts[0]) OR cc:\(parts[0]))", "to:\(parts[0])")
            add("(to:\(parts[1]) OR cc:\(parts[1]))", "to:\(parts[1])")
        }
        return queries
    }

    struct Difference: Hashable, Comparable {
        var query: String
        var file: String
        /// Which side finds the message: `mailmirror` or `notmuch`.
        var side: String
        static func < (a: Difference, b: Difference) -> Bool { (a.query, a.file, a.side) < (b.query, b.file, b.side) }
        var line: String { "\(query)\t\(file)\t\(side)" }
    }

    /// Runs every query on both sides; returns the differences and what was compared.
    static func compare(_ corpus: Corpus, notmuch: String) throws -> (differences: [Difference], report: [String]) {
        let temp = ScratchFolder.root.appendingPathComponent(
            "mm-notmuch-\(corpus.name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: temp) }
        let maildir = temp.appendingPathComponent("mail")
        for sub in ["cur", "new", "tmp"] {
            try FileManager.default.createDirectory(
                at: maildir.appendingPathComponent(sub), withIntermediateDirectories: true)
        }
        // mailmirror's side, and the Maildir for notmuch (one message per file; two files with one
        // Message-ID would be one message to notmuch, so only the first is kept).
        let indexDirectory = temp.appendingPathComponent("index")
        let writer = try IndexWriter(directory: indexDirectory)
        var keyOfUID: [UInt32: String] = [:]
        var keyOfFile: [String: String] = [:]
        var summaries: [MessageSummary] = []
        var ids: Set<String> = []
        for (n, file) in corpus.files.enumerated() {
            let bytes = Array(try Data(contentsOf: file.url))
            let uid = UInt32(n + 1)
            let key = MessageKey(account: "a", mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid))
            var summarized = MessageSummarizer.summarize(
                bytes: bytes, metadata: FetchedMetadata(key: key, size: bytes.count), team: TeamMatcher(members: []))
            if let id = summarized.summary.messageId, !ids.insert(id.lowercased()).inserted { continue }
            summarized.summary.threadId = "t\(uid)"
            writer.add(
                IndexDocument(summary: summarized.summary, bodyText: IndexRefresher.indexable(summarized.bodyText)))
            summaries.append(summarized.summary)
            let name = "m\(uid):2,"
            try Data(bytes).write(to: maildir.appendingPathComponent("cur/" + name))
            keyOfUID[uid] = file.key
            keyOfFile[name] = file.key
        }
        try writer.commit()
        writer.close()
        let index = try SearchIndex.open(directory: indexDirectory)

        let config = temp.appendingPathComponent("notmuch-config")
        try Data(
            """
            [database]
            path=\(maildir.path)
            [user]
            name=Test
            primary_email=test@example.invalid
            [new]
            tags=inbox;
            ignore=
            [search]
            exclude_tags=
            [maildir]
            synchronize_flags=false

            """.utf8
        ).write(to: config)
        let environment: [String: String?] = ["NOTMUCH_CONFIG": config.path, "TZ": "UTC"]
        let indexed = try ProcessRun.run(notmuch, ["new", "--quiet"], environment: environment)
        #expect(indexed.status == 0, "notmuch new: \(indexed.errors)")
        func notmuchHits(_ query: String) throws -> Set<String> {
            let run = try ProcessRun.run(notmuch, ["search", "--output=files", query], environment: environment)
            #expect(run.status == 0, "notmuch search \(query): \(run.errors)")
            return Set(
                run.output.split(separator: "\n").compactMap { keyOfFile[String($0.split(separator: "/").last ?? "")] })
        }
        // Only messages both sides hold are compared (notmuch skips files it cannot read as mail).
        let notmuchAll = try notmuchHits("*")
        let options = SearchOptions(limit: 0, sort: .date)
        let oursAll = Set(try index.search("", options: options).compactMap { keyOfUID[$0.key.uid.rawValue] })
        let common = notmuchAll.intersection(oursAll)
        var report = [
            "\(corpus.name): \(corpus.files.count) files, \(summaries.count) distinct messages, mailmirror \(oursAll.count), notmuch \(notmuchAll.count)"
        ]
        for key in oursAll.subtracting(notmuchAll).sorted() { report.append("  not indexed by notmuch: \(key)") }

        var differences: [Difference] = []
        for (ours, theirs) in fixedQueries + addressQueries(summaries, limit: 40) {
            let a = Set(try index.search(ours, options: options).compactMap { keyOfUID[$0.key.uid.rawValue] })
                .intersection(common)
            let b = try notmuchHits(theirs).intersection(common)
            report.append(
                "\(ours)\t\(theirs)\tmailmirror \(a.count)\tnotmuch \(b.count)\tboth \(a.intersection(b).count)")
            for key in a.subtracting(b) { differences.append(Difference(query: ours, file: key, side: "mailmirror")) }
            for key in b.subtracting(a) { differences.append(Difference(query: ours, file: key, side: "notmuch")) }
        }
        return (differences.sorted(), report)
    }

    /// `query → file → side → reason` from a differences table.
    static func expected(_ corpus: String) -> [Difference: String] {
        let url = fixtures.appendingPathComponent("notmuch-differences-\(corpus).tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [:] }
        var table: [Difference: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else { continue }
            table[Difference(query: fields[0], file: fields[1], side: fields[2])] = fields[3]
        }
        return table
    }

    static func check(_ corpus: Corpus) throws {
        let notmuch = try #require(notmuch, "notmuch is installed by scripts/setup")
        let (differences, report) = try compare(corpus, notmuch: notmuch)
        print(report.joined(separator: "\n"))
        let table = expected(corpus.name)
        if ProcessInfo.processInfo.environment["MAILMIRROR_WRITE_DIFFERENCES"] == "1" {
            var text = "# query\tfile\tside that finds it\treason (see README, \"Search compared with notmuch\")\n"
            for d in differences { text += d.line + "\t" + (table[d] ?? "UNEXPLAINED") + "\n" }
            try Data(text.utf8).write(
                to: fixtures.appendingPathComponent("notmuch-differences-\(corpus.name).tsv"))
        }
        // Every reason is one the README's table explains.
        let readme =
            (try? String(
                contentsOf: tests.deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        for reason in Set(table.values) where reason != "UNEXPLAINED" {
            #expect(readme.contains("| `\(reason)` |"), "README's table of differences has no row for \(reason)")
        }
        let actual = Set(differences)
        let unexplained = differences.filter { table[$0] == nil || table[$0] == "UNEXPLAINED" }
        let gone = table.keys.filter { !actual.contains($0) }.sorted()
        #expect(
            unexplained.isEmpty,
            "differences with notmuch that the table does not explain:\n\(unexplained.map(\.line).joined(separator: "\n"))"
        )
        #expect(
            gone.isEmpty,
            "explained differences that no longer happen (update the table and README):\n\(gone.map(\.line).joined(separator: "\n"))"
        )
    }

    @Test(.enabled(if: notmuch != nil, "notmuch is not installed (scripts/setup installs it)"))
    func permissiveRealMail() throws {
        try Self.check(Self.permissiveCorpus())
    }

    @Test(.enabled(if: notmuch != nil && externalCorpus != nil, "MAILMIRROR_NOTMUCH_CORPUS names no notmuch corpus"))
    func notmuchsOwnCorpus() throws {
        try Self.check(Self.notmuchCorpus(Self.externalCorpus!))
    }
}
