import TextAnalysis

/// Cuts a one-line snippet around the densest cluster of query terms and marks them.
enum Snippet {
    /// `text` is the stored text of a message; `terms` the folded, stemmed query terms.
    static func make(_ text: String, terms: Set<String>, analyzer: Analyzer, length: Int)
        -> (String, [SearchHit.Highlight])
    {
        let bytes = Array(text.utf8)
        let windowBytes = max(40, length) * 11 / 10
        var matches: [Token] = []
        if !terms.isEmpty {
            // Read on until a window's worth past the first hit: later hits cannot join its window,
            // and most hits come early, so long texts are rarely read to the end.
            analyzer.forEachToken(in: text) { token in
                if let first = matches.first, token.utf8Range.lowerBound > first.utf8Range.lowerBound + windowBytes {
                    return false
                }
                if terms.contains(token.term.text) { matches.append(token) }
                return true
            }
        }
        // Merge overlapping token ranges (an address and its parts).
        var ranges: [Range<Int>] = []
        for token in matches.sorted(by: { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }) {
            if let last = ranges.last, token.utf8Range.lowerBound < last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, token.utf8Range.upperBound)
            } else {
                ranges.append(token.utf8Range)
            }
        }
        var start = 0
        if !ranges.isEmpty {
            var best = 0
            var bestCount = -1
            for (i, r) in ranges.enumerated() {
                let count = ranges[i...].prefix { $0.upperBound <= r.lowerBound + windowBytes * 2 / 3 }.count
                if count > bestCount {
                    best = i
                    bestCount = count
                }
            }
            start = max(0, ranges[best].lowerBound - windowBytes / 3)
        }
        // Start and end on word boundaries.
        if start > 0 {
            var k = start
            while k < bytes.count && k < ranges.first(where: { $0.lowerBound >= start })?.lowerBound ?? bytes.count
                && !isSpace(bytes[k])
            { k += 1 }
            start = k
        }
        var end = min(bytes.count, start + windowBytes)
        if end < bytes.count {
            var k = end
            while k > start && !isSpace(bytes[k - 1]) { k -= 1 }
            if k > start { end = k }
            if let cut = ranges.first(where: { $0.lowerBound < end && $0.upperBound > end }) { end = cut.upperBound }
        }
        while end < bytes.count && end > 0 && bytes[end] & 0xC0 == 0x80 { end += 1 }
        while start > 0 && start < bytes.count && bytes[start] & 0xC0 == 0x80 { start -= 1 }

        // Collapse whitespace on bytes; remember where highlights land in the output bytes.
        var out: [UInt8] = []
        out.reserveCapacity(end - start + 8)
        var marks: [Range<Int>] = []
        var previousSpace = true
        func append(_ from: Int, _ to: Int) {
            guard from < to else { return }
            for k in from..<to {
                let b = bytes[k]
                if isSpace(b) || b == 0x0B || b == 0x0C {
                    if !previousSpace { out.append(0x20) }
                    previousSpace = true
                } else {
                    out.append(b)
                    previousSpace = false
                }
            }
        }
        var cursor = start
        for r in ranges where r.lowerBound >= start && r.upperBound <= end {
            append(cursor, r.lowerBound)
            let offset = out.count
            append(r.lowerBound, r.upperBound)
            marks.append(offset..<out.count)
            cursor = r.upperBound
        }
        append(cursor, end)
        while out.last == 0x20 { out.removeLast() }
        let prefix = start > 0 ? "… " : ""
        let prefixCount = prefix.count
        var snippet = prefix + String(decoding: out, as: UTF8.self)
        if end < bytes.count { snippet += " …" }
        // Highlights in Characters (counting only the short stretches between them).
        var highlights: [SearchHit.Highlight] = []
        var characters = prefixCount
        var previous = 0
        for mark in marks {
            characters += String(decoding: out[previous..<mark.lowerBound], as: UTF8.self).count
            let length = String(decoding: out[mark], as: UTF8.self).count
            highlights.append(SearchHit.Highlight(offset: characters, length: length))
            characters += length
            previous = mark.upperBound
        }
        return (snippet, highlights)
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}

extension Query {
    /// The words and phrases that count towards a match (not under a `-`), as typed.
    var positiveTexts: [String] {
        switch self {
        case .word(_, let text), .phrase(_, let text): return [text]
        case .and(let items), .or(let items): return items.flatMap(\.positiveTexts)
        default: return []
        }
    }
}
