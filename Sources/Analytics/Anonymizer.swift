/// Masks e-mail addresses and phone numbers in text shown in a report (`--anonymize`).
enum Anonymizer {
    static func mask(_ text: String, emailMask: String = "[email]", phoneMask: String = "[phone]") -> String {
        // E-mail addresses: any whitespace-delimited chunk holding "@" with a dot after it.
        var words: [String] = []
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            if let at = piece.firstIndex(of: "@"), piece[at...].contains("."),
                piece.distance(from: piece.startIndex, to: at) > 0
            {
                let leading = piece.prefix { "<([\"'".contains($0) }
                let trailing = String(piece.reversed().prefix { ">)].,;:\"'".contains($0) }.reversed())
                words.append(String(leading) + emailMask + trailing)
            } else {
                words.append(String(piece))
            }
        }
        return maskPhones(words.joined(separator: " "), phoneMask)
    }

    /// Runs of at least 8 digits, possibly with a leading "+" and spaces, dots, dashes or parentheses between.
    private static func maskPhones(_ text: String, _ phoneMask: String) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isASCII && (c.isNumber || (c == "+" && i + 1 < chars.count && chars[i + 1].isNumber) || c == "(") {
                var j = i
                var digits = 0
                var lastDigit = i
                while j < chars.count {
                    let d = chars[j]
                    if d.isASCII && d.isNumber {
                        digits += 1
                        lastDigit = j
                    } else if !(d == " " || d == "." || d == "-" || d == "(" || d == ")" || (d == "+" && j == i)) {
                        break
                    }
                    j += 1
                }
                if digits >= 8 {
                    out += phoneMask
                    i = lastDigit + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }
}
