#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// glibc's iconv, for the charsets Foundation on Linux does not know (GB2312/GBK/GB18030, Big5,
/// EUC-JP, ISO-2022-JP, Shift_JIS, EUC-KR, KOI8-U, TIS-620 and the rest of `iconv -l`). The only
/// file of the MIME module that calls C.
enum Iconv {
    /// `bytes` in `charset` as text, invalid or truncated sequences replaced by U+FFFD; nil when
    /// iconv does not know `charset`.
    static func decode<Bytes: Collection>(_ bytes: Bytes, charset: String) -> String? where Bytes.Element == UInt8 {
        let converter = iconv_open("UTF-8", charset)
        guard let converter, Int(bitPattern: converter) != -1 else { return nil }
        defer { iconv_close(converter) }
        var input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity(input.count * 2)
        let chunk = 4096
        var buffer = [UInt8](repeating: 0, count: chunk)
        let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]
        input.withUnsafeMutableBytes { inRaw in
            buffer.withUnsafeMutableBytes { outRaw in
                var inPointer: UnsafeMutablePointer<CChar>? = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                let outBase = outRaw.baseAddress!.assumingMemoryBound(to: CChar.self)
                func flush(_ outPointer: UnsafeMutablePointer<CChar>?) {
                    let produced = outPointer.map { $0 - outBase } ?? 0
                    output.append(contentsOf: UnsafeRawBufferPointer(start: outRaw.baseAddress, count: produced))
                }
                // After the input, one more call with none lets a stateful charset (ISO-2022-JP) close its shift state.
                var finishing = false
                while true {
                    var outPointer: UnsafeMutablePointer<CChar>? = outBase
                    var outLeft = chunk
                    let result =
                        finishing
                        ? iconv(converter, nil, nil, &outPointer, &outLeft)
                        : iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                    let error = errno
                    flush(outPointer)
                    if result != -1 {
                        if finishing { return }
                        finishing = inLeft == 0
                        continue
                    }
                    switch error {
                    case E2BIG:
                        continue
                    case EILSEQ where !finishing && inLeft > 0:
                        // An invalid sequence: one replacement character, skip a byte, go on.
                        output.append(contentsOf: replacement)
                        inPointer = inPointer.map { $0 + 1 }
                        inLeft -= 1
                        finishing = inLeft == 0
                    default:
                        // EINVAL: the text ends inside a character; anything else: give up here.
                        if !finishing && inLeft > 0 { output.append(contentsOf: replacement) }
                        return
                    }
                }
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
