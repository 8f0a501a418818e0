import FoundationEssentials

/// The offsets of a zone over time: fixed, or a TZif file's transitions (RFC 8536) followed by its
/// footer's POSIX rule for the years after the last transition.
enum ZoneRules: Sendable {
    case fixed(Int32)
    case table(transitions: [Int64], offsets: [Int32], initial: Int32, footer: PosixZoneRule?)

    /// The offset east of UTC at `t` seconds since 1970.
    func offset(at t: Int64) -> Int32 {
        switch self {
        case .fixed(let offset):
            return offset
        case .table(let transitions, let offsets, let initial, let footer):
            guard let last = transitions.last else { return footer?.offset(at: t) ?? initial }
            if t < transitions[0] { return initial }
            if t >= last, let footer { return footer.offset(at: t) }
            // The last transition at or before t.
            var low = 0
            var high = transitions.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if transitions[mid] <= t { low = mid } else { high = mid - 1 }
            }
            return offsets[low]
        }
    }

    /// The rules of the database's zone `name`; nil when there is none (or the name leaves the database).
    /// `directory`: the database's folder, by default `TZDIR` or `/usr/share/zoneinfo`.
    static func database(named name: String, in directory: String? = nil) -> ZoneRules? {
        // `localtime` and `posixrules` are files of the database but not zones ICU knows.
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(".."),
            name != "localtime", name != "posixrules",
            name.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 })
        else { return nil }
        let directory =
            directory ?? ProcessInfo.processInfo.environment["TZDIR"].flatMap { $0.isEmpty ? nil : $0 }
            ?? "/usr/share/zoneinfo"
        guard let data = FileManager.default.contents(atPath: directory + "/" + name) else { return nil }
        return TZifReader.parse(Array(data))
    }
}
