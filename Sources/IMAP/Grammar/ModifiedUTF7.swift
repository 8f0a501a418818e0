/// Modified UTF-7 for mailbox names (RFC 3501 §5.1.3).
///
/// Printable ASCII stands for itself except `&`, written `&-`; everything else is UTF-16 in a
/// base64 variant (`,` for `/`, no padding) between `&` and `-`: `Café` ↔ `Caf&AOk-`.
public enum ModifiedUTF7 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,".utf8)

    public static func encode(_ text: String) -> String {
        var out: [UInt8] = []
        var pending: [UInt16] = []
        func flush() {
            guard !pending.isEmpty else { return }
            out.append(UInt8(ascii: "&"))
            var bytes: [UInt8] = []
            for unit in pending {
                bytes.append(UInt8(unit >> 8))
                bytes.append(UInt8(unit & 0xFF))
            }
            var i = 0
            while i < bytes.count {
                let b0 = bytes[i]
                let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
                let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
                let n = bytes.count - i
                out.append(alphabet[Int(b0 >> 2)])
                out.append(alphabet[Int((b0 & 0x3) << 4 | b1 >> 4)])
                if n > 1 { out.append(alphabet[Int((b1 & 0xF) << 2 | b2 >> 6)]) }
                if n > 2 { out.append(alphabet[Int(b2 & 0x3F)]) }
                i += 3
            }
            out.append(UInt8(ascii: "-"))
            pending = []
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x20 && scalar.value <= 0x7E {
                flush()
                out.append(UInt8(scalar.value))
                if scalar == "&" { out.append(UInt8(ascii: "-")) }
            } else {
                pending.append(contentsOf: Array(String(Character(scalar)).utf16))
            }
        }
        flush()
        return String(decoding: out, as: UTF8.self)
    }

    /// The decoded name, or nil when `text` is not valid modified UTF-7 (8-bit bytes, bad base64,
    /// unpaired surrogates, an encoded printable ASCII character).
    public static func decode(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            guard c >= 0x20 && c <= 0x7E else { return nil }
            if c != UInt8(ascii: "&") {
                out.append(Unicode.Scalar(c))
                i += 1
                continue
            }
            var j = i + 1
            while j < bytes.count && bytes[j] != UInt8(ascii: "-") { j += 1 }
            guard j < bytes.count else { return nil }
            if j == i + 1 {
                out.append("&")
                i = j + 1
                continue
            }
            var bits: UInt32 = 0
            var bitCount = 0
            var units: [UInt16] = []
            for k in (i + 1)..<j {
                guard let v = alphabet.firstIndex(of: bytes[k]) else { return nil }
                bits = (bits << 6) | UInt32(v)
                bitCount += 6
                if bitCount >= 16 {
                    bitCount -= 16
                    units.append(UInt16((bits >> UInt32(bitCount)) & 0xFFFF))
                }
            }
            // Leftover bits must be zero padding shorter than one 16-bit unit.
            guard bitCount < 6 || (bitCount < 16 && bits & ((1 << UInt32(bitCount)) - 1) == 0) else { return nil }
            guard bits & ((1 << UInt32(bitCount)) - 1) == 0 else { return nil }
            var decoder = UTF16()
            var iterator = units.makeIterator()
            loop: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue(let s):
                    // Printable ASCII must not be base64-encoded (RFC 3501 §5.1.3).
                    if s.value >= 0x20 && s.value <= 0x7E { return nil }
                    out.append(s)
                case .emptyInput: break loop
                case .error: return nil
                }
            }
            i = j + 1
        }
        return String(out)
    }
}
