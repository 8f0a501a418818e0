/// A deliberately light, language-neutral stemmer for French and English.
///
/// Mail mixes both languages inside one message, so one conservative rule set serves both and
/// never needs language detection. It only removes inflection, never derivation, so it rarely
/// merges unrelated words. Input must already be folded (`Folding`). Rules, in order:
/// 1. plural `-s` (word longer than 3, not `-ss`, `-us`, `-is`): `passwords` → `password`;
/// 2. French plural `-x`: `-eaux`/`-eux`/`-oux` drop `x`, other `-aux` → `-al` (`journaux` → `journal`);
/// 3. final `-ee` or `-e` (word longer than 4 / 3): `connectée` → `connect`, `boxes` → `box`;
/// 4. final `-y` → `-i` so `reply`, `replies` and `replie` meet at `repli`.
/// Words holding a digit are left alone (callers skip them); words of 3 bytes or fewer only see rule 4.
public enum Stemmer {
    /// The stem of one folded word.
    public static func stem(_ word: String) -> String {
        let count = word.utf8.count
        // On the stack for words (topic extraction stems every word of every message); an array
        // for the rare long run.
        guard count <= 64 else {
            var bytes = Array(word.utf8)
            stem(&bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            let copied = buffer.initialize(fromContentsOf: word.utf8)
            let n = stem(buffer.baseAddress!, count: copied)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<n]), as: UTF8.self)
        }
    }

    /// Stems folded UTF-8 bytes in place.
    static func stem(_ w: inout [UInt8]) {
        let n = w.withUnsafeMutableBufferPointer { stem($0.baseAddress!, count: $0.count) }
        if n < w.count { w.removeSubrange(n...) }
    }

    /// Stems `count` folded bytes at `w` in place; returns the new length.
    @inline(__always)
    static func stem(_ w: UnsafeMutablePointer<UInt8>, count: Int) -> Int {
        var n = count
        guard n >= 3 else { return n }
        @inline(__always) func at(_ k: Int) -> UInt8 { w[n - k] }
        if at(1) == UInt8(ascii: "s") && n > 3 {
            let p = at(2)
            if p != UInt8(ascii: "s") && p != UInt8(ascii: "u") && p != UInt8(ascii: "i") { n -= 1 }
        } else if at(1) == UInt8(ascii: "x") && n > 4 {
            if at(2) == 0x75 && (at(3) == 0x65 || at(3) == 0x6F) {  // eux, oux
                n -= 1
            } else if at(2) == 0x75 && at(3) == 0x61 {  // aux
                if at(4) == 0x65 {  // eaux
                    n -= 1
                } else {
                    w[n - 2] = 0x6C  // l
                    n -= 1
                }
            }
        }
        if n > 4 && w[n - 1] == 0x65 && w[n - 2] == 0x65 {
            n -= 2
        } else if n > 3 && w[n - 1] == 0x65 {
            n -= 1
        }
        if n >= 3 && w[n - 1] == UInt8(ascii: "y") {
            w[n - 1] = 0x69
        }
        return n
    }
}
