import Foundation
import MailCore
import TestSupport
import Testing

/// The real output of `../shared/bench/gen_corpus.py`, read crudely into `MessageSummary` values
/// (no MIME module here): top headers, the text/plain part (quoted-printable or base64), RFC 2047
/// subjects, and as reply text the author's text before its quote header ("On … wrote:",
/// "Le … a écrit :"). Signatures and disclaimers stay in: a harder input than a real extractor gives.
struct GeneratedCorpus {
    var messages: [MessageSummary] = []
    /// Planted topic of each customer message (by catalog id), read back from its subject.
    var topicOf: [String: Int] = [:]
    var manifestCount = 0
    var manifestThreads = 0
    var manifestSupport = 0

    /// The shared bench generator, found relative to the package: `shared/` sits beside the clone
    /// (CI, /work/main) or two levels up (a worktree under /work/wt/), as scripts/bench looks for it.
    /// A fresh clone has no `shared/`: the tests that need it are skipped with `skipReason`.
    static let generator: String = {
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let places = [
            package.appendingPathComponent("../shared/bench/gen_corpus.py"),
            package.appendingPathComponent("../../shared/bench/gen_corpus.py"),
        ].map { $0.standardizedFileURL.path }
        return places.first { FileManager.default.fileExists(atPath: $0) } ?? places[0]
    }()
    static var available: Bool {
        FileManager.default.fileExists(atPath: generator) && FileManager.default.fileExists(atPath: "/usr/bin/python3")
    }
    static let skipReason: Comment =
        "needs shared/bench/gen_corpus.py beside the clone (not part of the repository) and python3"

    /// Runs the generator into a temporary folder and reads what it wrote.
    init(count: Int, seed: Int) throws {
        let folder = ScratchFolder.root.appendingPathComponent(
            "analytics-gen-\(count)-\(seed)-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            Self.generator, "--count", String(count), "--seed", String(seed), "--out",
            folder.appendingPathComponent("mail").path,
        ]
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let manifest =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("mail.manifest.json"))) as! [String: Any]
        let stats = manifest["stats"] as! [String: Any]
        manifestCount = stats["count"] as! Int
        manifestThreads = stats["threads"] as! Int
        manifestSupport = (stats["client"] as! [String: Int])["support"] ?? 0
        let cur = folder.appendingPathComponent("mail/cur")
        let names = try FileManager.default.contentsOfDirectory(atPath: cur.path).sorted()
        let team = TeamMatcher(members: ["@helpcenter.example"])
        for (n, name) in names.enumerated() {
            let raw = String(decoding: try Data(contentsOf: cur.appendingPathComponent(name)), as: UTF8.self)
            guard let message = Self.parse(raw, uid: UInt32(n + 1), team: team) else { continue }
            messages.append(message)
            if message.direction == .customer, let topic = PlantedCorpus.slugTopic(message.subject),
                let index = PlantedTopicTables.topics.firstIndex(where: { $0.key == topic })
            {
                topicOf[message.id] = index
            }
        }
    }

    static func parse(_ raw: String, uid: UInt32, team: TeamMatcher) -> MessageSummary? {
        guard let split = raw.range(of: "\n\n") else { return nil }
        let headers = unfold(String(raw[..<split.lowerBound]))
        let body = String(raw[split.upperBound...])
        func header(_ name: String) -> String? { headers.first { $0.0 == name.lowercased() }?.1 }
        let address: (String?) -> EmailAddress? = { value in
            guard let value else { return nil }
            if let open = value.lastIndex(of: "<"), let close = value.lastIndex(of: ">"), open < close {
                return EmailAddress(address: String(value[value.index(after: open)..<close]))
            }
            return EmailAddress(address: value.trimmingCharacters(in: .whitespaces))
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        guard let dateText = header("Date"), let date = formatter.date(from: dateText) else { return nil }
        let ids: (String?) -> [String] = { value in
            (value ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
            }
        }
        let messageId = ids(header("Message-ID")).first
        let references = ids(header("References"))
        let inReplyTo = ids(header("In-Reply-To"))
        let from = address(header("From"))
        var text = plainText(headers: headers, body: body)
        // The author's text stops at the quote header of the message it answers.
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = line.trimmingCharacters(in: .whitespaces)
            if (l.hasPrefix("On ") && l.hasSuffix("wrote:")) || (l.hasPrefix("Le ") && l.hasSuffix("a écrit :")) {
                break
            }
            kept.append(line)
        }
        text = kept.joined(separator: "\n")
        let key = MessageKey(account: "bench", mailbox: "cur", uidValidity: UIDValidity(1), uid: UID(uid))
        return MessageSummary(
            key: key, messageId: messageId, inReplyTo: inReplyTo, references: references,
            date: Int64(date.timeIntervalSince1970),
            from: from, subject: decodeWords(header("Subject") ?? ""),
            isReply: !inReplyTo.isEmpty || !references.isEmpty,
            direction: team.direction(of: from), threadId: references.first ?? messageId ?? "", size: raw.utf8.count,
            replyText: text)
    }

    static func unfold(_ block: String) -> [(String, String)] {
        var result: [(String, String)] = []
        for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = line.first, first == " " || first == "\t", !result.isEmpty {
                result[result.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                result.append(
                    (
                        line[..<colon].lowercased(),
                        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                    ))
            }
        }
        return result
    }

    /// The first text/plain part, decoded.
    static func plainText(headers: [(String, String)], body: String) -> String {
        let type = headers.first { $0.0 == "content-type" }?.1.lowercased() ?? "text/plain"
        if type.hasPrefix("text/plain") {
            return decode(body, transfer: headers.first { $0.0 == "content-transfer-encoding" }?.1 ?? "8bit")
        }
        guard let start = body.range(of: "Content-Type: text/plain") else { return "" }
        let part = body[start.lowerBound...]
        guard let split = part.range(of: "\n\n") else { return "" }
        let partHeaders = unfold(String(part[..<split.lowerBound]))
        var content = part[split.upperBound...]
        if let end = content.range(of: "\n--") { content = content[..<end.lowerBound] }
        return decode(String(content), transfer: partHeaders.first { $0.0 == "content-transfer-encoding" }?.1 ?? "8bit")
    }

    static func decode(_ content: String, transfer: String) -> String {
        switch transfer.lowercased() {
        case "base64":
            let compact = content.filter { !$0.isWhitespace }
            return Data(base64Encoded: compact).map { String(decoding: $0, as: UTF8.self) } ?? ""
        case "quoted-printable":
            return String(decoding: quotedPrintableBytes(content), as: UTF8.self)
        default:
            return content
        }
    }

    static func quotedPrintableBytes(_ content: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let source = Array(content.utf8)
        var i = 0
        while i < source.count {
            if source[i] == UInt8(ascii: "="), i + 1 < source.count, source[i + 1] == 0x0A {
                i += 2
            } else if source[i] == UInt8(ascii: "="), i + 2 < source.count,
                let value = UInt8(String(decoding: source[(i + 1)...(i + 2)], as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                i += 3
            } else {
                bytes.append(source[i])
                i += 1
            }
        }
        return bytes
    }

    /// RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`); adjacent words are joined as
    /// bytes first, since an encoder may cut a character between two words.
    static func decodeWords(_ text: String) -> String {
        var out = ""
        var pending: [UInt8] = []
        var rest = Substring(text)
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            // charset ? encoding ? payload ?=  (the payload may itself start with "=").
            let header = rest[start.upperBound...].split(separator: "?", maxSplits: 2, omittingEmptySubsequences: false)
            guard header.count == 3, let end = header[2].range(of: "?=") else { break }
            let parts = [header[0], header[1], header[2][..<end.lowerBound]]
            if !(before.allSatisfy(\.isWhitespace) && !pending.isEmpty) {
                out += String(decoding: pending, as: UTF8.self) + before
                pending = []
            }
            let payload = String(parts[2])
            if parts[1].lowercased() == "b" {
                pending += Data(base64Encoded: payload).map { [UInt8]($0) } ?? []
            } else {
                pending += quotedPrintableBytes(payload.replacingOccurrences(of: "_", with: " "))
            }
            rest = rest[end.upperBound...]
        }
        return out + String(decoding: pending, as: UTF8.self) + rest
    }
}
