/// A parsed Content-Type (or Content-Disposition: `type` is then "attachment"/"inline" and
/// `subtype` is empty).
public struct ContentType: Sendable, Hashable {
    /// Lower-cased, e.g. "text".
    public var type: String
    /// Lower-cased, e.g. "plain"; "" when missing.
    public var subtype: String
    public var parameters: [MIMEParameter]

    public init(type: String, subtype: String, parameters: [MIMEParameter] = []) {
        self.type = type
        self.subtype = subtype
        self.parameters = parameters
    }

    /// "type/subtype" ("text/plain").
    public var mimeType: String { subtype.isEmpty ? type : "\(type)/\(subtype)" }

    /// The value of parameter `name` (case-insensitive).
    public subscript(parameter name: String) -> String? {
        let key = name.lowercased()
        return parameters.first { $0.name == key }?.value
    }

    /// What a part without a Content-Type is (RFC 2045 §5.2).
    public static let defaultText = ContentType(type: "text", subtype: "plain", parameters: [])

    /// Parses a raw (unfolded) header value; nil when there is no usable type.
    public static func parse<Bytes: RandomAccessCollection>(_ raw: Bytes) -> ContentType?
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let bytes = HeaderSyntax.stripComments(raw)
        let end = bytes.count
        // type "/" subtype: whitespace allowed anywhere around the slash; the first segment runs
        // to ";" or to a second word that is not part of the type (missing ";" before a parameter).
        var index = 0
        var typeBytes = [UInt8]()
        var subtypeBytes = [UInt8]()
        var sawSlash = false
        while index < end, HeaderSyntax.isSpace(bytes[index]) { index += 1 }
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: ";") { break }
            if HeaderSyntax.isSpace(byte) {
                var probe = index
                while probe < end, HeaderSyntax.isSpace(bytes[probe]) { probe += 1 }
                let continues =
                    probe < end
                    && (bytes[probe] == UInt8(ascii: "/")
                        || (sawSlash && subtypeBytes.isEmpty && bytes[probe] != UInt8(ascii: ";")))
                index = probe
                if continues { continue }
                break
            }
            if byte == UInt8(ascii: "/") && !sawSlash {
                sawSlash = true
            } else if sawSlash {
                subtypeBytes.append(byte)
            } else {
                typeBytes.append(byte)
            }
            index += 1
        }
        guard !typeBytes.isEmpty else { return nil }
        let type = Charset.decodeUTF8OrFallback(typeBytes).lowercased()
        let subtype = Charset.decodeUTF8OrFallback(subtypeBytes).lowercased()
        let parameters = parseParameters(bytes, from: index)
        return ContentType(type: type, subtype: subtype, parameters: parameters)
    }

    struct RawParameter {
        var name: String
        var section: Int?
        var extended: Bool
        var value: [UInt8]
    }

    static func parseParameters(_ bytes: [UInt8], from start: Int) -> [MIMEParameter] {
        var raws = [RawParameter]()
        var index = start
        let end = bytes.count
        while index < end {
            while index < end, HeaderSyntax.isSpace(bytes[index]) || bytes[index] == UInt8(ascii: ";") { index += 1 }
            let nameStart = index
            while index < end {
                let byte = bytes[index]
                if byte == UInt8(ascii: "=") || byte == UInt8(ascii: ";") || byte == UInt8(ascii: "\"")
                    || HeaderSyntax.isSpace(byte)
                {
                    break
                }
                index += 1
            }
            let nameBytes = bytes[nameStart..<index]
            while index < end, HeaderSyntax.isSpace(bytes[index]) { index += 1 }
            guard index < end, bytes[index] == UInt8(ascii: "=") else {
                if index < end, bytes[index] == UInt8(ascii: "\"") {
                    _ = HeaderSyntax.readQuoted(bytes, at: &index)
                } else if index == nameStart {
                    index += 1
                }
                continue
            }
            index += 1
            while index < end, HeaderSyntax.isSpace(bytes[index]) { index += 1 }
            var value = [UInt8]()
            var quoted = false
            if index < end, bytes[index] == UInt8(ascii: "\"") {
                value = HeaderSyntax.readQuoted(bytes, at: &index)
                quoted = true
            } else {
                let valueStart = index
                while index < end, bytes[index] != UInt8(ascii: ";"), !HeaderSyntax.isSpace(bytes[index]) { index += 1 }
                value = Array(bytes[valueStart..<index])
                // An unquoted run of encoded words separated by spaces ("name==?..?= =?..?=.jpeg").
                if value.starts(with: [UInt8(ascii: "="), UInt8(ascii: "?")]) {
                    var probe = index
                    while true {
                        while probe < end, HeaderSyntax.isSpace(bytes[probe]) { probe += 1 }
                        guard probe + 1 < end, bytes[probe] == UInt8(ascii: "="), bytes[probe + 1] == UInt8(ascii: "?")
                        else { break }
                        let more = probe
                        while probe < end, bytes[probe] != UInt8(ascii: ";"), !HeaderSyntax.isSpace(bytes[probe]) {
                            probe += 1
                        }
                        value.append(0x20)
                        value.append(contentsOf: bytes[more..<probe])
                        index = probe
                    }
                }
            }
            if nameBytes.isEmpty || (value.isEmpty && !quoted) { continue }
            var name = Charset.decodeUTF8OrFallback(nameBytes).lowercased()
            var section: Int?
            var extended = false
            if name.hasSuffix("*") {
                extended = true
                name.removeLast()
            }
            if let star = name.firstIndex(of: "*") {
                let number = name[name.index(after: star)...]
                if let parsed = Int(number), parsed >= 0, parsed < 10_000 {
                    section = parsed
                    name = String(name[..<star])
                }
            }
            if name.isEmpty { continue }
            raws.append(RawParameter(name: name, section: section, extended: extended, value: value))
        }
        return combine(raws)
    }

    /// Joins RFC 2231 sections and decodes every value.
    static func combine(_ raws: [RawParameter]) -> [MIMEParameter] {
        var order = [String]()
        var groups = [String: [RawParameter]]()
        for raw in raws {
            if groups[raw.name] == nil { order.append(raw.name) }
            groups[raw.name, default: []].append(raw)
        }
        var result = [MIMEParameter]()
        for name in order {
            guard let group = groups[name] else { continue }
            // A plain "name=value" wins over sections only when there are no sections.
            let sectioned = group.filter { $0.section != nil }.sorted { ($0.section ?? 0) < ($1.section ?? 0) }
            let parts = sectioned.isEmpty ? [group[0]] : sectioned
            var charset: String?
            var bytes = [UInt8]()
            var anyExtended = false
            for (position, part) in parts.enumerated() {
                if part.extended {
                    anyExtended = true
                    var value = part.value[...]
                    if position == 0 || charset == nil {
                        // charset'language'text
                        let quotes = value.indices.filter { value[$0] == UInt8(ascii: "'") }
                        if quotes.count >= 2 {
                            let charsetBytes = value[value.startIndex..<quotes[0]]
                            if !charsetBytes.isEmpty { charset = String(decoding: charsetBytes, as: UTF8.self) }
                            value = value[(quotes[1] + 1)...]
                        }
                    }
                    bytes.append(contentsOf: percentDecode(value))
                } else {
                    bytes.append(contentsOf: part.value)
                }
            }
            var text: String
            if anyExtended {
                text = Charset.decode(bytes, charset: charset ?? "utf-8")
            } else if name != "boundary", EncodedWords.containsEncodedWordStart(bytes) {
                text = EncodedWords.decode(bytes, collapseWhitespace: false)
                text = EncodedWords.collapse(text)
            } else {
                text = Charset.decodeUTF8OrFallback(bytes)
            }
            result.append(MIMEParameter(name: name, value: text))
        }
        return result
    }

    static func percentDecode(_ value: ArraySlice<UInt8>) -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(value.count)
        var index = value.startIndex
        while index < value.endIndex {
            let byte = value[index]
            if byte == UInt8(ascii: "%"), index + 2 < value.endIndex,
                let high = TransferDecoding.hexValue(value[index + 1]),
                let low = TransferDecoding.hexValue(value[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
