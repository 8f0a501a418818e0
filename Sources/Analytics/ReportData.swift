import MailCore

/// The messages of a report, sorted and indexed once: local days, threads, first responses.
struct ReportData {
    /// Sorted by (date, id); duplicates of one Message-ID kept once.
    let messages: [MessageSummary]
    /// Local day number of each message.
    let days: [Int]
    let weekdays: [UInt8]
    let hours: [UInt8]
    /// Threads in order of their first message; each lists message indices in date order.
    let threads: [ThreadFacts]
    /// Index into `threads` for each message.
    let threadOf: [Int]

    init(messages input: consuming [MessageSummary], clock: inout LocalClock) {
        var unique = consume input
        // The catalog already counts a message once; a Message-ID seen in two mailboxes is a
        // safety net, resolved towards the smallest catalog id so input order does not matter.
        var owner: [String: Int] = [:]  // Message-ID -> the index keeping it
        owner.reserveCapacity(unique.count)
        var dropped = [Bool](repeating: false, count: unique.count)
        for i in unique.indices {
            guard let mid = unique[i].messageId, !mid.isEmpty else { continue }
            if let other = owner[mid] {
                if unique[i].id < unique[other].id {
                    dropped[other] = true
                    owner[mid] = i
                } else {
                    dropped[i] = true
                }
            } else {
                owner[mid] = i
            }
        }
        owner = [:]
        // Sort indices, not the (large) summaries, by (date, id); then move each summary to its place.
        let dates = unique.map(\.date)
        var order = unique.indices.filter { !dropped[$0] }
        order.sort { a, b in dates[a] != dates[b] ? dates[a] < dates[b] : unique[a].id < unique[b].id }
        Self.permute(&unique, into: order + unique.indices.filter { dropped[$0] })
        unique.removeLast(unique.count - order.count)
        messages = unique
        var days = [Int]()
        var weekdays = [UInt8]()
        var hours = [UInt8]()
        days.reserveCapacity(unique.count)
        for i in unique.indices {
            let date = unique[i].date
            days.append(clock.dayNumber(date))
            let wh = clock.weekdayHour(date)
            weekdays.append(UInt8(wh.weekday))
            hours.append(UInt8(wh.hour))
        }
        self.days = days
        self.weekdays = weekdays
        self.hours = hours

        var threadIndex: [String: Int] = [:]
        var members: [[Int]] = []
        var threadOf = [Int](repeating: 0, count: unique.count)
        for i in unique.indices {
            let key = unique[i].threadId.isEmpty ? "\u{0}" + unique[i].id : unique[i].threadId
            if let t = threadIndex[key] {
                members[t].append(i)
                threadOf[i] = t
            } else {
                threadIndex[key] = members.count
                threadOf[i] = members.count
                members.append([i])
            }
        }
        self.threadOf = threadOf
        threads = members.map { ThreadFacts(members: $0, messages: unique) }
    }

    /// Rearranges `items` so that position p holds what was at `sources[p]` (a permutation), by swaps
    /// along its cycles: every element moves once, none is copied (a copy of a summary retains each of
    /// its strings and arrays).
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
}

/// What a thread says about the team's responsiveness.
struct ThreadFacts {
    /// Message indices in date order.
    let members: [Int]
    /// The enquiry: the thread's first customer message.
    let enquiry: Int?
    /// The first team message after the enquiry.
    let firstResponse: Int?

    init(members: [Int], messages: [MessageSummary]) {
        self.members = members
        var enquiry: Int?
        var response: Int?
        for i in members {
            if enquiry == nil {
                if messages[i].direction == .customer { enquiry = i }
            } else if messages[i].direction == .team {
                response = i
                break
            }
        }
        self.enquiry = enquiry
        self.firstResponse = response
    }

    /// Minutes from enquiry to first response.
    func firstResponseMinutes(_ messages: [MessageSummary]) -> Double? {
        guard let enquiry, let firstResponse else { return nil }
        return Double(messages[firstResponse].date - messages[enquiry].date) / 60
    }
}
