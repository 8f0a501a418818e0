/// Cheap byte-level facts about a line that rule out the costly classifiers for most lines.
struct LineShape {
    var mayStartQuoteHeader = false
    var maySeparate = false
    var hasEarlyColon = false
    var maySign = false

    init(_ line: Substring) {
        let utf8 = line.utf8
        let count = utf8.count
        guard count > 0 else { return }
        var first: UInt8 = 0
        var position = 0
        for byte in utf8 {
            if first == 0 && byte != 0x20 && byte != 0x09 { first = byte | (byte >= 0x41 && byte <= 0x5A ? 0x20 : 0) }
            if byte == UInt8(ascii: ":") && position < 40 { hasEarlyColon = true }
            position += 1
            if position > 40 && first != 0 { break }
        }
        // Separators start with a rule or one of a few words (begin, forwarded, original, début…).
        maySeparate =
            count < 120
            && (first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "=")
                || first == UInt8(ascii: "*") || first == UInt8(ascii: "b") || first == UInt8(ascii: "f")
                || first == UInt8(ascii: "o")
                || first == UInt8(ascii: "d") || first == UInt8(ascii: "m") || first >= 0x80)
        maySign =
            count < 90
            && (first == UInt8(ascii: "-") || first == UInt8(ascii: "_") || first == UInt8(ascii: "s")
                || first == UInt8(ascii: "g") || first == UInt8(ascii: "e") || first == UInt8(ascii: "t")
                || first == UInt8(ascii: "o")
                || first == UInt8(ascii: "v") || first == UInt8(ascii: "i") || first == UInt8(ascii: "*")
                || first >= 0x80)
        // A quote header is short and its first line starts with a word, digit, dash or quote.
        mayStartQuoteHeader = count <= 400
    }
}
