/// A string compared and hashed by its UTF-8 bytes: `String`'s own hashing and equality normalize text
/// that is not ASCII (most of the cost of sharing), and a copy shared must be the same bytes anyway
/// (thread ids and table keys are made from bytes; two spellings of one text must stay two).
struct SameBytes: Hashable {
    var text: String

    /// Eight bytes at a time: a set of shared strings compares most of those it is given with the one
    /// it holds (a byte-by-byte loop cost more than the hashing).
    static func == (a: SameBytes, b: SameBytes) -> Bool {
        guard a.text.utf8.count == b.text.utf8.count else { return false }
        var (first, second) = (a.text, b.text)
        return first.withUTF8 { first in
            second.withUTF8 { second in
                let (x, y) = (UnsafeRawBufferPointer(first), UnsafeRawBufferPointer(second))
                var at = 0
                while at + 8 <= x.count {
                    let left = x.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                    guard left == y.loadUnaligned(fromByteOffset: at, as: UInt64.self) else { return false }
                    at += 8
                }
                while at < x.count {
                    guard x[at] == y[at] else { return false }
                    at += 1
                }
                return true
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
