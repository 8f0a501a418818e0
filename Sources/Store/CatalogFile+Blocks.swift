import Durable
import MailCore

extension CatalogFile {
    /// What `load` returns, read a block at a time: the file is never held whole, so reading the catalog
    /// costs the decoded summaries plus one block (a 100,000-message catalog is about 85 MB on disk;
    /// holding it beside its decoded summaries was most of `report`'s and `show`'s peak memory while loading).
    /// Frames are checked, collapsed and decoded as `load` does them, each block's on every core.
    public func loadInBlocks(blockSize: Int = 4 << 20) throws -> Contents {
        let empty = Contents(summaries: [], records: 0, ignoredBytes: 0)
        guard let fd = try? io(Disk.open(path, flags: Disk.OpenFlags.readOnly)) else { return empty }
        defer { Disk.close(fd) }
        let size = try io(Disk.size(fd, path: path))
        if size == 0 { return empty }
        guard try io(Disk.read(fd, count: Self.magic.count, offset: 0, path: path)) == Self.magic else {
            throw StoreError(
                .corrupt, path: path,
                message:
                    "\(path) is not a mailmirror catalog (bad header). Run `mailmirror reindex` to rebuild it from the store."
            )
        }
        var collapsed = Collapsed()
        // Room for the summaries up front, so the array is not moved (and its pages touched again) each time
        // it doubles: records average 800 bytes on disk; reserved but unused room is never made resident.
        collapsed.summaries.reserveCapacity(size / 400)
        collapsed.positions.reserveCapacity(size / 400)
        var records = 0
        var pendingStart = Self.magic.count  // file offset of `pending`'s first byte: a frame's start
        var pending: [UInt8] = []
        var wanted = blockSize
        while true {
            let readFrom = pendingStart + pending.count
            guard readFrom < size else { break }
            let block = try io(Disk.read(fd, count: min(wanted, size - readFrom), offset: readFrom, path: path))
            guard !block.isEmpty else { break }  // the file shrank under us: what was read is all there is
            pending += block
            var frames: [Range<Int>] = []
            var consumed = 0
            var broken = false
            wanted = blockSize
            pending.withUnsafeBytes { raw in
                while consumed + Self.frameOverhead <= raw.count {
                    let length = Int(Self.readUInt32(raw, consumed))
                    let frameEnd = consumed + Self.frameOverhead + length
                    if frameEnd > raw.count {
                        // Cut by the block: read on, unless the file itself ends first (a torn write).
                        if pendingStart + frameEnd > size { broken = true } else { wanted = max(blockSize, frameEnd) }
                        break
                    }
                    guard let payload = Self.frame(raw, at: consumed) else {
                        broken = true
                        break
                    }
                    let start = payload.baseAddress! - raw.baseAddress!
                    frames.append(start..<start + payload.count)
                    consumed = frameEnd
                }
            }
            try pending.withUnsafeBytes { raw in try collapsed.decode(frames, in: raw, path: path) }
            records += frames.count
            pendingStart += consumed
            pending = Array(pending[consumed...])
            if broken { break }
        }
        return Contents(summaries: collapsed.summaries, records: records, ignoredBytes: size - pendingStart)
    }

    /// One summary per id, the latest written, in the order ids first appeared.
    private struct Collapsed {
        var summaries: [MessageSummary] = []
        var positions: [ID: Int] = [:]

        /// Decodes the payloads at `frames` straight into their slots at the end of `summaries` (on every
        /// core when there are many), then moves each into place: a record for an id seen before replaces
        /// that id's summary. Summaries are moved, never copied (a copy retains each of its strings).
        mutating func decode(_ frames: [Range<Int>], in raw: UnsafeRawBufferPointer, path: String) throws {
            let base = summaries.count
            summaries.append(contentsOf: repeatElement(SummaryCodec.template, count: frames.count))
            let workers = frames.count < 2048 ? 1 : min(Parallel.cores, 8)
            let decoded = summaries.withUnsafeMutableBufferPointer { buffer in
                let slots = UnsafeMutableBufferPointer(rebasing: buffer[base...])
                return Parallel.chunks(frames.count, chunks: workers) { range -> Bool in
                    for index in range {
                        var reader = SummaryCodec.Reader(UnsafeRawBufferPointer(rebasing: raw[frames[index]]))
                        guard let summary = try? SummaryCodec.decode(&reader) else { return false }
                        slots[index] = summary
                    }
                    return true
                }
            }
            guard decoded.allSatisfy({ $0 }) else {
                throw StoreError(
                    .corrupt, path: path,
                    message:
                        "\(path) holds a record this version of mailmirror cannot read (written by a newer version?). Run `mailmirror reindex` to rebuild it."
                )
            }
            var kept = base
            summaries.withUnsafeMutableBufferPointer { buffer in
                for index in base..<buffer.count {
                    let id = ID(buffer[index].id)
                    if let earlier = positions[id] {
                        buffer.swapAt(earlier, index)  // the superseded summary goes where the dropped ones gather
                    } else {
                        positions[id] = kept
                        if kept != index { buffer.swapAt(kept, index) }
                        kept += 1
                    }
                }
            }
            summaries.removeLast(summaries.count - kept)
        }
    }

    /// A catalog id as a table key: its 64 bits when it is the usual 16 lower-case hex digits (cheaper to
    /// hash than the string), else the string.
    private enum ID: Hashable {
        case bits(UInt64)
        case text(String)

        init(_ id: String) {
            self = StableHash.bits(ofHex: id).map { .bits($0) } ?? .text(id)
        }
    }
}
