import MailCore

/// The messages of a report, sorted and indexed once: local days, threads, first responses. Each message
/// is a fixed-size record (`ReportMessages`); texts are read back from the source when needed.
struct ReportData {
    /// Sorted by (date, id); duplicates of one Message-ID kept once.
    let messages: ReportMessages
    /// Local day number of each message (4 bytes each).
    let days: Int32Column
    /// Local weekday and hour of each message in one byte: weekday × 24 + hour (`weekdayHour(_:)`).
    private let weekHours: [UInt8]
    /// Threads in order of their first message; each lists message indices in date order.
    let threads: ReportThreads
    /// Index into `threads` for each message (4 bytes each).
    let threadOf: Int32Column
    /// Display names of every sender and recipient, sorted.
    let displayNames: [String]

    init(messages input: consuming [MessageSummary], clock: inout LocalClock) {
        let all = consume input
        var gathered = ReportInput()
        for (position, summary) in all.enumerated() { gathered.add(summary, position: position) }
        self.init(input: gathered, source: InMemoryTextSource(all), clock: &clock)
    }

    init(input: consuming ReportInput, source: ReportTextSource, clock: inout LocalClock) {
        var input = consume input
        let count = input.records.count
        // The catalog already counts a message once; a Message-ID seen in two mailboxes is a
        // safety net, resolved towards the smallest catalog id so input order does not matter.
        var dropped = [Bool](repeating: false, count: count)
        do {
            let keys = input.messageIdKeys
            var withId = (0..<Int32(count)).filter { keys[Int($0)] != 0 }
            let records = input.records
            let oddIds = input.oddIds
            func idLess(_ a: Int, _ b: Int) -> Bool {
                let (x, y) = (records[a], records[b])
                if oddIds.isEmpty { return x.idBits < y.idBits }
                return (oddIds[x.position] ?? StableHash.hex(x.idBits)) < (oddIds[y.position] ?? StableHash.hex(y.idBits))
            }
            withId.sort { a, b in
                let (x, y) = (keys[Int(a)], keys[Int(b)])
                if x != y { return x < y }
                if idLess(Int(a), Int(b)) { return true }
                if idLess(Int(b), Int(a)) { return false }
                return a < b
            }
            for k in withId.indices.dropFirst() where keys[Int(withId[k])] == keys[Int(withId[k - 1])] {
                dropped[Int(withId[k])] = true
            }
        }
        input.messageIdKeys = []
        // Sort indices by (date, id); then move each record to its place.
        var order = (0..<Int32(count)).filter { !dropped[Int($0)] }
        dropped = []
        do {
            let records = input.records
            let oddIds = input.oddIds
            order.sort { a, b in
                let (x, y) = (records[Int(a)], records[Int(b)])
                if x.date != y.date { return x.date < y.date }
                if oddIds.isEmpty { return x.idBits < y.idBits }
                return (oddIds[x.position] ?? StableHash.hex(x.idBits)) < (oddIds[y.position] ?? StableHash.hex(y.idBits))
            }
        }
        // Moved out of the input and reordered in place (`permute`): one copy of the records at any time.
        var records: [ReportRecord] = []
        var threadKeys: [UInt64] = []
        swap(&records, &input.records)
        swap(&threadKeys, &input.threadKeys)
        do {
            var sources = order.map { Int($0) }
            order = []
            let kept = sources.count
            if kept < count {
                var isKept = [Bool](repeating: false, count: count)
                for i in sources { isKept[i] = true }
                sources += (0..<count).filter { !isKept[$0] }
            }
            Self.permute(&records, into: sources)
            Self.permute(&threadKeys, into: sources)
            records.removeLast(count - kept)
            threadKeys.removeLast(count - kept)
        }
        input.strings.freeze()
        messages = ReportMessages(
            records: records, strings: input.strings, texts: ReportTexts(source: source, oddIds: input.oddIds))
        displayNames = input.names.sorted()
        input.names = []

        var days = [Int32]()
        var weekHours = [UInt8]()
        days.reserveCapacity(records.count)
        weekHours.reserveCapacity(records.count)
        for record in records {
            // Day numbers of real dates are far inside 32 bits; a nonsense date is held at the edge, not trapped on.
            days.append(Int32(clamping: clock.dayNumber(record.date)))
            let wh = clock.weekdayHour(record.date)
            weekHours.append(UInt8(wh.weekday * 24 + wh.hour))
        }
        self.days = Int32Column(days)
        self.weekHours = weekHours

        // Threads by key, numbered in order of their first message; members in date order.
        var byKey = (0..<Int32(records.count)).map { $0 }
        byKey.sort { a, b in
            let (x, y) = (threadKeys[Int(a)], threadKeys[Int(b)])
            return x != y ? x < y : a < b
        }
        var threadOf = [Int32](repeating: 0, count: records.count)
        var firsts: [Int32] = []  // per group (in key order): its first message
        var groupOf = [Int32](repeating: 0, count: records.count)  // per message: its group
        var start = 0
        while start < byKey.count {
            var end = start + 1
            while end < byKey.count, threadKeys[Int(byKey[end])] == threadKeys[Int(byKey[start])] { end += 1 }
            for k in start..<end { groupOf[Int(byKey[k])] = Int32(firsts.count) }
            firsts.append(byKey[start])
            start = end
        }
        byKey = []
        threadKeys = []
        var numberOf = [Int32](repeating: 0, count: firsts.count)
        for (number, group) in firsts.indices.sorted(by: { firsts[$0] < firsts[$1] }).enumerated() {
            numberOf[group] = Int32(number)
        }
        // Members of every thread in one table (`ReportThreads`): no array per thread.
        var starts = [Int32](repeating: 0, count: firsts.count + 1)
        for i in records.indices {
            let t = numberOf[Int(groupOf[i])]
            threadOf[i] = t
            starts[Int(t) + 1] += 1
        }
        groupOf = []
        numberOf = []
        for t in firsts.indices { starts[t + 1] += starts[t] }
        var filled = starts
        var members = [Int32](repeating: 0, count: records.count)
        for i in records.indices {
            let t = Int(threadOf[i])
            members[Int(filled[t])] = Int32(i)
            filled[t] += 1
        }
        filled = []
        self.threadOf = Int32Column(threadOf)
        threads = ReportThreads(members: members, starts: starts, records: records)
    }

    /// Rearranges `items` so that position p holds what was at `sources[p]` (a permutation), by swaps
    /// along its cycles: every element moves once, and no second array is made.
    static func permute<T>(_ items: inout [T], into sources: [Int]) {
        var placed = [Bool](repeating: false, count: sources.count)
        items.withUnsafeMutableBufferPointer { buffer in
            for start in sources.indices where !placed[start] {
                var position = start
                while true {
                    placed[position] = true
                    let source = sources[position]
                    if source == start { break }
                    buffer.swapAt(position, source)
                    position = source
                }
            }
        }
    }

    /// The local weekday and hour of message `i`.
    func weekdayHour(_ i: Int) -> (weekday: Int, hour: Int) {
        let value = Int(weekHours[i])
        return (value / 24, value % 24)
    }

    /// Every message whole, in report order (read back from the source): for tests.
    var summaries: [MessageSummary] { messages.summaries(Array(messages.indices)).map { $0! } }
}

/// The threads of a report, their members in one table: what `ThreadFacts` says of each, made on access.
struct ReportThreads: RandomAccessCollection {
    /// Message indices, thread after thread, each thread's in date order.
    private let members: [Int32]
    /// Where each thread's members start in `members` (one more entry than threads).
    private let starts: [Int32]
    /// Per thread: its enquiry and first response (-1: none).
    private let enquiries: [Int32]
    private let responses: [Int32]

    init(members: [Int32], starts: [Int32], records: [ReportRecord]) {
        self.members = members
        self.starts = starts
        var enquiries = [Int32](repeating: -1, count: Swift.max(0, starts.count - 1))
        var responses = enquiries
        for t in enquiries.indices {
            for k in Int(starts[t])..<Int(starts[t + 1]) {
                let i = members[k]
                let customer = records[Int(i)].bits & ReportRecord.customer != 0
                if enquiries[t] < 0 {
                    if customer { enquiries[t] = i }
                } else if !customer {
                    responses[t] = i
                    break
                }
            }
        }
        self.enquiries = enquiries
        self.responses = responses
    }

    var startIndex: Int { 0 }
    var endIndex: Int { enquiries.count }

    subscript(_ t: Int) -> ThreadFacts {
        ThreadFacts(
            members: members[Int(starts[t])..<Int(starts[t + 1])].map { Int($0) },
            enquiry: enquiries[t] < 0 ? nil : Int(enquiries[t]),
            firstResponse: responses[t] < 0 ? nil : Int(responses[t]))
    }
}

/// What a thread says about the team's responsiveness.
struct ThreadFacts {
    /// Message indices in date order.
    let members: [Int]
    /// The enquiry: the thread's first customer message.
    let enquiry: Int?
    /// The first team message after the enquiry.
    let firstResponse: Int?

    /// Minutes from enquiry to first response.
    func firstResponseMinutes(_ messages: ReportMessages) -> Double? {
        guard let enquiry, let firstResponse else { return nil }
        return Double(messages.records[firstResponse].date - messages.records[enquiry].date) / 60
    }
}
