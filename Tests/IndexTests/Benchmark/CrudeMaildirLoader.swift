import Foundation
import Index
import MailCore

/// A deliberately crude reader of the bench generator's Maildir, for index measurements only:
/// the real MIME parser lives in another module. It unfolds headers, decodes RFC 2047 UTF-8
/// words, takes the first text/plain part (quoted-printable or base64), lists named parts as
/// attachments, and cuts the reply text at the first quote header or `>` line.
enum CrudeMaildirLoader {
    static func load(directory: URL, account: String = "bench") throws -> (documents: [IndexDocument], rawBytes: Int) {
        let cur = directory.appendingPathComponent("cur")
        let names = try FileManager.default.contentsOfDirectory(atPath: cur.path).sorted()
        var documents: [IndexDocument] = []
        var raw = 0
        for (n, name) in names.enumerated() {
            let data = try Data(contentsOf: cur.appendingPathComponent(name))
            raw += data.count
            documents.append(parse(Array(data), name: name, uid: UInt32(n + 1), account: account))
        }
        return (documents, raw)
    }

    static func parse(_ bytes: [UInt8], name: String, uid: UInt32, account: String) -> IndexDocument {
        let (headers, body) = split(bytes[...])
        func header(_ key: String) -> String? { headers.first { $0.0 == key.lowercased() }?.1 }
        let contentType = header("content-type") ?? "text/plain"
        var text = ""
        var attachments: [AttachmentInfo] = []
        walk(
            contentType: contentType, encoding: header("content-transfer-encoding") ?? "", body: body,
            text: &text, attachments: &attachments)
        let date = Int64(name.prefix { $0.isNumber }) ?? 0
        let from = header("from").flatMap { addresses(decode2047($0)).first }
        let messageId = header("message-id").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " <>")) }
        let references = (header("references") ?? "").split(separator: " ").map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
        }
        let inReplyTo =
            header("in-reply-to").map { [$0.trimmingCharacters(in: CharacterSet(charactersIn: " <>"))] } ?? []
        let key = MessageKey(account: account, mailbox: "INBOX", uidValidity: UIDValidity(1), uid: UID(uid))
        let summary = MessageSummary(
            key: key, messageId: messageId, inReplyTo: inReplyTo, references: references, date: date,
            from: from, to: addresses(decode2047(header("to") ?? "")), cc: addresses(decode2047(header("cc") ?? "")),
            subject: decode2047(header("subject") ?? ""), isReply: !inReplyTo.isEmpty,
            direction: (from?.domain ?? "") == "helpcenter.example" ? .team : .customer,
            threadId: references.first ?? messageId ?? "", size: bytes.count, attachments: attachments,
            replyText: replyPart(text))
        return IndexDocument(summary: summary, bodyText: text)
    }

    static func split(_ bytes: ArraySlice<UInt8>) -> ([(String, String)], ArraySlice<UInt8>) {
        var i = bytes.startIndex
        var end = bytes.endIndex
        var bodyStart = bytes.endIndex
        while i + 1 < bytes.endIndex {
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0A {
                end = i
                bodyStart = i + 2
                break
            }
            if bytes[i] == 0x0A && bytes[i + 1] == 0x0D && i + 2 < bytes.endIndex && bytes[i + 2] == 0x0A {
                end = i
                bodyStart = i + 3
                break
            }
            i += 1
        }
        let text = String(decoding: bytes[bytes.startIndex..<end], as: UTF8.self)
        var headers: [(String, String)] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let l = line.hasSuffix("\r") ? line.dropLast() : line
            if let first = l.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + l.trimmingCharacters(in: .whitespaces)
            } else if let colon = l.firstIndex(of: ":") {
                headers.append(
                    (l[..<colon].lowercased(), l[l.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return (headers, bytes[bodyStart...])
    }

    static func parameter(_ header: String, _ name: String) -> String? {
        guard let range = header.range(of: name + "=", options: .caseInsensitive) else { return nil }
        var value = header[range.upperBound...]
        if value.hasPrefix("\"") {
            value = value.dropFirst()
            return String(value.prefix { $0 != "\"" })
        }
        return String(value.prefix { $0 != ";" && $0 != " " })
    }

    static func walk(
        contentType: String, encoding: String, body: ArraySlice<UInt8>, text: inout String,
        attachments: inout [AttachmentInfo]
    ) {
        let type = contentType.lowercased()
        if type.hasPrefix("multipart/"), let boundary = parameter(contentType, "boundary") {
            let marker = Array(("--" + boundary).utf8)
            var parts: [ArraySlice<UInt8>] = []
            var start: Int? = nil
            var i = body.startIndex
            while i + marker.count <= body.endIndex {
                if (i == body.startIndex || body[i - 1] == 0x0A) && body[i..<(i + marker.count)].elementsEqual(marker) {
                    if let s = start { parts.append(body[s..<max(s, i - 1)]) }
                    var j = i + marker.count
                    while j < body.endIndex && body[j] != 0x0A { j += 1 }
                    start = j + 1
                    i = j
                } else {
                    i += 1
                }
            }
            for part in parts where part.count > 0 {
                let (headers, partBody) = split(part)
                func header(_ key: String) -> String? { headers.first { $0.0 == key }?.1 }
                let partType = header("content-type") ?? "text/plain"
                let disposition = header("content-disposition") ?? ""
                if let filename = parameter(disposition, "filename") ?? parameter(partType, "name") {
                    attachments.append(
                        AttachmentInfo(
                            filename: decode2047(filename), contentType: String(partType.prefix { $0 != ";" }),
                            size: partBody.count))
                    continue
                }
                walk(
                    contentType: partType, encoding: header("content-transfer-encoding") ?? "", body: partBody,
                    text: &text, attachments: &attachments)
            }
            return
        }
        guard text.isEmpty, type.hasPrefix("text/plain") else { return }
        let e = encoding.lowercased()
        if e.contains("base64") {
            let clean = body.filter { $0 != 0x0A && $0 != 0x0D }
            text = Data(base64Encoded: Data(clean)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        } else if e.contains("quoted-printable") {
            text = String(decoding: quotedPrintable(body), as: UTF8.self)
        } else {
            text = String(decoding: body, as: UTF8.self)
        }
    }

    static func quotedPrintable(_ body: ArraySlice<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        var i = body.startIndex
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x37
            case 0x61...0x66: return b - 0x57
            default: return nil
            }
        }
        while i < body.endIndex {
            let b = body[i]
            if b == 0x3D, i + 1 < body.endIndex {
                if body[i + 1] == 0x0A {
                    i += 2
                    continue
                }
                if body[i + 1] == 0x0D, i + 2 < body.endIndex, body[i + 2] == 0x0A {
                    i += 3
                    continue
                }
                if i + 2 < body.endIndex, let h = hex(body[i + 1]), let l = hex(body[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
            }
            out.append(b)
            i += 1
        }
        return out
    }

    static func decode2047(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var out = ""
        var rest = Substring(value)
        while let start = rest.range(of: "=?") {
            out += rest[..<start.lowerBound]
            let after = rest[start.upperBound...]
            let pieces = after.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard pieces.count == 4, pieces[3].hasPrefix("=") else {
                out += "=?"
                rest = after
                continue
            }
            let encoded = pieces[2]
            if pieces[1].lowercased() == "b" {
                out += Data(base64Encoded: String(encoded)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            } else {
                out += String(
                    decoding: quotedPrintable(ArraySlice(Array(encoded.replacingOccurrences(of: "_", with: " ").utf8))),
                    as: UTF8.self)
            }
            rest = pieces[3].dropFirst()
            if let next = rest.range(of: "=?"), rest[..<next.lowerBound].allSatisfy(\.isWhitespace) {
                rest = rest[next.lowerBound...]
            }
        }
        return out + rest
    }

    static func addresses(_ value: String) -> [EmailAddress] {
        value.split(separator: ",").compactMap { item in
            let s = item.trimmingCharacters(in: .whitespaces)
            if let lt = s.firstIndex(of: "<"), let gt = s.lastIndex(of: ">"), lt < gt {
                let name = s[..<lt].trimmingCharacters(in: CharacterSet(charactersIn: " \""))
                return EmailAddress(name: name.isEmpty ? nil : name, address: String(s[s.index(after: lt)..<gt]))
            }
            return s.contains("@") ? EmailAddress(address: s) : nil
        }
    }

    static func replyPart(_ text: String) -> String {
        var kept: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix(">") || (t.hasPrefix("On ") && t.hasSuffix("wrote:"))
                || (t.hasPrefix("Le ") && t.contains("crit")) || t == "--"
            {
                break
            }
            kept.append(line)
        }
        return kept.joined(separator: "\n")
    }
}
