import Foundation
import MailCore
import Store
import TestSupport
import Testing

@testable import MailMirror

/// `report --anonymize` through the real binary, on mail nobody here wrote: the energy supplier's
/// help center of scripts/eval/gen_helpcenter.py (customers' names in greetings, sign-offs and
/// headers, street addresses, phone and contract numbers, agents' names, customer domains that
/// carry a surname). No name, street or customer domain the generator used may be in any file the
/// anonymized report writes (scripts/eval/anonymize_check.py is the same check through a real
/// server, on more threads).
struct AnonymizedReportTests {
    static let repository: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url
    }()
    static let generator = repository.appendingPathComponent("scripts/eval/gen_helpcenter.py")

    /// The generator's own lists: every first name, surname, agent and street it can write.
    static let listsScript = """
        import json, sys
        sys.path.insert(0, sys.argv[1])
        import gen_helpcenter as G
        names = G.FR_FIRST + G.FR_LAST + G.EN_FIRST + G.EN_LAST + [a[0] for a in G.AGENTS]
        streets = [s.split(",")[0].split(" ", 1)[1] for s in G.STREETS]
        print(json.dumps({"names": names, "streets": streets, "domains": G.FR_DOMAINS + G.EN_DOMAINS}))
        """

    @Test(.enabled(if: PythonEmailDifferentialTests.python != nil, "python3 is installed by scripts/setup"))
    func anAnonymizedReportShowsNoPerson() throws {
        let binary = try #require(KillResumeTests.binary(), "build mailmirror first (swift build)")
        let python = try #require(PythonEmailDifferentialTests.python)
        let work = ScratchFolder.root.appendingPathComponent("mm-anon-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: work) }
        let mail = work.appendingPathComponent("mail")
        let generated = try ProcessRun.run(
            python, [Self.generator.path, "--out", mail.path, "--threads", "80", "--seed", "3"])
        #expect(generated.status == 0, "\(generated.errors)")

        // The store as a sync would have left it, written directly: reindex then catalogues it.
        let root = work.appendingPathComponent("root")
        var configuration = Configuration()
        configuration.accounts = [
            AccountConfiguration(
                name: "check", email: "service-client@lumina-energie.example", host: "127.0.0.1", port: 9,
                security: .tls, password: .environment("MM_UNUSED"), team: ["@lumina-energie.example"])
        ]
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try configuration.save(to: MirrorPaths(root: root).configuration)
        let mailbox = try MailStore(root: root).mailbox(account: "check", name: "INBOX")
        var files: [URL] = []
        for sub in ["cur", "new"] {
            let folder = mail.appendingPathComponent(sub)
            files += ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted().map {
                folder.appendingPathComponent($0)
            }
        }
        #expect(files.count > 150)
        var texts: [String] = []
        for (k, file) in files.enumerated() {
            let bytes = [UInt8](try Data(contentsOf: file))
            texts.append(String(decoding: bytes, as: UTF8.self))
            try mailbox.commit(uidValidity: UIDValidity(1), uid: UID(UInt32(k + 1)), flags: ["\\Seen"], bytes: bytes)
        }
        let reindex = try ProcessRun.run(binary, ["--root", root.path, "reindex"])
        #expect(reindex.status == 0, "\(reindex.errors)")
        let report = work.appendingPathComponent("report")
        let run = try ProcessRun.run(
            binary, ["--root", root.path, "report", "--anonymize", "--out", report.path, "--format", "md,csv"])
        #expect(run.status == 0, "\(run.errors)")

        let lists = try ProcessRun.run(
            python, ["-c", Self.listsScript, Self.generator.deletingLastPathComponent().path])
        let parsed = try #require(
            try JSONSerialization.jsonObject(with: Data(lists.output.utf8)) as? [String: [String]])
        let mailText = texts.joined(separator: "\n")
        // Name words of three letters or more, as written and in capitals ("Céline", "DUPONT"), that the mail holds.
        var words = Set<String>()
        for name in parsed["names"] ?? [] {
            for word in name.split(whereSeparator: { $0 == " " || $0 == "-" }) where word.count >= 3 {
                words.insert(String(word))
                words.insert(word.uppercased())
            }
        }
        let used = words.filter { Self.containsWord(mailText, $0) }
        let streets = (parsed["streets"] ?? []).filter { mailText.contains($0) }
        #expect(used.count > 40 && !streets.isEmpty)

        let written = try FileManager.default.contentsOfDirectory(atPath: report.path).filter {
            $0.hasSuffix(".md") || $0.hasSuffix(".csv")
        }
        #expect(
            written.contains("report.md") && written.contains("by_team_member.csv")
                && written.contains("by_customer_domain.csv"))
        var leaks: [String] = []
        for name in written.sorted() where name != "topic_messages.csv" {
            let text = try String(contentsOf: report.appendingPathComponent(name), encoding: .utf8)
            leaks += used.sorted().filter { Self.containsWord(text, $0) }.map { "\(name): \($0)" }
            leaks += streets.filter { text.contains($0) }.map { "\(name): \($0)" }
            // Customer domains that carry a surname ("cabinet-lemaire.fr", "boulangerie-roux.fr").
            leaks += ["cabinet-lemaire", "boulangerie-roux"].filter { text.contains($0) }.map { "\(name): \($0)" }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(30))")
    }

    /// Whether `word` occurs in `text` with no letter, digit or hyphen on either side.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var search = text.startIndex..<text.endIndex
        while let found = text.range(of: word, range: search) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            let isWordCharacter: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "-" }
            if !isWordCharacter(before) && !isWordCharacter(after) { return true }
            search = found.upperBound..<text.endIndex
        }
        return false
    }
}
