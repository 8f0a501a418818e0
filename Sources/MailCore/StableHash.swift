/// Deterministic hashing for anything that shapes output or file names.
/// Swift's `Hasher` is seeded per process, so it must never be used for those.
public enum StableHash {
    /// FNV-1a's starting value: `fnv1a64(b, continuing: fnv1a64(a))` is `fnv1a64(a + b)`.
    public static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`, continuing from `hash` (the hash of what comes
    /// before, so that a key made of a prefix and a text needs no string of both).
    public static func fnv1a64(_ text: String, continuing hash: UInt64 = fnvOffsetBasis) -> UInt64 {
        // Over the contiguous bytes when the string has them (a native string does): the UTF-8 view's
        // iterator cost several times as much per byte (a refresh hashes tens of thousands of Message-IDs).
        if let hashed = text.utf8.withContiguousStorageIfAvailable({ fnv1a64(bytes: $0, continuing: hash) }) {
            return hashed
        }
        return fnv1a64(bytes: text.utf8, continuing: hash)
    }

    /// FNV-1a, 64-bit, over raw bytes.
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes, continuing start: UInt64 = fnvOffsetBasis) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Lower-case hex, zero-padded to 16 digits.
    public static func hex(_ value: UInt64) -> String {
        // Written digit by digit into the string's own storage: a refresh makes an id for every thread it
        // threads, on every round.
        String(unsafeUninitializedCapacity: 16) { buffer in
            for position in 0..<16 {
                let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * position)) & 0xf
                buffer[position] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
            }
            return 16
        }
    }

    /// The inverse of `hex`: the 64 bits of exactly 16 lower-case hex digits, nil for anything else. Catalog
    /// ids are such digits, so tables key them by these bits (they sort like the ids) instead of by strings.
    public static func bits(ofHex text: String) -> UInt64? {
        var bits: UInt64 = 0
        var digits = 0
        for byte in text.utf8 {
            let value: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = byte - UInt8(ascii: "a") + 10
            default: return nil
            }
            digits += 1
            if digits > 16 { return nil }
            bits = bits << 4 | UInt64(value)
        }
        return digits == 16 ? bits : nil
    }
}
