extension String {
    /// The longest prefix of at most `maxBytes` UTF-8 bytes that ends on a Unicode scalar
    /// boundary (the string itself when it is short enough).
    public func utf8Prefix(_ maxBytes: Int) -> String {
        let utf8 = self.utf8
        guard maxBytes < utf8.count else { return self }
        guard maxBytes > 0 else { return "" }
        var end = utf8.index(utf8.startIndex, offsetBy: maxBytes)
        while end > utf8.startIndex, end.samePosition(in: unicodeScalars) == nil { end = utf8.index(before: end) }
        return String(unicodeScalars[..<end])
    }
}
