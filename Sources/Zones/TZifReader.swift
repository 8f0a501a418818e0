/// Reads a TZif file (RFC 8536), version 2 or later: the 64-bit transitions and the footer.
enum TZifReader {
    static func parse(_ bytes: [UInt8]) -> ZoneRules? {
        guard bytes.count >= 44, bytes[0..<4].elementsEqual("TZif".utf8) else { return nil }
        guard bytes[4] >= 0x32 else { return nil }  // version 1 has no 64-bit block: not in today's databases
        guard let first = Header(bytes, at: 0) else { return nil }
        let second = 44 + first.dataSize(timeSize: 4)
        guard let header = Header(bytes, at: second) else { return nil }
        var at = second + 44
        let end = at + header.dataSize(timeSize: 8)
        guard end <= bytes.count else { return nil }

        var transitions: [Int64] = []
        for _ in 0..<header.timeCount {
            transitions.append(Int64(bitPattern: read(bytes, at, 8)))
            at += 8
        }
        let indices = Array(bytes[at..<(at + header.timeCount)])
        at += header.timeCount
        var types: [(offset: Int32, isDST: Bool)] = []
        for _ in 0..<header.typeCount {
            types.append((Int32(bitPattern: UInt32(read(bytes, at, 4))), bytes[at + 4] != 0))
            at += 6
        }
        guard !types.isEmpty, indices.allSatisfy({ Int($0) < types.count }) else { return nil }
        let offsets = indices.map { types[Int($0)].offset }

        var footer: PosixZoneRule?
        if end < bytes.count, bytes[end] == 0x0A, let close = bytes[(end + 1)...].firstIndex(of: 0x0A) {
            footer = PosixZoneRule(String(decoding: bytes[(end + 1)..<close], as: UTF8.self))
        }
        return .table(transitions: transitions, offsets: offsets, initial: types[0].offset, footer: footer)
    }

    /// The counts of one header, and the size of the data block after it.
    struct Header {
        let isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount: Int

        init?(_ bytes: [UInt8], at start: Int) {
            guard start + 44 <= bytes.count, bytes[start..<(start + 4)].elementsEqual("TZif".utf8) else { return nil }
            let counts = (0..<6).map { Int(TZifReader.read(bytes, start + 20 + 4 * $0, 4)) }
            (isUTCCount, isStandardCount, leapCount, timeCount, typeCount, charCount) =
                (counts[0], counts[1], counts[2], counts[3], counts[4], counts[5])
        }

        func dataSize(timeSize: Int) -> Int {
            timeCount * timeSize + timeCount + typeCount * 6 + charCount + leapCount * (timeSize + 4)
                + isStandardCount + isUTCCount
        }
    }

    /// `count` big-endian bytes at `at`.
    static func read(_ bytes: [UInt8], _ at: Int, _ count: Int) -> UInt64 {
        var value: UInt64 = 0
        for byte in bytes[at..<(at + count)] { value = value << 8 | UInt64(byte) }
        return value
    }
}
