/// A segment's deleted documents, one bit each.
struct DeletionSet {
    static let magic: [UInt8] = Array("MMIXDEL1".utf8)
    var bits: [UInt8]

    init(count: Int) { bits = [UInt8](repeating: 0, count: (count + 7) / 8) }

    init(bytes: [UInt8], count: Int) throws(IndexError) {
        guard bytes.count == 8 + (count + 7) / 8, Array(bytes[0..<8]) == DeletionSet.magic else {
            throw IndexError.corrupt("a deletion file does not match its segment")
        }
        bits = Array(bytes[8...])
    }

    @inline(__always) func contains(_ doc: Int) -> Bool { bits[doc >> 3] & (1 << UInt8(doc & 7)) != 0 }
    @inline(__always) mutating func insert(_ doc: Int) { bits[doc >> 3] |= 1 << UInt8(doc & 7) }
    var count: Int { bits.reduce(0) { $0 + $1.nonzeroBitCount } }
    var encoded: [UInt8] { DeletionSet.magic + bits }
}
