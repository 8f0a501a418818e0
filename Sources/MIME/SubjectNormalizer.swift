/// Reply and forward prefixes in subjects ("Re:", "RE :", "AW:", "SV:", "TR:", "Fwd:", "Réf.",
/// "Re[2]:", "[list] Re:") and the subject that remains without them.
public enum SubjectNormalizer {
    /// Prefix words, lower-case, that mark a reply or forward in the languages we see.
    static let prefixes: Set<String> = [
        "re", "aw", "sv", "tr", "fwd", "fw", "réf", "ref", "wg", "rv", "antw", "vs", "odp",
        "enc", "rif", "r", "res", "fs", "vl", "ynt", "atb", "továbbítás", "转发", "回复", "答复",
    ]
    static let replyOnly: Set<String> = [
        "re", "aw", "sv", "réf", "ref", "antw", "vs", "odp", "rif", "r", "res", "ynt", "atb", "回复", "答复",
    ]

    /// Whether the subject starts with a reply prefix (not a forward: "Fwd:" is not a reply).
    public static func hasReplyPrefix(_ subject: String) -> Bool {
        var rest = Substring(subject)
        var sawReply = false
        while let (word, remainder) = leadingPrefix(rest) {
            if replyOnly.contains(word) { sawReply = true }
            rest = remainder
        }
        return sawReply
    }

    /// The subject without any leading reply/forward prefixes or list tags, lower-cased, with
    /// whitespace collapsed: the key for grouping by subject.
    public static func normalize(_ subject: String) -> String {
        var rest = Substring(subject)
        while let (_, remainder) = leadingPrefix(rest) { rest = remainder }
        return rest.lowercased().split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Splits one "Re:" / "RE :" / "Re[2]:" / "Réf. :" / "[tag]" off the front.
    static func leadingPrefix(_ text: Substring) -> (String, Substring)? {
        var rest = text.drop { $0 == " " || $0 == "\t" }
        if rest.first == "[", let close = rest.firstIndex(of: "]"), rest.distance(from: rest.startIndex, to: close) < 40
        {
            // A list tag "[support]" counts as a prefix only when a real prefix follows.
            let after = rest[rest.index(after: close)...]
            if let (word, remainder) = leadingPrefix(after) { return (word, remainder) }
            return nil
        }
        var word = ""
        var index = rest.startIndex
        while index < rest.endIndex, rest[index].isLetter, word.count < 12 {
            word.append(rest[index])
            index = rest.index(after: index)
        }
        guard !word.isEmpty, prefixes.contains(word.lowercased()) else { return nil }
        rest = rest[index...]
        // Optional counter "[2]" or "(2)", optional ".", optional spaces, then ":".
        if rest.first == "[" || rest.first == "(" {
            let closing: Character = rest.first == "[" ? "]" : ")"
            if let close = rest.firstIndex(of: closing), rest.distance(from: rest.startIndex, to: close) <= 4 {
                rest = rest[rest.index(after: close)...]
            }
        }
        if rest.first == "." { rest = rest.dropFirst() }
        rest = rest.drop { $0 == " " || $0 == "\u{A0}" }
        guard rest.first == ":" || rest.first == "：" else {
            // "Réf." with no colon still reads as a prefix.
            if word.lowercased() == "réf" || word.lowercased() == "ref", text.contains(".") {
                return (word.lowercased(), rest)
            }
            return nil
        }
        return (word.lowercased(), rest.dropFirst())
    }
}
