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

    init(messages input: [MessageSummary], clock: inout LocalClock) {
        // Sort indices, not the (large) summaries themselves.
        let byId = input.indices.sorted { input[$0].id < input[$1].id }
        var seen = Set<String>()
        var kept: [Int] = []
        kept.reserveCapacity(input.count)
        // The catalog already counts a message once; a Message-ID seen in two mailboxes is a
        // safety net, resolved towards the smallest catalog id so input order does not matter.
        for i in byId {
            if let mid = input[i].messageId, !mid.isEmpty {
                if seen.contains(mid) { continue }
                seen.insert(mid)
            }
            kept.append(i)
        }
        kept.sort { input[$0].date != input[$1].date ? input[$0].date < input[$1].date : input[$0].id < input[$1].id }
        let unique = kept.map { input[$0] }
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
