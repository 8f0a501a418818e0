import Foundation
import MailCore
import Testing

@testable import Store

@Suite struct MaildirExporterTests {
    @Test func writesAPlainMaildirWithStandardNames() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url.appendingPathComponent("store"))
        let all = try store.mailbox(account: "support", name: "[Gmail]/Tous les messages")
        try all.commit(uidValidity: uv1, uid: UID(1), flags: ["\\Seen", "\\Answered"], bytes: sampleMessage(1))
        try all.commit(uidValidity: uv1, uid: UID(2), flags: [], bytes: sampleMessage(2))
        try all.commit(uidValidity: uv2, uid: UID(1), flags: ["\\Flagged"], bytes: sampleMessage(3))
        try all.markExpunged(uidValidity: uv1, uids: [UID(2)])
        let hidden = try store.mailbox(account: "support", name: "../..")
        try hidden.commit(uidValidity: uv1, uid: UID(9), flags: [], bytes: sampleMessage(9))

        let out = directory.url.appendingPathComponent("export")
        let summary = try MaildirExporter(store: store).export(account: "support", to: out)
        #expect(summary.written == 4 && summary.skipped == 0)
        #expect(summary.folders == ["[Gmail]/Tous les messages": "[Gmail].Tous les messages", "../..": "_...."])
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == [
                "[Gmail].Tous les messages", "_....",
            ])

        let folder = out.appendingPathComponent("[Gmail].Tous les messages")
        for sub in ["cur", "new", "tmp"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(sub).path))
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("cur").path)
            .sorted {
                $0.split(separator: ".")[1] < $1.split(separator: ".")[1]
            }
        #expect(names.count == 3)
        var seen: [String: String] = [:]
        for name in names {
            // <time>.<uid>_<uidvalidity>.mailmirror:2,<flags>
            let halves = name.components(separatedBy: ":2,")
            #expect(halves.count == 2)
            let parts = halves[0].split(separator: ".")
            #expect(parts.count == 3 && Int(parts[0]) != nil && parts[2] == "mailmirror")
            let ids = parts[1].split(separator: "_")
            #expect(halves[1].allSatisfy { $0.isUppercase })
            seen[String(parts[1])] = halves[1]
            let content = try [UInt8](
                Data(contentsOf: folder.appendingPathComponent("cur").appendingPathComponent(name)))
            let expected = ids[1] == "\(uv2.rawValue)" ? sampleMessage(3) : sampleMessage(Int(ids[0])!)
            #expect(content == expected)
            #expect(try fileMode(folder.appendingPathComponent("cur").appendingPathComponent(name).path) == 0o600)
        }
        // Expunged messages are exported as history, without our private letter.
        #expect(seen == ["1_\(uv1.rawValue)": "RS", "2_\(uv1.rawValue)": "", "1_\(uv2.rawValue)": "F"])

        let again = try MaildirExporter(store: store).export(account: "support", to: out)
        #expect(again.written == 0 && again.skipped == 4)
    }

    @Test(arguments: [("INBOX", "INBOX"), ("a/b/c", "a.b.c"), (".x", "_x"), ("a\u{0}\u{1B}b", "a__b"), ("..", "_.")])
    func folderNamesAreReadableAndSafe(name: String, expected: String) {
        #expect(MaildirExporter.folderName(for: name) == expected)
    }

    /// notmuch is installed by scripts/setup, so the test command always runs this; a plain
    /// `swift test` elsewhere skips it with the reason printed.
    @Test(
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/notmuch"),
            "notmuch is not installed (scripts/setup installs it)"))
    func notmuchCanIndexTheExport() throws {
        let directory = try TemporaryDirectory()
        let store = try MailStore(root: directory.url.appendingPathComponent("store"))
        let inbox = try store.mailbox(account: "support", name: "INBOX")
        for uid in 1...3 {
            try inbox.commit(uidValidity: uv1, uid: UID(UInt32(uid)), flags: [], bytes: sampleMessage(uid))
        }
        let out = directory.url.appendingPathComponent("export")
        _ = try MaildirExporter(store: store).export(account: "support", to: out)
        let config = directory.url.appendingPathComponent("notmuch-config")
        try "[database]\npath=\(out.path)\n[new]\ntags=new\n".write(to: config, atomically: true, encoding: .utf8)
        _ = try run("/usr/bin/env", ["NOTMUCH_CONFIG=\(config.path)", "/usr/bin/notmuch", "new", "--quiet"])
        let count = try run("/usr/bin/env", ["NOTMUCH_CONFIG=\(config.path)", "/usr/bin/notmuch", "count", "*"])
        #expect(String(decoding: count.output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) == "3")
    }
}
