import FoundationEssentials
import TextBasics

/// Turns bytes in a named charset into text, never failing: unknown or lying charsets fall back
/// to UTF-8 when the bytes are valid UTF-8, else to Windows-1252 (a superset of Latin-1 that
/// is what mislabelled Western mail almost always is).
public enum Charset {
    /// Normalises a charset label ("ISO_8859-1:1987", "latin1", "cp1252", "utf8") to the name
    /// used by `decode`.
    public static func canonicalName(_ label: String) -> String {
        // Fast path for the labels nearly all mail uses.
        switch label {
        case "utf-8", "UTF-8", "utf8", "UTF8": return "utf-8"
        case "us-ascii", "US-ASCII": return "us-ascii"
        case "iso-8859-1", "ISO-8859-1": return "iso-8859-1"
        case "iso-8859-15", "ISO-8859-15": return "iso-8859-15"
        case "windows-1252", "Windows-1252": return "windows-1252"
        default: break
        }
        var name = label.trimmed(.whitespacesAndNewlines).lowercased()
        if name.hasPrefix("\"") { name = name.trimmed(ScalarSet(charactersIn: "\"'")) }
        if let star = name.firstIndex(of: "*") { name = String(name[..<star]) }  // RFC 2231 language suffix
        name = name.replacingAll("_", with: "-")
        switch name {
        case "utf8", "utf-8", "unicode-1-1-utf-8", "x-unicode20utf8": return "utf-8"
        case "us-ascii", "ascii", "ansi-x3.4-1968", "iso646-us", "us", "": return "us-ascii"
        case "latin1", "latin-1", "l1", "iso-8859-1", "iso8859-1", "iso-8859-1:1987", "iso-ir-100", "cp819", "ibm819",
            "8859-1":
            return "iso-8859-1"
        case "latin2", "l2", "iso8859-2": return "iso-8859-2"
        case "latin9", "latin-9", "l9", "iso8859-15": return "iso-8859-15"
        case "cp1250", "x-cp1250", "win-1250": return "windows-1250"
        case "cp1251", "x-cp1251", "win-1251": return "windows-1251"
        case "cp1252", "x-cp1252", "win-1252", "windows1252": return "windows-1252"
        case "cp1253": return "windows-1253"
        case "cp1254": return "windows-1254"
        case "cp1255": return "windows-1255"
        case "cp1256": return "windows-1256"
        case "cp1257": return "windows-1257"
        case "cp1258": return "windows-1258"
        case "koi8r", "koi8": return "koi8-r"
        case "koi8u": return "koi8-u"
        case "mac", "macroman", "x-mac-roman", "mac-roman": return "macintosh"
        case "cp437", "437": return "ibm437"
        case "cp850", "850": return "ibm850"
        case "cp866", "866": return "ibm866"
        case "sjis", "shift-jis", "x-sjis", "ms-kanji", "cp932", "windows-31j": return "shift_jis"
        case "euc-jp", "x-euc-jp", "eucjp": return "euc-jp"
        case "utf-16", "utf16": return "utf-16"
        case "utf-16le", "utf16le": return "utf-16le"
        case "utf-16be", "utf16be", "unicodefffe": return "utf-16be"
        default: break
        }
        if name.hasPrefix("iso8859-") { return "iso-8859-" + name.dropFirst(8) }
        if name.hasPrefix("iso-8859-") {
            // "iso-8859-1:1987", "iso-8859-15-i"
            let digits = name.dropFirst(9).prefix { $0.isNumber }
            return "iso-8859-" + digits
        }
        if name.hasPrefix("windows-") || name.hasPrefix("cp125") {
            let digits = name.drop { !$0.isNumber }.prefix { $0.isNumber }
            return "windows-" + digits
        }
        return name
    }

    /// Decodes `bytes` labelled `charset` (nil: unknown).
    public static func decode<Bytes: Collection>(_ bytes: Bytes, charset: String?) -> String
    where Bytes.Element == UInt8 {
        if bytes.isEmpty { return "" }
        let name = charset.map(canonicalName) ?? "utf-8"
        switch name {
        case "utf-8", "us-ascii":
            if let text = strictUTF8(bytes) { return text }
            // Declared UTF-8 with some broken bytes: keep UTF-8 (with replacement characters)
            // when most of the 8-bit text is well-formed UTF-8, else it was really Windows-1252.
            if name == "utf-8", wellFormedMultiByteShare(bytes) >= 0.5 {
                return String(decoding: Array(bytes), as: UTF8.self)
            }
            return decodeSingleByte(bytes, table: SingleByteTables.t_windows_1252)
        case "iso-8859-1":
            // Mail labelled Latin-1 is routinely Windows-1252 (curly quotes, euro sign) or UTF-8.
            if isASCII(bytes) { return asciiString(bytes) }
            if let text = strictUTF8(bytes), looksLikeUTF8Mislabel(bytes) { return text }
            return decodeSingleByte(bytes, table: SingleByteTables.t_windows_1252)
        case "utf-16", "utf-16le", "utf-16be":
            let encodings: [String: String.Encoding] = [
                "utf-16": .utf16, "utf-16le": .utf16LittleEndian, "utf-16be": .utf16BigEndian,
            ]
            if let text = String(data: Data(bytes), encoding: encodings[name] ?? .utf16) { return text }
            return decodeUTF8OrFallback(bytes)
        default:
            if let table = SingleByteTables.table(for: name) {
                if isASCII(bytes) { return asciiString(bytes) }
                return decodeSingleByte(bytes, table: table)
            }
            // Every other charset glibc knows (the CJK ones above all: Foundation on Linux has none).
            // ASCII stays ASCII in all of them but the 7-bit ISO-2022 and UTF-7 families.
            if isASCII(bytes), !name.hasPrefix("iso-2022"), !name.hasPrefix("utf-7") { return asciiString(bytes) }
            if let text = Iconv.decode(bytes, charset: iconvName(name)) { return text }
            return decodeUTF8OrFallback(bytes)
        }
    }

    /// The iconv name for a canonical name: mail's labels for the CJK charsets name the smaller
    /// standard while senders use its superset (GB2312 mail carries GBK characters, EUC-KR mail
    /// Microsoft's CP949), so the superset decodes.
    static func iconvName(_ name: String) -> String {
        switch name {
        case "gb2312", "gbk", "x-gbk", "cp936", "euc-cn", "x-euc-cn", "chinese", "csgb2312", "gb-2312": return "GB18030"
        case "euc-kr", "ks-c-5601-1987", "ks-c-5601", "ksc5601", "ks-c-5601-1989", "x-windows-949", "korean", "uhc":
            return "CP949"
        case "shift_jis": return "CP932"
        case "x-big5", "big-5", "cn-big5", "csbig5": return "BIG5-HKSCS"
        case "big5": return "BIG5-HKSCS"
        default: return name
        }
    }

    /// The first `count` bytes of `bytes`, shortened so no character is cut in two: UTF-16 to a
    /// whole code unit, the Japanese multi-byte charsets to the last line break (their bytes
    /// cannot be told apart from the middle of a character), anything else to the end of the
    /// last complete UTF-8 sequence (a single-byte charset may lose one character: the text is cut
    /// there anyway).
    public static func prefixForDecoding(_ bytes: [UInt8], count: Int, charset: String?) -> [UInt8] {
        var end = min(count, bytes.count)
        guard end < bytes.count else { return bytes }
        switch charset.map(canonicalName) ?? "utf-8" {
        case "utf-16", "utf-16le", "utf-16be":
            end -= end % 2
        case "shift_jis", "euc-jp", "iso-2022-jp", "gb2312", "gbk", "gb18030", "big5", "euc-kr", "iso-2022-kr",
            "iso-2022-cn":
            if let lineEnd = bytes[max(0, end - 4096)..<end].lastIndex(of: 0x0A) { end = lineEnd + 1 }
        default:
            // Step back over continuation bytes to the lead byte; drop it if its sequence is cut.
            var lead = end
            while lead > 0, end - lead < 4, bytes[lead - 1] & 0xC0 == 0x80 { lead -= 1 }
            if lead > 0, bytes[lead - 1] >= 0xC0 {
                let first = bytes[lead - 1]
                let length = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : 2
                if end - (lead - 1) < length { end = lead - 1 }
            }
        }
        return Array(bytes[..<end])
    }

    /// Raw 8-bit text with no declared charset: UTF-8 when valid, else Windows-1252.
    public static func decodeUTF8OrFallback<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        if let text = strictUTF8(bytes) { return text }
        return decodeSingleByte(bytes, table: SingleByteTables.t_windows_1252)
    }

    /// The share of 8-bit bytes that sit in well-formed UTF-8 multi-byte sequences.
    static func wellFormedMultiByteShare<Bytes: Collection>(_ bytes: Bytes) -> Double where Bytes.Element == UInt8 {
        let array = Array(bytes)
        var good = 0
        var high = 0
        var index = 0
        while index < array.count {
            let byte = array[index]
            if byte < 0x80 {
                index += 1
                continue
            }
            let length = byte >= 0xF0 && byte <= 0xF4 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC2 && byte < 0xE0 ? 2 : 0
            if length > 0, index + length <= array.count,
                array[(index + 1)..<(index + length)].allSatisfy({ $0 & 0xC0 == 0x80 })
            {
                good += length
                high += length
                index += length
            } else {
                high += 1
                index += 1
            }
        }
        return high == 0 ? 1 : Double(good) / Double(high)
    }

    static func strictUTF8<Bytes: Collection>(_ bytes: Bytes) -> String? where Bytes.Element == UInt8 {
        if let contiguous = bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) }) {
            return contiguous
        }
        return String(validating: Array(bytes), as: UTF8.self)
    }

    /// A Latin-1 label on bytes that are valid UTF-8 with at least one multi-byte sequence.
    static func looksLikeUTF8Mislabel<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        bytes.contains { $0 >= 0xC2 && $0 <= 0xF4 }
    }

    static func isASCII<Bytes: Collection>(_ bytes: Bytes) -> Bool where Bytes.Element == UInt8 {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    static func asciiString<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }

    static func decodeSingleByte<Bytes: Collection>(_ bytes: Bytes, table: [UInt16]) -> String
    where Bytes.Element == UInt8 {
        var utf8 = [UInt8]()
        utf8.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                utf8.append(byte)
                continue
            }
            let value = UInt32(table[Int(byte) - 0x80])
            // Encode the scalar as UTF-8 by hand: faster than appending Unicode.Scalar to a view.
            if value < 0x800 {
                utf8.append(UInt8(0xC0 | (value >> 6)))
                utf8.append(UInt8(0x80 | (value & 0x3F)))
            } else {
                utf8.append(UInt8(0xE0 | (value >> 12)))
                utf8.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                utf8.append(UInt8(0x80 | (value & 0x3F)))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}
