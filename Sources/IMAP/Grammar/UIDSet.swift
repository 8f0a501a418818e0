import MailCore

/// A set of UIDs written as compact ranges (`1:4,7,9:*`), as commands send and ESEARCH returns.
public struct UIDSet: Hashable, Sendable, CustomStringConvertible {
    public var ranges: [UIDRange]
    public init(ranges: [UIDRange]) { self.ranges = ranges }

    /// Compresses any list of UIDs into sorted, merged ranges: `[5,1,2,3,9]` → `1:3,5,9`.
    public init(_ uids: some Sequence<UID>) {
        let sorted = Array(Set(uids)).sorted()
        var ranges: [UIDRange] = []
        var start: UID?
        var previous: UID?
        for uid in sorted {
            if let p = previous, uid.rawValue == p.rawValue &+ 1, p.rawValue != UInt32.max {
                previous = uid
                continue
            }
            if let s = start, let p = previous { ranges.append(UIDRange(s, p)) }
            start = uid
            previous = uid
        }
        if let s = start, let p = previous { ranges.append(UIDRange(s, p)) }
        self.ranges = ranges
    }

    /// `1:*`: every message.
    public static let all = UIDSet(ranges: [UIDRange.from(UID(1))])

    public var isEmpty: Bool { ranges.isEmpty }
    public var description: String { ranges.map(\.description).joined(separator: ",") }

    /// Every UID in the set, refusing to expand more than `limit` of them (a hostile server could
    /// claim `1:4294967295`). Open-ended ranges are not expandable.
    public func expanded(limit: Int = 50_000_000) throws(IMAPProtocolError) -> [UID] {
        var total: UInt64 = 0
        for range in ranges {
            guard let c = range.count else {
                throw .unexpected("an open-ended UID range where concrete UIDs were expected")
            }
            total += c
        }
        guard total <= UInt64(limit) else {
            throw .unexpected("a UID set of \(total) UIDs, more than the \(limit) allowed")
        }
        var out: [UID] = []
        out.reserveCapacity(Int(total))
        for range in ranges {
            for raw in range.lower.rawValue...(range.upper ?? range.lower).rawValue { out.append(UID(raw)) }
        }
        return Array(Set(out)).sorted()
    }
}
