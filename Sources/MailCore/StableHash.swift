/// Deterministic hashing for anything that shapes output or file names.
/// Swift's `Hasher` is seeded per process, so it must never be used for those.
public enum StableHash {
    /// FNV-1a, 64-bit, over the UTF-8 bytes of `text`.
    public static func fnv1a64(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// FNV-1a, 64-bit, over raw bytes.
    public static func fnv1a64<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// Lower-case hex, zero-padded to 16 digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
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
