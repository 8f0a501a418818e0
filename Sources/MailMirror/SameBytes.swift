import Store

/// A string compared and hashed by its UTF-8 bytes: `String`'s own hashing and equality normalize text
/// that is not ASCII (most of the cost of sharing), and a copy shared must be the same bytes anyway
/// (thread ids and table keys are made from bytes; two spellings of one text must stay two).
struct SameBytes: Hashable {
    var text: String

    /// Eight bytes at a time: a set of shared strings compares most of those it is given with the one
    /// it holds (a byte-by-byte loop cost more than the hashing).
    static func == (a: SameBytes, b: SameBytes) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var first = a.text
        return first.withUTF8 { StringPool.same(b.text, UnsafeRawBufferPointer($0)) }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
