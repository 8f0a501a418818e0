import Foundation
import MailCore
import Testing

@testable import MIME

/// stalwart-mail-parser's expectations: header vectors (address, date, content type, ids,
/// unstructured text) and the part trees of its .eml messages.
@Suite struct StalwartSuiteTests {
    /// A header vector is one field value possibly followed by more lines: cut it where a
    /// line break is not followed by whitespace, and drop the line breaks (unfolding).
    static func fieldValue(_ header: String) -> [UInt8] {
        let bytes = Array(header.utf8)
        var end = bytes.count
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                let next = index + 1 < bytes.count ? bytes[index + 1] : 0
                if next != 0x20 && next != 0x09 {
                    end = index
                    break
                }
            }
            index += 1
        }
        var value = Array(bytes[..<end])
        value.removeAll { $0 == 0x0A }
        if value.last == 0x0D { value.removeLast() }
        return value.map { $0 == 0x0D ? 0x20 : $0 }
    }

    static func vectors(_ name: String) -> [[String: Any]] {
        FixtureSupport.json("stalwart/\(name).json") as? [[String: Any]] ?? []
    }

    @Test func headerVectors() {
        var passed = 0
        var total = 0
        var failures = [String]()
        func check(_ suite: String, _ header: String, _ ok: Bool, _ detail: @autoclosure () -> String) {
            total += 1
            if ok { passed += 1 } else { failures.append("\(suite) \(header.debugDescription): \(detail())") }
        }
        for vector in Self.vectors("address") {
            let header = vector["header"] as? String ?? ""
            let got = AddressParser.parse(Self.fieldValue(header))
            var want = [EmailAddress]()
            func collect(_ list: Any?) {
                for item in list as? [[String: Any]] ?? [] {
                    let name = item["name"] as? String
                    let address = item["address"] as? String ?? ""
                    if address.isEmpty && name == nil { continue }
                    want.append(EmailAddress(name: name, address: address))
                }
            }
            if let expected = vector["expected"] as? [String: Any] {
                if let list = expected["List"] { collect(list) }
                for group in expected["Group"] as? [[String: Any]] ?? [] { collect(group["addresses"]) }
            }
            check("address", header, got == want, "got \(got), want \(want)")
        }
        for vector in Self.vectors("date") {
            let header = vector["header"] as? String ?? ""
            let got = DateParser.parse(Self.fieldValue(header))
            if let expected = vector["expected"] as? [String: Any] {
                let sign: Int32 = (expected["tz_before_gmt"] as? Bool ?? false) ? -1 : 1
                let offset =
                    sign * Int32((expected["tz_hour"] as? Int ?? 0) * 3600 + (expected["tz_minute"] as? Int ?? 0) * 60)
                let want = MIMEDate(
                    year: expected["year"] as? Int ?? 0, month: expected["month"] as? Int ?? 0,
                    day: expected["day"] as? Int ?? 0,
                    hour: expected["hour"] as? Int ?? 0, minute: expected["minute"] as? Int ?? 0,
                    second: expected["second"] as? Int ?? 0, utcOffsetSeconds: offset)
                check("date", header, got == want, "got \(String(describing: got)), want \(want)")
            } else {
                check("date", header, got == nil, "got \(String(describing: got)), want nil")
            }
        }
        for vector in Self.vectors("content_type") {
            let header = vector["header"] as? String ?? ""
            let got = ContentType.parse(Self.fieldValue(header))
            if let expected = vector["expected"] as? [String: Any] {
                let type = (expected["c_type"] as? String ?? "").lowercased()
                let subtype = (expected["c_subtype"] as? String ?? "").lowercased()
                var parameters = [MIMEParameter]()
                for pair in expected["attributes"] as? [[String]] ?? []
                where pair.count == 2 && !pair[0].hasSuffix("-language") {
                    parameters.append(MIMEParameter(name: pair[0], value: pair[1]))
                }
                let want = ContentType(type: type, subtype: subtype, parameters: parameters)
                let same =
                    got?.type == want.type && got?.subtype == want.subtype
                    && Set(got?.parameters ?? []) == Set(want.parameters)
                check("content_type", header, same, "got \(String(describing: got)), want \(want)")
            } else {
                check("content_type", header, got == nil, "got \(String(describing: got)), want nil")
            }
        }
        for vector in Self.vectors("id") {
            let header = vector["header"] as? String ?? ""
            let got = MessageIDParser.parse(Self.fieldValue(header))
            let want = vector["expected"] as? [String] ?? []
            check("id", header, got == want, "got \(got), want \(want)")
        }
        for vector in Self.vectors("unstructured") {
            let header = vector["header"] as? String ?? ""
            let got = EncodedWords.decode(Self.fieldValue(header))
            let want = EncodedWords.collapse(vector["expected"] as? String ?? "")
            check("unstructured", header, got == want, "got \(got.debugDescription), want \(want.debugDescription)")
        }
        let rate = FixtureSupport.report("stalwart-headers", passed: passed, total: total, failures: failures)
        #expect(total > 200)
        #expect(rate >= 0.95)
    }

    /// Flattens stalwart's part list the way it numbers parts: depth first, a message part is a
    /// leaf whose embedded message is compared separately.
    static func flatten(_ part: MIMEPart, into result: inout [MIMEPart]) {
        result.append(part)
        if part.kind == .multipart { for child in part.children { flatten(child, into: &result) } }
    }

    static func normalize(_ text: String) -> String {
        var value = text.replacingOccurrences(of: "\r\n", with: "\n")
        while value.hasSuffix("\n") || value.hasSuffix(" ") { value.removeLast() }
        return value
    }

    /// Compares one message (root part) with a stalwart message object; returns a reason or nil.
    static func compare(_ root: MIMEPart, _ expected: [String: Any], path: String) -> String? {
        let parts = expected["parts"] as? [[String: Any]] ?? []
        var mine = [MIMEPart]()
        flatten(root, into: &mine)
        if mine.count != parts.count { return "\(path): \(mine.count) parts, expected \(parts.count)" }
        for (index, (part, want)) in zip(mine, parts).enumerated() {
            guard let body = want["body"] as? [String: Any], let kind = body.keys.first else { continue }
            switch kind {
            case "Multipart":
                if part.kind != .multipart { return "\(path) part \(index): \(part.kind), expected multipart" }
            case "Message":
                guard part.kind == .message, let inner = part.children.first,
                    let nested = body["Message"] as? [String: Any]
                else {
                    return "\(path) part \(index): \(part.kind), expected message"
                }
                if let reason = compare(inner, nested, path: "\(path).\(index)") { return reason }
            case "Text", "Html":
                if part.kind != .leaf { return "\(path) part \(index): \(part.kind), expected leaf" }
                let want = normalize(body[kind] as? String ?? "")
                let got = normalize(part.text)
                if got != want {
                    return
                        "\(path) part \(index): text differs: \(got.prefix(80).debugDescription) vs \(want.prefix(80).debugDescription)"
                }
            default:
                if part.kind != .leaf { return "\(path) part \(index): \(part.kind), expected leaf" }
            }
        }
        return nil
    }

    @Test func messageTrees() {
        var passed = 0
        var total = 0
        var failures = [String]()
        for folder in ["malformed", "thirdparty", "rfc"] {
            for name in FixtureSupport.files("stalwart/eml/\(folder)", suffix: ".eml") {
                let base = String(name.dropLast(4))
                guard let expected = FixtureSupport.json("stalwart/eml/\(folder)/\(base).json") as? [String: Any] else {
                    continue
                }
                total += 1
                let message = MIMEParser.parse(FixtureSupport.bytes("stalwart/eml/\(folder)/\(name)"))
                if let reason = Self.compare(message.root, expected, path: "\(folder)/\(name)") {
                    failures.append(reason)
                } else {
                    passed += 1
                }
            }
        }
        let rate = FixtureSupport.report("stalwart-eml", passed: passed, total: total, failures: failures)
        #expect(total >= 50)
        // Most misses are Dovecot's own conventions for broken boundaries (see the report).
        #expect(rate >= 0.65)
    }
}
