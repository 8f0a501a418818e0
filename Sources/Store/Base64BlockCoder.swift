/// Codes a run of base64 lines (`EncodedBinaryRuns`) as one deflate block (RFC 1951 §3.2.7) with a Huffman
/// code made once for base64: 60 of its letters in 6 bits, the other 4, `=`, CR, LF and the end of the
/// block in 7 bits, nothing else. The letters of already-compressed data in base64 are about evenly spread,
/// so no code per message could do much better (6 bits a letter is their entropy), and coding takes a table
/// lookup a byte: several times the speed of zlib's Huffman-only strategy, which tallies every byte and
/// builds a tree for every 16,000 of them.
///
/// The block is dynamic (BTYPE 2), not final; its literal/length code has 257 entries and no lengths, its
/// distance code two 1-bit entries (as zlib writes, for decoders that want at least one). Pure: bytes in,
/// bits out.
struct Base64BlockCoder {
    /// Each byte's code, bit-reversed as deflate sends it, and its length in bits; 0 for bytes it cannot code.
    private static let codes: [(code: UInt32, length: UInt8)] = {
        var lengths = [UInt8](repeating: 0, count: 257)
        for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz01234567".utf8 { lengths[Int(letter)] = 6 }
        for letter in "89+/=\r\n".utf8 { lengths[Int(letter)] = 7 }
        lengths[endOfBlock] = 7
        return canonical(lengths)
    }()

    static let endOfBlock = 256

    /// The block header: every field as (value, bits), in order.
    private static let header: [(value: UInt32, bits: Int)] = {
        var fields: [(UInt32, Int)] = [(0, 1), (2, 2), (0, 5), (1, 5), (14, 4)]  // BFINAL, BTYPE, HLIT, HDIST, HCLEN
        // The code-length code: 0 in 1 bit, 6 in 2, 1 and 7 in 3; sent in RFC 1951's order, up to symbol 1.
        var codeLengthLengths = [UInt8](repeating: 0, count: 19)
        codeLengthLengths[0] = 1
        codeLengthLengths[6] = 2
        codeLengthLengths[1] = 3
        codeLengthLengths[7] = 3
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1]
        for symbol in order { fields.append((UInt32(codeLengthLengths[symbol]), 3)) }
        let codeLengthCodes = canonical(codeLengthLengths)
        // The 257 literal/length code lengths, then the two distance code lengths.
        let lengths = (0...endOfBlock).map { Int(codes[$0].length) } + [1, 1]
        for length in lengths {
            let code = codeLengthCodes[length]
            fields.append((code.code, Int(code.length)))
        }
        return fields
    }()

    /// Canonical Huffman codes for `lengths` (RFC 1951 §3.2.2), bit-reversed.
    private static func canonical(_ lengths: [UInt8]) -> [(code: UInt32, length: UInt8)] {
        var count = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { count[Int(length)] += 1 }
        var next = [UInt32](repeating: 0, count: 16)
        var code: UInt32 = 0
        for bits in 1..<16 {
            code = (code + UInt32(count[bits - 1])) << 1
            next[bits] = code
        }
        var codes = [(code: UInt32, length: UInt8)](repeating: (0, 0), count: max(256, lengths.count))
        for (symbol, length) in lengths.enumerated() where length > 0 {
            var reversed: UInt32 = 0
            var value = next[Int(length)]
            next[Int(length)] += 1
            for _ in 0..<length {
                reversed = reversed << 1 | value & 1
                value >>= 1
            }
            codes[symbol] = (reversed, length)
        }
        return codes
    }

    /// The most bytes `encode` writes for `count` input bytes.
    static func bound(_ count: Int) -> Int { count * 7 / 8 + 96 }

    /// Writes the block for `input` at `output`, starting at a byte boundary, and returns the whole bytes
    /// written and the bits of the last, partial byte (fewer than 8, low bits first); nil, having written
    /// nothing that counts, when `input` holds a byte the code has no entry for. `output` has `bound(input.count)` bytes.
    static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>)
        -> (bytes: Int, tail: (value: UInt32, bits: Int))?
    {
        codes.withUnsafeBufferPointer { codes in
            var writer = BitWriter(output: output)
            for field in header { writer.put(UInt64(field.value), field.bits) }
            for byte in input {
                let entry = codes[Int(byte)]
                if entry.length == 0 { return nil }
                writer.put(UInt64(entry.code), Int(entry.length))
            }
            let end = codes[endOfBlock]
            writer.put(UInt64(end.code), Int(end.length))
            return writer.finish()
        }
    }

    /// Bits packed low first into bytes, 32 at a time.
    private struct BitWriter {
        let output: UnsafeMutablePointer<UInt8>
        var written = 0
        var buffer: UInt64 = 0
        var count = 0

        init(output: UnsafeMutablePointer<UInt8>) { self.output = output }

        @inline(__always) mutating func put(_ value: UInt64, _ bits: Int) {
            buffer |= value << UInt64(count)
            count += bits
            if count >= 32 {
                UnsafeMutableRawPointer(output + written).storeBytes(
                    of: UInt32(truncatingIfNeeded: buffer).littleEndian, as: UInt32.self)
                written += 4
                buffer >>= 32
                count -= 32
            }
        }

        /// Writes the whole bytes left; returns the byte count and the last partial byte's bits.
        mutating func finish() -> (bytes: Int, tail: (value: UInt32, bits: Int)) {
            while count >= 8 {
                output[written] = UInt8(truncatingIfNeeded: buffer)
                written += 1
                buffer >>= 8
                count -= 8
            }
            return (written, (UInt32(buffer), count))
        }
    }
}
