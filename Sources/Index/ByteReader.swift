/// A bounds-checked reader over mapped bytes: damaged files end in an error, never a trap.
struct ByteReader {
    let base: UnsafeRawBufferPointer
    var offset: Int
    let end: Int

    init(_ base: UnsafeRawBufferPointer, offset: Int, end: Int) {
        self.base = base
        self.offset = offset
        self.end = min(end, base.count)
    }

    var isAtEnd: Bool { offset >= end }

    @inline(__always)
    mutating func varint() throws(IndexError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end {
            let byte = base[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { break }
        }
        throw IndexError.corrupt("a varint runs past its section")
    }

    @inline(__always)
    mutating func int() throws(IndexError) -> Int { Int(truncatingIfNeeded: try varint()) }

    mutating func string() throws(IndexError) -> String {
        let count = try int()
        guard count >= 0, offset + count <= end else {
            throw IndexError.corrupt("a stored string runs past its section")
        }
        let s = String(decoding: UnsafeRawBufferPointer(rebasing: base[offset..<(offset + count)]), as: UTF8.self)
        offset += count
        return s
    }

    /// Steps over a stored string with the checks `string()` makes, without decoding it.
    mutating func skipString() throws(IndexError) {
        let count = try int()
        guard count >= 0, offset + count <= end else {
            throw IndexError.corrupt("a stored string runs past its section")
        }
        offset += count
    }
}
