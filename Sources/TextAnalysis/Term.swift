/// One indexable term produced by `Analyzer`: folded, possibly stemmed text and its word position.
///
/// Positions count words, so phrase queries check `position + 1`. A compound token (an e-mail
/// address, a dotted domain, a hyphenated word) yields its whole form first and then its parts;
/// the parts share the position of the whole and have `isPart == true`, so phrase matching can
/// ignore them.
public struct Term: Hashable, Sendable, CustomStringConvertible {
    public var text: String
    public var position: Int
    public var isPart: Bool

    public init(text: String, position: Int, isPart: Bool = false) {
        self.text = text
        self.position = position
        self.isPart = isPart
    }

    public var description: String { isPart ? "\(text)@\(position)*" : "\(text)@\(position)" }
}

/// A `Term` with where it came from in the analysed text, for snippets and highlighting.
public struct Token: Hashable, Sendable {
    public var term: Term
    /// Byte offsets into the UTF-8 of the analysed text (covering the original, unfolded word).
    public var utf8Range: Range<Int>

    public init(term: Term, utf8Range: Range<Int>) {
        self.term = term
        self.utf8Range = utf8Range
    }
}
