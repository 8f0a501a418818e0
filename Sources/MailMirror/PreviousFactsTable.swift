import MIME
import MailCore

/// What only the server knew of each message (`IndexRefresher.PreviousFacts`), from the old catalog, for
/// `reindex`: 16 bytes per message (its id's 64 bits and its date, in a sorted array searched by halves);
/// Gmail ids and labels only for the records that have them. A dictionary keyed by id strings took about
/// 100 bytes per message.
struct PreviousFactsTable: Sendable {
    private var keys: [UInt64] = []
    private var dates: [Int64] = []
    private var gmail: [UInt64: (message: UInt64?, thread: UInt64?, labels: [String])] = [:]
    private var sealed = true

    /// An id as a key: its 64 bits when it is 16 hex digits (a catalog id always is), else its hash.
    static func key(_ id: String) -> UInt64 { StableHash.bits(ofHex: id) ?? StableHash.fnv1a64(id) }

    /// Adds a record read in catalog order (a later one for an id replaces an earlier one); `seal` after.
    mutating func add(_ record: MessageSummary) {
        let key = Self.key(record.id)
        keys.append(key)
        dates.append(record.date)
        sealed = false
        if record.gmailMessageId != nil || record.gmailThreadId != nil || !record.labels.isEmpty {
            gmail[key] = (record.gmailMessageId, record.gmailThreadId, record.labels)
        } else {
            gmail[key] = nil
        }
    }

    /// Sorts by key, the latest record of each id kept.
    mutating func seal() {
        guard !sealed else { return }
        // Sorted by key, then by position in the catalog: the last of a run of equal keys is the latest.
        let order = keys.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
        var sortedKeys: [UInt64] = []
        var sortedDates: [Int64] = []
        sortedKeys.reserveCapacity(keys.count)
        sortedDates.reserveCapacity(keys.count)
        for (position, index) in order.enumerated() {
            if position + 1 < order.count, keys[order[position + 1]] == keys[index] { continue }
            sortedKeys.append(keys[index])
            sortedDates.append(dates[index])
        }
        keys = sortedKeys
        dates = sortedDates
        sealed = true
    }

    subscript(id: String) -> IndexRefresher.PreviousFacts? {
        let key = Self.key(id)
        var low = 0
        var high = keys.count
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        guard low < keys.count, keys[low] == key else { return nil }
        let extra = gmail[key]
        return IndexRefresher.PreviousFacts(
            date: dates[low], gmailMessageId: extra?.message, gmailThreadId: extra?.thread, labels: extra?.labels ?? [])
    }
}
