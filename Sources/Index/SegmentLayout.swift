/// The byte layout of an immutable segment file (little-endian).
///
/// ```
/// header (144 B): "MMIXSEG1", docCount u32, termCount u32, storedOffset u64, docTableOffset u64,
///                 idIndexOffset u64, termTableOffset u64, keysOffset u64, postingsOffset u64,
///                 fileLength u64, 7 × u64 sums of text-field lengths, lengthsOffset u64, reserved
/// stored fields   per doc: account, mailbox, uidvalidity, uid, message-id, thread-id,
///                 from name, from address, subject, snippet text (varint-prefixed UTF-8)
/// doc table       per doc (64 B): stored offset u64, date i64, id u64, utc offset i32, flags u32,
///                 7 × u32 text-field lengths, pad
/// length column   per text field in field order, per doc (2 B): the field's length as u16, or 0xFFFF for
///                 "65,535 or more, see the doc table" (BM25 reads lengths from here: a field's lengths
///                 are 2 B a document, so scoring candidates strewn over a segment touches few pages,
///                 where their 64 B doc-table records touched most of the table)
/// id index        per doc (16 B) sorted by id: id u64, doc u32, pad
/// term table      per term (32 B) sorted by key bytes: key offset u32, key length u32, doc freq u32,
///                 docs stream length u32, postings offset u64, positions stream length u32, pad
/// keys            field byte + folded term, concatenated
/// postings        per term: docs stream (varint doc delta, varint tf)*, then positions stream
///                 (tf varint position deltas per doc, restarting at each doc), then, for a term
///                 in more than 128 documents, one 32 B skip entry per 128 postings (`SkipEntry`)
/// ```
/// Segments are written once (tmp, fsync, rename) and never changed; deletions live beside them.
enum SegmentLayout {
    static let magic: [UInt8] = Array("MMIXSEG1".utf8)
    static let headerSize = 144
    static let docStride = 64
    static let idStride = 16
    static let termStride = 32
    static let lengthStride = 2
    /// Where the header keeps the offset of the length column.
    static let lengthsOffsetField = 128
    static let textFieldCount = 7

    /// Document flag bits.
    static let hasAttachment: UInt32 = 1
    static let isReply: UInt32 = 2
    static let fromTeam: UInt32 = 4
    static let hasFrom: UInt32 = 8
    static let hasMessageId: UInt32 = 16

    /// The length column's entry for a field `length` terms long: the length, or `lengthInDocTable`.
    @inline(__always)
    static func columnLength(_ length: UInt32) -> UInt16 {
        length < UInt32(lengthInDocTable) ? UInt16(length) : lengthInDocTable
    }

    /// A length column entry meaning the length is 65,535 or more and is read from the doc table.
    static let lengthInDocTable = UInt16.max

    /// The size of the length column of `docCount` documents.
    static func lengthColumnSize(docCount: Int) -> Int { docCount * textFieldCount * lengthStride }
}

extension Array where Element == UInt8 {
    @inline(__always)
    mutating func appendLE<T: FixedWidthInteger>(_ value: T) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { append(contentsOf: $0) }
    }

    @inline(__always)
    mutating func storeLE<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        var v = value.littleEndian
        Swift.withUnsafeBytes(of: &v) { raw in
            for k in 0..<raw.count { self[offset + k] = raw[k] }
        }
    }
}

extension UnsafeRawBufferPointer {
    @inline(__always)
    func le<T: FixedWidthInteger>(_ offset: Int, as: T.Type = T.self) -> T {
        T(littleEndian: loadUnaligned(fromByteOffset: offset, as: T.self))
    }
}
