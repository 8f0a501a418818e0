import TextAnalysis

/// Cuts a one-line snippet around the densest cluster of query terms and marks them.
enum Snippet {
    /// `text` is the stored text of a message; `terms` the folded, stemmed query terms.
    static func make(_ text: String, terms: Set<String>, analyzer: Analyzer, length: Int)
        -> (String, [SearchHit.Highlight])
    {
        let bytes = Array(text.utf8)
        let windowBytes = max(40, length) * 11 / 10
        let matches = firstMatches(in: text, terms: terms, analyzer: analyzer, windowBytes: windowBytes)
        let ranges = merged(matches)
        let shown = window(in: bytes, around: ranges, windowBytes: windowBytes)
        let (out, marks) = collapsed(bytes, window: shown, marking: ranges)
        let prefix = shown.lowerBound > 0 ? "… " : ""
        var snippet = prefix + String(decoding: out, as: UTF8.self)
        if shown.upperBound < bytes.count { snippet += " …" }
        return (snippet, highlights(in: out, marks: marks, after: prefix.count))
    }

    /// The tokens of `text` that are query terms, up to a window's worth past the first one.
    ///
    /// Reading stops there: later hits cannot join the first hit's window, and most hits come early,
    /// so long texts are rarely read to the end.
    static func firstMatches(in text: String, terms: Set<String>, analyzer: Analyzer, windowBytes: Int) -> [Token] {
        var matches: [Token] = []
        if !terms.isEmpty {
            analyzer.forEachToken(in: text) { token in
                if let first = matches.first, token.utf8Range.lowerBound > first.utf8Range.lowerBound + windowBytes {
                    return false
                }
                if terms.contains(token.term.text) { matches.append(token) }
                return true
            }
        }
        return matches
    }

    /// The matches' byte ranges in order, overlapping ones (an address and its parts) merged.
    static func merged(_ matches: [Token]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for token in matches.sorted(by: { $0.utf8Range.lowerBound < $1.utf8Range.lowerBound }) {
            if let last = ranges.last, token.utf8Range.lowerBound < last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, token.utf8Range.upperBound)
            } else {
                ranges.append(token.utf8Range)
            }
        }
        return ranges
    }

    /// The bytes to show: about `windowBytes` around the densest cluster of `ranges`, starting and ending
    /// on word boundaries (never inside a highlight) and on whole UTF-8 characters.
    static func window(in bytes: [UInt8], around ranges: [Range<Int>], windowBytes: Int) -> Range<Int> {
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
        return start..<end
    }

    /// The bytes of `window` with whitespace collapsed and trailing space dropped, and where the
    /// `ranges` that lie wholly inside it land in those output bytes.
    static func collapsed(_ bytes: [UInt8], window: Range<Int>, marking ranges: [Range<Int>])
        -> (bytes: [UInt8], marks: [Range<Int>])
    {
        var out: [UInt8] = []
        out.reserveCapacity(window.count + 8)
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
        var cursor = window.lowerBound
        for r in ranges where r.lowerBound >= window.lowerBound && r.upperBound <= window.upperBound {
            append(cursor, r.lowerBound)
            let offset = out.count
            append(r.lowerBound, r.upperBound)
            marks.append(offset..<out.count)
            cursor = r.upperBound
        }
        append(cursor, window.upperBound)
        while out.last == 0x20 { out.removeLast() }
        return (out, marks)
    }

    /// The marks as highlights in Characters of the snippet, `prefixCount` Characters in (counting only
    /// the short stretches between marks, not the whole text again for each).
    static func highlights(in out: [UInt8], marks: [Range<Int>], after prefixCount: Int) -> [SearchHit.Highlight] {
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
        return highlights
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
