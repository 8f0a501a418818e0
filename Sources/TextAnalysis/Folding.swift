// The standard library's canonical decomposition (the one String comparison uses), so that folding needs no
// Foundation: swift-corelibs Foundation links CoreFoundation and ICU, which cost every start (issue 13).
// FoldingTests compares it with Foundation's `decomposedStringWithCanonicalMapping` over every scalar.
@_spi(_Unicode) import Swift

/// Case and accent folding shared by indexing, queries and topic extraction.
///
/// Lower-cases, strips diacritics and expands ligatures (`Études` → `etudes`, `œ` → `oe`,
/// `ß` → `ss`, `æ` → `ae`, `ệ` → `e`, `ά` → `α`). Latin-1 and Latin Extended-A go through a
/// table; rarer letters are decomposed (canonical decomposition) and their marks dropped. Combining marks
/// and invisible joiners (soft hyphen, zero-width space/joiners) are removed. Works per scalar
/// with a table for Latin-1 and Latin Extended-A, so no normalisation of whole strings is needed.
public enum Folding {
    /// The folded form of `text`; punctuation and spaces are kept as they are.
    public static func fold(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            append(scalar.value, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the folded UTF-8 of one scalar.
    @inline(__always)
    static func append(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            let b = UInt8(v)
            out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            return
        }
        if let mapped = latin(v) {
            out.append(contentsOf: UnsafeBufferPointer(start: mapped.utf8Start, count: mapped.utf8CodeUnitCount))
            return
        }
        if isIgnorable(v) { return }
        guard let scalar = Unicode.Scalar(v) else { return }
        // Rare letters (Vietnamese, Latin Extended-B, Greek tonos…): decompose, then drop the marks.
        let lower = scalar.properties.lowercaseMapping
        let decomposes = scalar.properties.isAlphabetic && v < 0x2000 || (v >= 0x1E00 && v <= 0x1FFF)
        for s in decomposes ? Array(lower._nfd) : Array(lower.unicodeScalars) {
            if let mapped = latin(s.value) {
                out.append(contentsOf: UnsafeBufferPointer(start: mapped.utf8Start, count: mapped.utf8CodeUnitCount))
            } else if !isIgnorable(s.value) {
                out.append(contentsOf: String(s).utf8)
            }
        }
    }

    /// Combining diacritical marks and invisible joiners: dropped by folding, but part of a word.
    @inline(__always)
    static func isIgnorable(_ v: UInt32) -> Bool {
        (v >= 0x300 && v <= 0x36F) || v == 0xAD || (v >= 0x200B && v <= 0x200D) || v == 0x2060
            || (v >= 0x1AB0 && v <= 0x1AFF) || (v >= 0x1DC0 && v <= 0x1DFF) || (v >= 0xFE20 && v <= 0xFE2F)
    }

    /// ASCII replacement for accented Latin letters and ligatures; nil when not in the table.
    @inline(__always)
    static func latin(_ v: UInt32) -> StaticString? {
        switch v {
        case 0xC0...0xC5, 0xE0...0xE5, 0xAA: return "a"
        case 0xC6, 0xE6: return "ae"
        case 0xC7, 0xE7: return "c"
        case 0xC8...0xCB, 0xE8...0xEB: return "e"
        case 0xCC...0xCF, 0xEC...0xEF: return "i"
        case 0xD0, 0xF0: return "d"
        case 0xD1, 0xF1: return "n"
        case 0xD2...0xD6, 0xD8, 0xF2...0xF6, 0xF8, 0xBA: return "o"
        case 0xD9...0xDC, 0xF9...0xFC: return "u"
        case 0xDD, 0xFD, 0xFF: return "y"
        case 0xDE, 0xFE: return "th"
        case 0xDF, 0x1E9E: return "ss"
        case 0x100...0x105: return "a"
        case 0x106...0x10D: return "c"
        case 0x10E...0x111: return "d"
        case 0x112...0x11B: return "e"
        case 0x11C...0x123: return "g"
        case 0x124...0x127: return "h"
        case 0x128...0x131: return "i"
        case 0x132, 0x133: return "ij"
        case 0x134, 0x135: return "j"
        case 0x136...0x138: return "k"
        case 0x139...0x142: return "l"
        case 0x143...0x14B: return "n"
        case 0x14C...0x151: return "o"
        case 0x152, 0x153: return "oe"
        case 0x154...0x159: return "r"
        case 0x15A...0x161, 0x17F: return "s"
        case 0x162...0x167: return "t"
        case 0x168...0x173: return "u"
        case 0x174, 0x175: return "w"
        case 0x176...0x178: return "y"
        case 0x179...0x17E: return "z"
        case 0x218, 0x219: return "s"
        case 0x21A, 0x21B: return "t"
        case 0xFB00: return "ff"
        case 0xFB01: return "fi"
        case 0xFB02: return "fl"
        case 0xFB03: return "ffi"
        case 0xFB04: return "ffl"
        default: return nil
        }
    }
}
