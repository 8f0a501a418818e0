import MIME
import MailCore
import Store

/// The catalog records an index refresh by lookup reads, found through `catalog/threads` and read one by
/// one (never the catalog whole), with what was already asked so that nothing is read twice.
struct ThreadLookup {
    /// Too many records read: the full path costs less.
    struct TooMuch: Error {}

    let table: ThreadTable
    let catalog: CatalogFile
    let maxReads: Int

    /// The latest records read and not taken yet (`take`), in the order they were read, with only what
    /// threading reads (`CatalogReader.records(at:threadingOnly:)`): a refresh may read tens of thousands, and their texts would
    /// cost megabytes (`whole` reads one again in full). An array grown by a quarter at a time, not a table
    /// by offset: a record is over 200 bytes before its strings, and a table keeps up to twice the room.
    private(set) var existing: [MessageSummary] = []
    /// How many records were read, taken or not.
    private(set) var readCount = 0
    /// The thread id each record read holds in the catalog, by id (kept as records are read, not made
    /// again on every round of the subject windows).
    private(set) var storedThreads: [String: String] = [:]
    private var spans: [String: (first: Int, latest: Int)?] = [:]
    private var seen = Set<Int>()
    private var asked = Set<UInt64>()
    /// The catalog, opened at the first read and kept open for the whole lookup.
    private var reader: CatalogReader?
    /// One copy of each string the records read share: a Message-ID is named again by every later message
    /// of its thread, a subject, an address and a thread id by many records (each read on its own). Shared
    /// as the records are decoded: a string found there is neither made nor freed again.
    private let strings = StringPool()

    init(table: ThreadTable, catalog: CatalogFile, maxReads: Int) {
        self.table = table
        self.catalog = catalog
        self.maxReads = maxReads
    }

    /// Where an id's first and latest records start, or nil when the table does not know it.
    mutating func span(_ id: String) throws -> (first: Int, latest: Int)? {
        if let known = spans[id] { return known }
        let offsets = try table.lookup(ThreadTable.Key.record(id)).map { Int($0) }
        let found = offsets.min().map { ($0, offsets.max()!) }
        spans[id] = found
        return found
    }

    /// Reads the records at `offsets` that are still the latest of their id.
    mutating func read(_ offsets: [Int]) throws -> [MessageSummary] {
        let wanted = offsets.filter { seen.insert($0).inserted }
        var found: [MessageSummary] = []
        for (offset, record) in try catalogRecords(at: wanted.sorted(), threadingOnly: true)
        where try span(record.id)?.latest == offset {
            if existing.count == existing.capacity {
                existing.reserveCapacity(existing.count + existing.count / 4 + 256)
            }
            existing.append(record)
            readCount += 1
            storedThreads[record.id] = record.threadId
            found.append(record)
        }
        guard readCount <= maxReads else { throw TooMuch() }
        return found
    }

    /// The records at `offsets` that are still the latest of their id, with only what threading reads, left
    /// out of what the lookup read (`existing`, `readCount`, and the offsets `read` skips): the subject
    /// windows look at a few records to learn that nothing needs reading around them, and those must not be
    /// threaded (they come without the records they name).
    mutating func peek(_ offsets: [Int]) throws -> [MessageSummary] {
        var found: [MessageSummary] = []
        for (offset, record) in try catalogRecords(at: Array(Set(offsets)).sorted(), threadingOnly: true)
        where try span(record.id)?.latest == offset {
            found.append(record)
        }
        return found
    }

    /// `records` as the catalog holds them in full, each with the thread id it has here: those read
    /// (`existing`, with only their threading fields) are read again; the others (`fresh`, read in full)
    /// are kept. A record not found where the table says throws `TooMuch`: the full path runs.
    mutating func whole(_ records: [MessageSummary], fresh: Set<String>) throws -> [MessageSummary] {
        var offsets: [String: Int] = [:]
        for record in records where !fresh.contains(record.id) {
            guard let latest = try span(record.id)?.latest else { throw TooMuch() }
            offsets[record.id] = latest
        }
        let full = try catalogRecords(at: Array(Set(offsets.values)).sorted(), threadingOnly: false)
        return try records.map { record in
            guard let offset = offsets[record.id] else { return record }
            guard var found = full[offset], found.id == record.id else { throw TooMuch() }
            found.threadId = record.threadId
            return found
        }
    }

    /// The catalog's records at `offsets`, through the one reader of the lookup (`threadingOnly`: without
    /// their text, attachments, flags and labels, and with their strings shared).
    private mutating func catalogRecords(at offsets: [Int], threadingOnly: Bool) throws -> [Int: MessageSummary] {
        guard !offsets.isEmpty else { return [:] }
        if reader == nil { reader = try catalog.reader() }
        return try reader!.records(at: offsets, threadingOnly: threadingOnly, strings: threadingOnly ? strings : nil)
    }

    /// Adds the reference threads of `records`: every record naming, or named by, one of them, until
    /// nothing new turns up.
    mutating func close(_ records: [MessageSummary]) throws {
        var frontier = records
        while !frontier.isEmpty {
            var offsets: [Int] = []
            for record in frontier {
                for key in ThreadTable.mentionKeys(record) where asked.insert(key).inserted {
                    offsets += try table.lookup(key).map { Int($0) }
                }
            }
            frontier = try read(offsets)
        }
    }

    /// Hands over the records read and not taken yet: whoever threads them holds them from then on.
    mutating func take() -> [MessageSummary] {
        defer { existing = [] }
        return existing
    }

    /// The records read and not taken, in the catalog's order (each id where it first appeared).
    mutating func ordered() throws -> [MessageSummary] {
        try ordered(existing, then: [])
    }

    /// `records` (read here) in the catalog's order, then `more`, in one array of their size (a refresh may
    /// read tens of thousands).
    mutating func ordered(_ records: [MessageSummary], then more: [MessageSummary]) throws -> [MessageSummary] {
        var keyed: [(first: Int, id: String, position: Int)] = []
        keyed.reserveCapacity(records.count)
        // By index, reading the id in place (`for record in` copies each record).
        for position in records.indices {
            let id = records[position].id
            keyed.append((try span(id)?.first ?? Int.max, id, position))
        }
        keyed.sort { ($0.first, $0.id) < ($1.first, $1.id) }
        var ordered: [MessageSummary] = []
        ordered.reserveCapacity(keyed.count + more.count)
        for key in keyed { ordered.append(records[key.position]) }
        ordered += more
        return ordered
    }

    /// `records` (read here, or `fresh`, at most one of each id) in the order `CatalogView.latest` gives
    /// the records read and `fresh`: those the table knows where their id first appears in the catalog,
    /// then the others in the order of `fresh`.
    mutating func catalogOrdered(_ records: [MessageSummary], fresh: [MessageSummary]) throws -> [MessageSummary] {
        var freshOrder: [String: Int] = [:]
        for index in fresh.indices where freshOrder[fresh[index].id] == nil { freshOrder[fresh[index].id] = index }
        var keyed: [(known: Int, first: Int, id: String, position: Int)] = []
        keyed.reserveCapacity(records.count)
        // By index, reading the id in place (`for record in` copies each record).
        for position in records.indices {
            let id = records[position].id
            if let first = try span(id)?.first {
                keyed.append((0, first, id, position))
            } else {
                keyed.append((1, freshOrder[id] ?? Int.max, id, position))
            }
        }
        keyed.sort { ($0.known, $0.first, $0.id) < ($1.known, $1.first, $1.id) }
        return keyed.map { records[$0.position] }
    }
}
