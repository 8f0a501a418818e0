/// One copy of each string made from the same bytes: records read one by one share Message-IDs (named
/// again by every later message of a thread), subjects, addresses and thread ids, and a string found here
/// is neither made nor freed again.
///
/// Strings are found by their bytes, never by `String`'s equality (which treats two spellings of one text
/// as one: thread ids and table keys are made from bytes, so those must stay two). Strings of up to 15
/// bytes are held inline by `String` and are simply made.
public final class StringPool {
    /// Open addressing, linear probing; a power of two in size, at most half full.
    private var strings: [String?]
    private var hashes: [UInt64]
    public private(set) var count = 0

    /// Room for about 8,000 strings at first (a refresh by lookup holds tens of thousands): 192 KB.
    public init() {
        strings = [String?](repeating: nil, count: 1 << 14)
        hashes = [UInt64](repeating: 0, count: 1 << 14)
    }

    /// The string `bytes` decode to (`String(decoding:as: UTF8.self)`), shared with the earlier ones of the
    /// same bytes.
    public func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > 15 else { return String(decoding: bytes, as: UTF8.self) }
        let hash = Self.hash(bytes)
        let mask = strings.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while let held = strings[slot] {
            if hashes[slot] == hash, Self.same(held, bytes) { return held }
            slot = (slot + 1) & mask
        }
        let made = String(decoding: bytes, as: UTF8.self)
        // Bytes that are not UTF-8 make a string of other bytes (repaired): never found by these again.
        guard Self.same(made, bytes) else { return made }
        strings[slot] = made
        hashes[slot] = hash
        count += 1
        if count * 2 > strings.count { grow() }
        return made
    }

    private func grow() {
        let old = (strings, hashes)
        strings = [String?](repeating: nil, count: old.0.count * 2)
        hashes = [UInt64](repeating: 0, count: old.0.count * 2)
        let mask = strings.count - 1
        for index in old.0.indices {
            guard let held = old.0[index] else { continue }
            var slot = Int(truncatingIfNeeded: old.1[index]) & mask
            while strings[slot] != nil { slot = (slot + 1) & mask }
            strings[slot] = held
            hashes[slot] = old.1[index]
        }
    }

    /// Whether `text`'s UTF-8 is exactly `bytes`, compared eight bytes at a time.
    public static func same(_ text: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            let held = UnsafeRawBufferPointer(utf8)
            guard held.count == bytes.count else { return false }
            var at = 0
            while at + 8 <= held.count {
                let word = held.loadUnaligned(fromByteOffset: at, as: UInt64.self)
                guard word == bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self) else { return false }
                at += 8
            }
            while at < held.count {
                guard held[at] == bytes[at] else { return false }
                at += 1
            }
            return true
        }
    }

    /// Eight bytes at a time, mixed by multiplication (the table only needs its bits spread, and every
    /// match is checked byte for byte).
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash = 0x9e37_79b9_7f4a_7c15 ^ UInt64(bytes.count)
        var at = 0
        while at + 8 <= bytes.count {
            hash = (hash ^ bytes.loadUnaligned(fromByteOffset: at, as: UInt64.self)) &* 0xbf58_476d_1ce4_e5b9
            hash ^= hash >> 29
            at += 8
        }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while at < bytes.count {
            last |= UInt64(bytes[at]) << shift
            shift += 8
            at += 1
        }
        hash = (hash ^ last) &* 0x94d0_49bb_1331_11eb
        return hash ^ (hash >> 32)
    }
}
