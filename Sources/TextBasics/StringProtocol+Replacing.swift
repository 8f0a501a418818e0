extension StringProtocol {
    /// The text with every occurrence of `target` replaced, left to right and without overlaps, as
    /// Foundation's `replacingOccurrences(of:with:)` on well-formed text. Matched by scalars (UTF-8
    /// bytes), not by `Character`s: `"\r\n"` is one `Character`, and a search for `"\n"` must still find its
    /// line feed.
    public func replacingAll(_ target: String, with replacement: String) -> String {
        let text = Array(utf8)
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty, text.count >= pattern.count else { return String(self) }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var i = 0
        while i < text.count {
            if text[i] == pattern[0], i + pattern.count <= text.count,
                text[i..<(i + pattern.count)].elementsEqual(pattern)
            {
                out.append(contentsOf: replacement.utf8)
                i += pattern.count
            } else {
                out.append(text[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The range of the first occurrence of `target`, matched by scalars as `replacingAll` does.
    public func firstScalarRange(of target: String) -> Range<Index>? {
        let pattern = Array(target.utf8)
        guard !pattern.isEmpty else { return nil }
        let bytes = utf8
        var i = bytes.startIndex
        while i != bytes.endIndex {
            var j = i
            var k = 0
            while k < pattern.count, j != bytes.endIndex, bytes[j] == pattern[k] {
                j = bytes.index(after: j)
                k += 1
            }
            if k == pattern.count { return i..<j }
            i = bytes.index(after: i)
        }
        return nil
    }
}
