/// Content-Transfer-Encoding decoders. Lenient by design: junk characters are skipped, a
/// truncated quantum keeps its complete bytes, a broken `=XY` escape is kept literally.
public enum TransferDecoding {
    static let base64Values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        // URL-safe alphabet too: some generators use it.
        table[Int(UInt8(ascii: "-"))] = 62
        table[Int(UInt8(ascii: "_"))] = 63
        return table
    }()

    /// Decodes base64, skipping anything outside the alphabet and stopping at padding. With a
    /// `limit`, stops once that many bytes are decoded (the result is a prefix of the full
    /// decoding), so a huge body costs no more than the part a caller will read.
    public static func base64<Bytes: Collection>(_ input: Bytes, limit: Int = .max) -> [UInt8]
    where Bytes.Element == UInt8 {
        var output = [UInt8]()
        guard limit > 0 else { return output }
        output.reserveCapacity(min(input.count * 3 / 4, limit))
        var accumulator: UInt32 = 0
        var bits = 0
        base64Values.withUnsafeBufferPointer { table in
            for byte in input {
                let value = table[Int(byte)]
                if value == 0xFF {
                    if byte == UInt8(ascii: "=") {
                        bits = 0
                        accumulator = 0
                    }  // end of one encoded run
                    continue
                }
                accumulator = (accumulator << 6) | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    output.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
                    if output.count >= limit { return }
                }
            }
        }
        return output
    }

    /// Whether more than one in twenty non-space bytes fall outside the base64 alphabet.
    public static func looksLikeNonBase64(_ input: ArraySlice<UInt8>) -> Bool {
        var foreign = 0
        var counted = 0
        for byte in input where byte != 0x20 && byte != 0x09 && byte != 0x0D && byte != 0x0A {
            counted += 1
            if base64Values[Int(byte)] == 0xFF && byte != UInt8(ascii: "=") { foreign += 1 }
        }
        return counted > 0 && foreign * 20 > counted
    }

    /// The decoded size of a base64 body without decoding it (attachments are only measured).
    public static func base64DecodedCount(_ input: ArraySlice<UInt8>) -> Int {
        var symbols = 0
        var total = 0
        base64Values.withUnsafeBufferPointer { table in
            input.withUnsafeBufferPointer { bytes in
                for byte in bytes {
                    if table[Int(byte)] != 0xFF {
                        symbols += 1
                    } else if byte == UInt8(ascii: "=") {
                        total += symbols * 6 / 8
                        symbols = 0
                    }
                }
            }
        }
        return total + symbols * 6 / 8
    }

    @inline(__always) static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: return byte - 0x30
        case 0x41...0x46: return byte - 0x41 + 10
        case 0x61...0x66: return byte - 0x61 + 10
        default: return nil
        }
    }

    /// Decodes quoted-printable. `underscoreIsSpace` is the RFC 2047 "Q" variant. With a `limit`,
    /// stops once at least that many bytes are decoded (the result is a prefix of the full
    /// decoding, possibly a few bytes longer than `limit`: a run of spaces is copied whole).
    public static func quotedPrintable<Bytes: RandomAccessCollection>(
        _ input: Bytes, underscoreIsSpace: Bool = false,
        limit: Int = .max
    ) -> [UInt8]
    where Bytes.Element == UInt8, Bytes.Index == Int {
        var output = [UInt8]()
        output.reserveCapacity(min(input.count, limit))
        var index = input.startIndex
        let end = input.endIndex
        while index < end, output.count < limit {
            let byte = input[index]
            if byte == UInt8(ascii: "=") {
                // Soft line break: "=" then optional whitespace then (CR)LF.
                var probe = index + 1
                while probe < end, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
                if probe < end, input[probe] == 0x0D || input[probe] == 0x0A {
                    if input[probe] == 0x0D { probe += 1 }
                    if probe < end, input[probe] == 0x0A { probe += 1 }
                    index = probe
                    continue
                }
                if probe == end {
                    index = end
                    continue
                }
                if index + 2 < end, let high = hexValue(input[index + 1]), let low = hexValue(input[index + 2]) {
                    output.append(high << 4 | low)
                    index += 3
                    continue
                }
                output.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "_") && underscoreIsSpace {
                output.append(0x20)
                index += 1
            } else if byte == 0x20 || byte == 0x09, !underscoreIsSpace {
                // Trailing whitespace before a line break is transport padding (RFC 2045 §6.7 rule 3).
                var probe = index
                while probe < end, input[probe] == 0x20 || input[probe] == 0x09 { probe += 1 }
                if probe == end || input[probe] == 0x0D || input[probe] == 0x0A {
                    index = probe
                } else {
                    output.append(contentsOf: input[index..<probe])
                    index = probe
                }
            } else {
                output.append(byte)
                index += 1
            }
        }
        return output
    }

    /// The decoded size of a quoted-printable body, without keeping the decoded bytes: decodes
    /// a bounded window at a time (attachments are only measured).
    public static func quotedPrintableDecodedCount(_ input: ArraySlice<UInt8>) -> Int {
        // Cut the input only after a line break: an escape or a soft break never spans one.
        let window = 64 * 1024
        var total = 0
        var start = input.startIndex
        while start < input.endIndex {
            var stop = min(input.endIndex, start + window)
            if stop < input.endIndex {
                var probe = stop
                while probe < input.endIndex, input[probe - 1] != 0x0A { probe += 1 }
                stop = probe
            }
            total += quotedPrintable(input[start..<stop]).count
            start = stop
        }
        return total
    }
}
