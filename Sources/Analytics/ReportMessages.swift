import MailCore

/// What a report keeps of one message: fixed-size facts, strings by number (`ReportStringTable`). The
/// texts stay where the message came from and are read back through the `ReportTextSource`.
/// 40 bytes: the three 64-bit facts, then numbers into `ReportStringTables`. The flags ride in the top byte of
/// the position (a catalog offset, far below 2^56), and the mailbox and labels are one number of their pair
/// (`ReportStringTables.place`): 48 bytes before, 8 MB more at 1,000,000 messages.
struct ReportRecord {
    var date: Int64
    /// The catalog id as 64 bits (ids are 16 hex digits and sort like these bits).
    var idBits: UInt64
    /// The position in the low 56 bits, the flags in the top 8.
    private var positionAndBits: UInt64
    /// Lower-cased sender address (-1: no From).
    var address: Int32
    /// The sender's display name (-1: none or empty).
    var name: Int32
    /// The sender's domain ("" without a sender).
    var domain: Int32
    /// The "account/mailbox" and labels of the message, as a pair (`ReportStringTables.places`).
    var place: Int32

    init(
        date: Int64, idBits: UInt64, position: Int64, address: Int32, name: Int32, domain: Int32, place: Int32,
        bits: UInt8
    ) {
        precondition(position >= 0 && position < 1 << 56, "a report position must fit in 56 bits")
        self.date = date
        self.idBits = idBits
        positionAndBits = UInt64(position) | UInt64(bits) << 56
        self.address = address
        self.name = name
        self.domain = domain
        self.place = place
    }

    /// Where the text source finds the message.
    var position: Int64 { Int64(positionAndBits & (1 << 56 - 1)) }
    var bits: UInt8 { UInt8(positionAndBits >> 56) }

    static let customer: UInt8 = 1
    static let reply: UInt8 = 2
    /// Its reply text holds a letter (`TopicDocuments.isBlank` is false).
    static let text: UInt8 = 4
}

/// Interned strings of the records: each distinct value once.
final class ReportStringTable {
    private(set) var values: [String] = []
    private var numbers: [String: Int32] = [:]

    func number(_ value: String) -> Int32 {
        if let n = numbers[value] { return n }
        let n = Int32(values.count)
        values.append(value)
        numbers[value] = n
        return n
    }

    subscript(_ n: Int32) -> String { values[Int(n)] }

    /// Lookups are over once the records are in; only the values are kept.
    func freeze() { numbers = [:] }
}

/// The interned strings of a report's records.
final class ReportStringTables {
    let addresses = ReportStringTable()
    let names = ReportStringTable()
    let domains = ReportStringTable()
    let mailboxes = ReportStringTable()
    private(set) var labelSets: [[String]] = []
    private var labelNumbers: [[String]: Int32] = [:]
    /// Per place number: its mailbox and label set.
    private(set) var places: [(mailbox: Int32, labels: Int32)] = []
    private var placeNumbers: [UInt64: Int32] = [:]

    /// The number of a record's ("account/mailbox", labels) pair.
    func place(mailbox: String, labels: [String]) -> Int32 {
        let pair = (mailbox: mailboxes.number(mailbox), labels: self.labels(labels))
        let key = UInt64(UInt32(bitPattern: pair.mailbox)) << 32 | UInt64(UInt32(bitPattern: pair.labels))
        if let n = placeNumbers[key] { return n }
        let n = Int32(places.count)
        places.append(pair)
        placeNumbers[key] = n
        return n
    }

    func labels(_ labels: [String]) -> Int32 {
        let kept = labels.count <= 1 ? labels : Set(labels).sorted()
        if let n = labelNumbers[kept] { return n }
        let n = Int32(labelSets.count)
        labelSets.append(kept)
        labelNumbers[kept] = n
        return n
    }

    func freeze() {
        for table in [addresses, names, domains, mailboxes] { table.freeze() }
        labelNumbers = [:]
        placeNumbers = [:]
    }
}

/// Reads a report's texts back from its source, a batch at a time, and remembers the first failure.
final class ReportTexts: @unchecked Sendable {
    let source: ReportTextSource
    /// Ids that are not 16 hex digits (hand-made summaries in tests), by position.
    let oddIds: [Int64: String]

    init(source: ReportTextSource, oddIds: [Int64: String]) {
        self.source = source
        self.oddIds = oddIds
    }

    func summaries(at positions: [Int64]) -> [MessageSummary?] {
        source.summaries(at: positions.map { Int($0) })
    }

    func summary(at position: Int64) -> MessageSummary? { summaries(at: [position])[0] }
}

/// One message of a report, read in place: the fixed facts from its record, the texts from the source.
struct ReportMessage {
    let record: ReportRecord
    let strings: ReportStringTables
    let texts: ReportTexts

    var date: Int64 { record.date }
    var direction: Direction { record.bits & ReportRecord.customer != 0 ? .customer : .team }
    var isReply: Bool { record.bits & ReportRecord.reply != 0 }
    /// Whether the reply text holds a letter.
    var hasText: Bool { record.bits & ReportRecord.text != 0 }
    var id: String { texts.oddIds[record.position] ?? StableHash.hex(record.idBits) }
    /// The sender's address, lower-cased; nil without a From.
    var address: String? { record.address < 0 ? nil : strings.addresses[record.address] }
    var name: String? { record.name < 0 ? nil : strings.names[record.name] }
    var domain: String { strings.domains[record.domain] }
    var mailbox: String { strings.mailboxes[strings.places[Int(record.place)].mailbox] }
    var labels: [String] { strings.labelSets[Int(strings.places[Int(record.place)].labels)] }

    /// The whole message as the source has it (read back on each call).
    var summary: MessageSummary? { texts.summary(at: record.position) }
    var replyText: String { summary?.replyText ?? "" }
    var subject: String { summary?.subject ?? "" }
    var messageId: String? { summary?.messageId }
}

/// The messages of a report, sorted by (date, id): records and the tables and source they need.
struct ReportMessages: RandomAccessCollection {
    let records: [ReportRecord]
    let strings: ReportStringTables
    let texts: ReportTexts

    var startIndex: Int { 0 }
    var endIndex: Int { records.count }
    subscript(_ i: Int) -> ReportMessage { ReportMessage(record: records[i], strings: strings, texts: texts) }

    /// The whole messages at these indices, in that order, read in one batch.
    func summaries(_ indices: [Int]) -> [MessageSummary?] {
        texts.summaries(at: indices.map { records[$0].position })
    }
}
