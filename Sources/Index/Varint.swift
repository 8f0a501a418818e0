/// LEB128 variable-length integers: postings are mostly small deltas, one byte each.
enum Varint {
    @inline(__always)
    static func append(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    @inline(__always)
    static func append(_ value: Int, to out: inout [UInt8]) { append(UInt64(value), to: &out) }

    @inline(__always)
    static func appendString(_ value: String, to out: inout [UInt8]) {
        let bytes = value.utf8
        append(bytes.count, to: &out)
        out.append(contentsOf: bytes)
    }
}
