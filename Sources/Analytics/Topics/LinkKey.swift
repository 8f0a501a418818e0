/// Help-center links found in a message, reduced to what identifies the page: host and path,
/// without scheme, query, fragment or language segments ("/fr/", "/en-us/"), and an article's
/// number without its slug ("/articles/360011204-delais-de-livraison" is article 360011204: Zendesk,
/// Intercom and Freshdesk keep the number and translate the slug), so the French and English
/// versions of one article give the same key.
enum LinkKey {
    static func all(in text: String) -> [String] {
        // Most messages hold no link at all: look for "://" before copying anything.
        guard
            text.utf8.withContiguousStorageIfAvailable({ buffer in
                buffer.indices.dropLast(2).contains {
                    buffer[$0] == 0x3A && buffer[$0 + 1] == 0x2F && buffer[$0 + 2] == 0x2F
                }
            }) ?? true
        else { return [] }
        var keys: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        // Scan bytes for "://" preceded by "http" or "https"; cheap on text without links.
        while i + 3 <= bytes.count {
            guard bytes[i] == UInt8(ascii: ":"), i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "/"),
                bytes[i + 2] == UInt8(ascii: "/")
            else {
                i += 1
                continue
            }
            var start = i
            while start > 0, isSchemeByte(bytes[start - 1]) { start -= 1 }
            let scheme = String(decoding: bytes[start..<i], as: UTF8.self).lowercased()
            var end = i + 3
            while end < bytes.count, !isDelimiter(bytes[end]) { end += 1 }
            defer { i = end }
            guard scheme == "http" || scheme == "https" else { continue }
            var rest = Array(bytes[(i + 3)..<end])
            if let cut = rest.firstIndex(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
                rest.removeSubrange(cut...)
            }
            while let last = rest.last, ".,;:)]\"'".utf8.contains(last) { rest.removeLast() }
            let parts = String(decoding: rest, as: UTF8.self).lowercased().split(separator: "/")
            guard parts.count >= 2 else { continue }
            let path = parts.dropFirst().filter { !isLanguage($0) }.map(withoutSlug)
            guard !path.isEmpty else { continue }
            keys.append(([parts[0]] + path).joined(separator: "/"))
        }
        return keys
    }

    private static func isSchemeByte(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    private static func isDelimiter(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || b == UInt8(ascii: "\"")
    }

    /// "360011204-delivery-times" → "360011204": a number of three digits or more, a dash, then a letter
    /// ("2024-05-prices" is a date, kept whole).
    static func withoutSlug(_ segment: Substring) -> Substring {
        guard let dash = segment.firstIndex(of: "-") else { return segment }
        let number = segment[..<dash]
        guard number.count >= 3, number.allSatisfy({ $0.isASCII && $0.isNumber }),
            segment[segment.index(after: dash)...].first?.isLetter == true
        else { return segment }
        return number
    }

    /// "fr", "en", "en-us", "fr_ca".
    static func isLanguage(_ segment: Substring) -> Bool {
        let letters = segment.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = letters.first, first.count == 2, first.allSatisfy({ $0.isLetter }) else { return false }
        return letters.count == 1
            || (letters.count == 2 && letters[1].count == 2 && letters[1].allSatisfy { $0.isLetter })
    }
}
