/// Help-center links found in a message, reduced to what identifies the page: host and path,
/// without scheme, query, fragment or language segments ("/fr/", "/en-us/"), so the French and
/// English versions of one article give the same key.
enum LinkKey {
    static func all(in text: String) -> [String] {
        var keys: [String] = []
        for chunk in text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "<" || $0 == ">" }) {
            guard let range = chunk.range(of: "://") else { continue }
            let scheme = chunk[..<range.lowerBound].lowercased()
            guard scheme.hasSuffix("http") || scheme.hasSuffix("https") else { continue }
            var rest = chunk[range.upperBound...]
            if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
            while let last = rest.last, ".,;:)]\"'".contains(last) { rest = rest.dropLast() }
            let parts = rest.lowercased().split(separator: "/")
            guard parts.count >= 2 else { continue }
            let path = parts.dropFirst().filter { !isLanguage($0) }
            guard !path.isEmpty else { continue }
            keys.append(([parts[0]] + path).joined(separator: "/"))
        }
        return keys
    }

    /// "fr", "en", "en-us", "fr_ca".
    static func isLanguage(_ segment: Substring) -> Bool {
        let letters = segment.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = letters.first, first.count == 2, first.allSatisfy({ $0.isLetter }) else { return false }
        return letters.count == 1 || (letters.count == 2 && letters[1].count == 2 && letters[1].allSatisfy { $0.isLetter })
    }
}
