/// Light stemming for accent-folded French and English words: plurals and the most common
/// verb endings only, so "expirés"/"expiré"/"expire" and "charged"/"charges" meet, while
/// words stay close to what people wrote.
enum LightStemmer {
    static func english(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count > 3, !w.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return word }
        if ends(w, "ies"), w.count > 4 {
            w.removeLast(3)
            w.append(UInt8(ascii: "y"))
        } else if ends(w, "sses") {
            w.removeLast(2)
        } else if ends(w, "s"), !ends(w, "ss"), !ends(w, "us"), !ends(w, "is") {
            w.removeLast()
        }
        if ends(w, "ing"), w.count > 5 {
            w.removeLast(3)
        } else if ends(w, "ed"), w.count > 4 {
            w.removeLast(2)
        }
        if ends(w, "e"), w.count > 4 { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    static func french(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count > 3, !w.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return word }
        if ends(w, "aux"), w.count > 4 {
            w.removeLast(2)
            w.append(UInt8(ascii: "l"))
        } else if ends(w, "s") || ends(w, "x") {
            w.removeLast()
        }
        if (ends(w, "er") || ends(w, "ez")), w.count > 5 {
            w.removeLast(2)
        } else {
            var dropped = 0
            while dropped < 2, ends(w, "e"), w.count > 4 {
                w.removeLast()
                dropped += 1
            }
        }
        return String(decoding: w, as: UTF8.self)
    }

    private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        let base = suffix.utf8Start
        for i in 0..<n where w[w.count - n + i] != base[i] { return false }
        return true
    }
}
