import CZlib
import FoundationEssentials
import Synchronization

/// gzip compression and checked decompression: the only file in the project that calls zlib.
///
/// Each `z_stream` lives at a stable heap address (zlib keeps a back-pointer to it), and
/// compressors are pooled and reset rather than re-created, so the sync can compress on
/// several threads at once without paying `deflateInit` per message.
public enum Gzip {
    /// Why a gzip file could not be read back.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The data ends before the gzip trailer (a cut download, a file truncated on disk).
        case truncated
        /// Not gzip, a bad deflate stream, or a CRC-32 / length mismatch; zlib's reason.
        case corrupt(String)

        public var description: String {
            switch self {
            case .truncated: return "the gzip data ends before its trailer (truncated)"
            case .corrupt(let reason): return "the gzip data is corrupt (\(reason))"
            }
        }
    }

    /// The level the store writes. Compression is the costliest step of a first pull (profiled,
    /// 10,000 `scripts/gen-sample` messages: deflate at level 6 was 48% of the sync's CPU), and
    /// mail compresses little better past level 1, whose matcher is the fast one (measured with
    /// this zlib, CPU for deflate / size of the gzip against the raw mail): gen-sample 10,000 —
    /// level 1: 349 µs/msg, 62.8%; 3: 368 µs, 62.5%; 6: 465 µs, 60.8%; the shared help-center
    /// corpus, 3,000 — 1: 463 µs, 60.6%; 3: 464 µs, 60.0%; 6: 601 µs, 58.4%. A quarter less CPU
    /// for 2–3% more disk. Any level reads back the same (`zcat`, `Gzip.decompress`), so stores
    /// written at another level stay as they are; `MAILMIRROR_GZIP_LEVEL` still chooses. At any level above 0,
    /// base64 of already-compressed attachments is coded with a Huffman code made for base64 (`EncodedBinaryRuns`,
    /// `Base64BlockCoder`).
    public static let defaultLevel: Int32 = 1

    /// gzip of `bytes` at `level` (0 none … 9 best).
    public static func compress(_ bytes: [UInt8], level: Int32 = defaultLevel) -> [UInt8] {
        bytes.withUnsafeBytes { compress($0, level: level) }
    }

    public static func compress(_ bytes: UnsafeRawBufferPointer, level: Int32 = defaultLevel) -> [UInt8] {
        withCompressed(bytes, level: level) { Array($0) }
    }

    /// Calls `body` with the gzip of `bytes`, held in a buffer the compressor keeps for its next use: the
    /// store writes a message's gzip straight from there, instead of mapping (and faulting in) a fresh
    /// buffer the size of each large message. `body` must not keep the pointer.
    public static func withCompressed<Result, Failure: Error>(
        _ bytes: [UInt8], level: Int32 = defaultLevel,
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let outcome: Swift.Result<Result, Failure> = bytes.withUnsafeBytes { raw in
            withCompressed(raw, level: level) { compressed in
                do throws(Failure) { return .success(try body(compressed)) } catch { return .failure(error) }
            }
        }
        return try outcome.get()
    }

    private static func withCompressed<Result>(
        _ bytes: UnsafeRawBufferPointer, level: Int32, _ body: (UnsafeRawBufferPointer) -> Result
    ) -> Result {
        let compressor = compressorPool.take(level: max(0, min(9, level)))
        defer { compressorPool.give(compressor) }
        let produced = compressor.compress(bytes)
        defer { compressor.release() }
        return body(UnsafeRawBufferPointer(rebasing: compressor.output[0..<produced]))
    }

    /// The bytes a gzip file holds, with its CRC-32 and length checked; concatenated members
    /// (which `zcat` accepts) are decoded one after another.
    public static func decompress(_ bytes: [UInt8]) throws(Failure) -> [UInt8] {
        let inflater = inflaterPool.take()
        defer { inflaterPool.give(inflater) }
        let result: Result<[UInt8], Failure> = bytes.withUnsafeBytes { raw in
            do throws(Failure) { return .success(try inflater.decompress(raw)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// CRC-32 (the gzip / zlib polynomial) of `bytes`.
    public static func crc32(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return 0 }
        var crc: uLong = CZlib.crc32(0, nil, 0)
        var offset = 0
        while offset < bytes.count {
            let chunk = min(bytes.count - offset, Int(UInt32.max / 2))
            crc = CZlib.crc32(crc, base.assumingMemoryBound(to: Bytef.self) + offset, uInt(chunk))
            offset += chunk
        }
        return UInt32(truncatingIfNeeded: crc)
    }

    private static let compressorPool = CompressorPool()
    private static let inflaterPool = InflaterPool()
}

/// One raw deflate stream at one level, reset between messages, inside a gzip member this class frames
/// itself (RFC 1952: header, deflate data, CRC-32 and length), so that runs of base64 can be coded by
/// `Base64BlockCoder` between zlib's blocks.
private final class GzipCompressor {
    let level: Int32
    let stream: UnsafeMutablePointer<z_stream>
    /// Where `compress` writes; kept between messages up to `retainedBytes`.
    private(set) var output = UnsafeMutableRawBufferPointer.allocate(byteCount: 0, alignment: 1)
    /// Most messages' gzip fits; a larger buffer is given back after its message.
    static let retainedBytes = 512 << 10

    init(level: Int32) {
        self.level = level
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_deflate_init_raw(stream, level)
        precondition(status == Z_OK, "deflateInit2 failed (\(status)): zlib is out of memory")
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Gives back an output buffer grown past `retainedBytes` for one large message.
    func release() {
        guard output.count > Self.retainedBytes else { return }
        output.deallocate()
        output = .allocate(byteCount: 0, alignment: 1)
    }

    /// Compresses `input` into `output` as one gzip member; returns how many bytes it wrote there.
    func compress(_ input: UnsafeRawBufferPointer) -> Int {
        deflateReset(stream)
        // Base64 of compressed data is coded by Base64BlockCoder (see EncodedBinaryRuns), each run one block
        // of its own between zlib's: the output stays one ordinary gzip member that any reader takes.
        let runs = level > 0 ? EncodedBinaryRuns.find(in: input) : []
        var pieces: [(range: Range<Int>, base64: Bool)] = []
        var position = 0
        for run in runs {
            if position < run.lowerBound {
                pieces.append((position..<run.lowerBound, false))
            } else if let previous = pieces.last, previous.base64 {
                // Two runs in a row are one: zlib always codes something between two of them.
                pieces[pieces.count - 1].range = previous.range.lowerBound..<run.upperBound
                position = run.upperBound
                continue
            }
            pieces.append((run, true))
            position = run.upperBound
        }
        if position < input.count || pieces.isEmpty { pieces.append((position..<input.count, false)) }
        // deflateBound covers zlib's blocks; each flush before a run costs a few bytes, each run at most
        // its own bound; then the gzip header and trailer.
        let bound = Int(deflateBound(stream, uLong(input.count))) + 64 * pieces.count + 18
        if output.count < bound {
            output.deallocate()
            output = .allocate(byteCount: max(bound, min(Self.retainedBytes, 2 * bound)), alignment: 1)
        }
        let header: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, level == 9 ? 2 : level < 2 ? 4 : 0, 3]
        output.copyBytes(from: header)
        var produced = header.count
        // Whether zlib holds bits not yet in `output` (a block under way, or a run's last partial byte).
        var zlibHolds = false
        for (index, piece) in pieces.enumerated() {
            let last = index == pieces.count - 1
            if piece.base64, codeRun(input, piece.range, produced: &produced, flushFirst: zlibHolds) {
                zlibHolds = true
                if last { finishStream(produced: &produced) }
                continue
            }
            deflateRange(input, piece.range, produced: &produced, flush: last ? Z_FINISH : Z_NO_FLUSH)
            zlibHolds = true
        }
        // The trailer: CRC-32 and length modulo 2^32, little-endian.
        while output.count - produced < 8 { grow(keeping: produced) }
        for (index, word) in [Gzip.crc32(input), UInt32(truncatingIfNeeded: input.count)].enumerated() {
            for byte in 0..<4 { output[produced + 4 * index + byte] = UInt8(truncatingIfNeeded: word >> (8 * byte)) }
        }
        return produced + 8
    }

    /// Codes `range` as one Base64BlockCoder block at `produced`: zlib's data so far is flushed to a byte
    /// boundary first and forgets its history (the decoder's history holds the run, zlib's would not),
    /// and the block's last partial byte is handed to zlib to continue from. False, with nothing written
    /// but the flush, when the run holds a byte the coder has no code for: zlib codes it then.
    private func codeRun(
        _ input: UnsafeRawBufferPointer, _ range: Range<Int>, produced: inout Int, flushFirst: Bool
    ) -> Bool {
        if flushFirst {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            while true {
                let status = deflateInto(produced: &produced, flush: Z_FULL_FLUSH)
                precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed (\(status))")
                if stream.pointee.avail_out > 0 { break }
            }
        }
        let bound = Base64BlockCoder.bound(range.count)
        while output.count - produced < bound { grow(keeping: produced) }
        let coded = Base64BlockCoder.encode(
            UnsafeRawBufferPointer(rebasing: input[range]),
            into: output.baseAddress!.assumingMemoryBound(to: UInt8.self) + produced)
        guard let coded else { return false }
        produced += coded.bytes
        if coded.tail.bits > 0 {
            let status = deflatePrime(stream, Int32(coded.tail.bits), Int32(coded.tail.value))
            precondition(status == Z_OK, "deflatePrime failed (\(status))")
        }
        return true
    }

    /// Feeds `range` to zlib.
    private func deflateRange(_ input: UnsafeRawBufferPointer, _ range: Range<Int>, produced: inout Int, flush: Int32) {
        let base = input.baseAddress.map { UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: Bytef.self)) }
        var consumed = range.lowerBound
        while true {
            let inChunk = min(range.upperBound - consumed, Int(UInt32.max / 2))
            stream.pointee.next_in = base.map { $0 + consumed }
            stream.pointee.avail_in = uInt(inChunk)
            let ends = consumed + inChunk == range.upperBound
            let status = deflateInto(produced: &produced, flush: ends ? flush : Z_NO_FLUSH)
            consumed += inChunk - Int(stream.pointee.avail_in)
            if status == Z_STREAM_END { break }
            precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed (\(status))")
            if flush == Z_NO_FLUSH && consumed == range.upperBound && stream.pointee.avail_out > 0 { break }
        }
    }

    /// Ends the deflate data after a run: zlib writes the bits it was handed and an empty final block.
    private func finishStream(produced: inout Int) {
        stream.pointee.next_in = nil
        stream.pointee.avail_in = 0
        while true {
            let status = deflateInto(produced: &produced, flush: Z_FINISH)
            if status == Z_STREAM_END { return }
            precondition(status == Z_OK || status == Z_BUF_ERROR, "deflate failed (\(status))")
        }
    }

    /// One call of `deflate` writing after `produced`, the output grown first when it is full.
    private func deflateInto(produced: inout Int, flush: Int32) -> Int32 {
        if produced == output.count { grow(keeping: produced) }
        let outChunk = min(output.count - produced, Int(UInt32.max / 2))
        stream.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
        stream.pointee.avail_out = uInt(outChunk)
        let status = deflate(stream, flush)
        produced += outChunk - Int(stream.pointee.avail_out)
        return status
    }

    private func grow(keeping produced: Int) {
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: max(4096, output.count * 3 / 2), alignment: 1)
        larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: output[0..<produced]))
        output.deallocate()
        output = larger
    }
}

/// One inflate stream accepting gzip, reset between files.
private final class GzipInflater {
    let stream: UnsafeMutablePointer<z_stream>

    init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = czlib_inflate_init_gzip(stream)
        precondition(status == Z_OK, "inflateInit2 failed (\(status)): zlib is out of memory")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func decompress(_ input: UnsafeRawBufferPointer) throws(Gzip.Failure) -> [UInt8] {
        inflateReset(stream)
        guard input.count >= 18 else {
            if input.count >= 2 && input[0] == 0x1F && input[1] == 0x8B || input.isEmpty { throw .truncated }
            throw .corrupt("too short to be gzip")
        }
        guard input[0] == 0x1F && input[1] == 0x8B else { throw .corrupt("no gzip header") }
        // The trailer's ISIZE is the size modulo 2^32: a good first guess, bounded so a
        // corrupt trailer cannot make us allocate gigabytes up front.
        let tail = input.count - 4
        let sizeHint =
            Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16 | Int(input[tail + 3]) << 24
        var capacity = max(64, min(sizeHint, input.count * 64 + 4096))
        var output = [UInt8](repeating: 0, count: capacity)
        var produced = 0
        var consumed = 0
        let inBase = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        while true {
            if produced == capacity {
                capacity *= 2
                output.append(contentsOf: repeatElement(0, count: capacity - output.count))
            }
            let inChunk = min(input.count - consumed, Int(UInt32.max / 2))
            let outChunk = min(capacity - produced, Int(UInt32.max / 2))
            let status: Int32 = output.withUnsafeMutableBytes { out in
                stream.pointee.next_in = inBase + consumed
                stream.pointee.avail_in = uInt(inChunk)
                stream.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self) + produced
                stream.pointee.avail_out = uInt(outChunk)
                return inflate(stream, Z_NO_FLUSH)
            }
            consumed += inChunk - Int(stream.pointee.avail_in)
            produced += outChunk - Int(stream.pointee.avail_out)
            switch status {
            case Z_STREAM_END:
                // The CRC-32 and ISIZE of this member matched (zlib checks them before saying so).
                if consumed == input.count {
                    output.removeLast(output.count - produced)
                    return output
                }
                if input.count - consumed >= 2 && input[consumed] == 0x1F && input[consumed + 1] == 0x8B {
                    inflateReset(stream)
                    continue
                }
                throw .corrupt("unexpected bytes after the gzip trailer")
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress possible: either the output is full (grow it) or the input ran out.
                if produced == capacity { continue }
                throw .truncated
            case Z_DATA_ERROR:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "invalid deflate data"
                throw .corrupt(reason)
            case Z_NEED_DICT:
                throw .corrupt("needs a preset dictionary")
            default:
                throw .corrupt("zlib error \(status)")
            }
        }
    }
}

/// A few idle compressors per level, handed to whichever thread asks; at most one thread uses each.
private final class CompressorPool: Sendable {
    private let idle = Mutex<[GzipCompressor]>([])

    func take(level: Int32) -> GzipCompressor {
        let reused = idle.withLock { idle in idle.lastIndex(where: { $0.level == level }).map { idle.remove(at: $0) } }
        return reused ?? GzipCompressor(level: level)
    }

    func give(_ compressor: GzipCompressor) {
        idle.withLock { idle in if idle.count < 8 { idle.append(compressor) } }
    }
}

private final class InflaterPool: Sendable {
    private let idle = Mutex<[GzipInflater]>([])

    func take() -> GzipInflater {
        idle.withLock { $0.popLast() } ?? GzipInflater()
    }

    func give(_ inflater: GzipInflater) {
        idle.withLock { idle in if idle.count < 8 { idle.append(inflater) } }
    }
}
