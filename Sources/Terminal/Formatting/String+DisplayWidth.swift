/// Display width in terminal columns, the way a monospaced terminal draws the text.
///
/// Counted per grapheme cluster (what a person sees as one character): combining marks add
/// nothing (`e` + U+0301 is one column), East Asian wide and fullwidth characters and emoji
/// shown as emoji take two, control and format characters take none. Escape sequences are
/// not recognised: measure text before styling it.
extension String {
    /// Columns this string takes on a terminal.
    public var displayWidth: Int {
        // Printable ASCII is one column a byte: the common case needs no Unicode lookup.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return utf8.count }
        var width = 0
        for character in self { width += character.displayWidth }
        return width
    }

    /// The longest prefix that fits in `width` columns, ending in "…" when something was cut.
    ///
    /// Never splits a grapheme cluster; returns "" when `width` is 0 or less.
    public func truncated(toDisplayWidth width: Int) -> String {
        guard width > 0 else { return "" }
        if displayWidth <= width { return self }
        let ellipsis: Character = "…"
        let budget = width - ellipsis.displayWidth
        var result = ""
        var used = 0
        for character in self {
            let characterWidth = character.displayWidth
            if used + characterWidth > budget { break }
            result.append(character)
            used += characterWidth
        }
        result.append(ellipsis)
        return result
    }

    /// This string padded with spaces to `width` columns (unchanged when already as wide).
    public func padded(toDisplayWidth width: Int, alignment: TextAlignment = .left) -> String {
        let missing = width - displayWidth
        guard missing > 0 else { return self }
        let padding = String(repeating: " ", count: missing)
        switch alignment {
        case .left: return self + padding
        case .right: return padding + self
        }
    }
}

extension Character {
    /// Columns this grapheme cluster takes on a terminal: 0, 1 or 2.
    public var displayWidth: Int {
        let scalars = unicodeScalars
        var iterator = scalars.makeIterator()
        guard let first = iterator.next() else { return 0 }
        // One scalar of ASCII, Latin-1 or Latin Extended (below the combining marks at U+0300),
        // other than controls and the soft hyphen: one column, without the property lookups that
        // made table output a fifth of `mailmirror search`'s run.
        if iterator.next() == nil {
            let value = first.value
            if (0x20..<0x7F).contains(value) || ((0xA0..<0x300).contains(value) && value != 0xAD) { return 1 }
        }
        if Self.isZeroWidth(first) {
            // A cluster that starts with a mark or format character (a stray combining accent,
            // a lone zero-width joiner) draws nothing of its own.
            return scalars.contains { !Self.isZeroWidth($0) } ? 1 : 0
        }
        if Self.isWide(first) { return 2 }
        // A text-default symbol followed by VARIATION SELECTOR-16 is drawn as a wide emoji.
        if scalars.count > 1, scalars.contains("\u{FE0F}"), first.properties.isEmoji { return 2 }
        return 1
    }

    private static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return true }
        if (0x1160...0x11FF).contains(value) { return true }  // Hangul medial vowels, final consonants
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return true
        default: return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges of Unicode 15 (UAX #11), plus emoji
    /// whose default presentation is emoji.
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x1100 { return false }
        if scalar.properties.isEmojiPresentation { return true }
        for range in wideRanges where range.contains(value) { return true }
        return false
    }

    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initial consonants
        0x231A...0x231B, 0x2329...0x232A,
        0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
        0x3400...0x4DBF,  // CJK extension A
        0x4E00...0x9FFF,  // CJK unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19, 0xFE30...0xFE6F,  // vertical forms, CJK compatibility forms, small forms
        0xFF00...0xFF60, 0xFFE0...0xFFE6,  // fullwidth forms
        0x16FE0...0x16FE4, 0x17000...0x18CFF, 0x1B000...0x1B2FF,  // Tangut, Kana supplement…
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD, 0x30000...0x3FFFD,  // CJK extensions B and beyond
    ]
}
