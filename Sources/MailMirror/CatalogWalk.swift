import MailCore
import Store

/// The catalog as `CatalogView` sees it (the latest record per id, in the order ids first appear; of the
/// copies of one message in several mailboxes, the first kept), walked as often as needed instead of held:
/// what the index refresh's full path threads and rewrites. One pass learns the plan (a byte per record,
/// and where the latest record of a re-catalogued id is); each walk then decodes one record at a time, the
/// latest of a re-catalogued id read where it lies. Copies are told apart by `CatalogView.identityHash`.
struct CatalogWalk {
    let catalog: CatalogFile
    /// Records in the file, superseded ones included.
    let storedRecords: Int
    /// Distinct ids: what `walk` hands over.
    let distinct: Int
    /// Messages kept (one copy each).
    let kept: Int
    /// Per record in the file: `first` (the first record of its id) and `keep` (that id's message is kept).
    private let marks: [UInt8]
    /// For an id whose latest record is not its first: where the latest starts, by the first's position.
    private let latest: [Int32: Int]

    private static let first: UInt8 = 1
    private static let keep: UInt8 = 2

    init(catalog: CatalogFile) throws {
        self.catalog = catalog
        var ids: [UInt64] = []
        var identities: [UInt64] = []
        var offsets: [Int] = []
        try catalog.forEachRecord { offset, summary in
            ids.append(PreviousFactsTable.key(summary.id))
            identities.append(CatalogView.identityHash(of: summary) ?? 0)
            offsets.append(offset)
        }
        let count = ids.count
        storedRecords = count
        // Each id's first and latest record: sorted by id, then position.
        var order = (0..<Int32(count)).map { $0 }
        order.sort { ids[Int($0)] != ids[Int($1)] ? ids[Int($0)] < ids[Int($1)] : $0 < $1 }
        var marks = [UInt8](repeating: 0, count: count)
        var latestOf: [(first: Int32, latest: Int32)] = []
        latestOf.reserveCapacity(count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, ids[Int(order[end])] == ids[Int(order[start])] { end += 1 }
            marks[Int(order[start])] = Self.first
            latestOf.append((order[start], order[end - 1]))
            start = end
        }
        order = []
        ids = []
        distinct = latestOf.count
        // Of the copies of one message, the one whose id appears first is kept (`CatalogView.keepFirstCopies`).
        latestOf.sort { a, b in
            let (x, y) = (identities[Int(a.latest)], identities[Int(b.latest)])
            return x != y ? x < y : a.first < b.first
        }
        var kept = 0
        var latest: [Int32: Int] = [:]
        for (position, pair) in latestOf.enumerated() {
            let identity = identities[Int(pair.latest)]
            if identity == 0 || position == 0 || identities[Int(latestOf[position - 1].latest)] != identity {
                marks[Int(pair.first)] |= Self.keep
                kept += 1
            }
            if pair.latest != pair.first { latest[pair.first] = offsets[Int(pair.latest)] }
        }
        self.marks = marks
        self.latest = latest
        self.kept = kept
    }

    /// The latest record of every id, in the order ids first appear, with its position in that order and
    /// whether its message is kept. Records appended after the plan was made are not handed over.
    func walk(_ body: (_ position: Int, _ summary: MessageSummary, _ kept: Bool) throws -> Void) throws {
        var record = 0
        var position = 0
        try catalog.forEachRecord { _, summary in
            defer { record += 1 }
            guard record < marks.count, marks[record] & Self.first != 0 else { return }
            var current = summary
            if let offset = latest[Int32(record)] {
                guard let found = try catalog.records(at: [offset])[offset] else {
                    throw StoreError(
                        .corrupt, path: catalog.path,
                        message: "\(catalog.path) changed while it was read. Run `mailmirror reindex` to rebuild it.")
                }
                current = found
            }
            try body(position, current, marks[record] & Self.keep != 0)
            position += 1
        }
    }
}
