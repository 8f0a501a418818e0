import MailCore

/// The volume and speed figures of one span of days (a table row or the whole report window).
struct WindowMetrics: Equatable {
    var customerMessages = 0
    /// Customer messages that are replies.
    var customerReplies = 0
    var teamMessages = 0
    /// Team messages that are replies (an outbound message starting a thread is not one).
    var teamReplies = 0
    /// Threads whose first message falls in the span.
    var newThreads = 0
    /// Distinct threads in which the team replied in the span.
    var threadsReplied = 0
    var uniqueCustomers = 0
    /// Threads whose enquiry (first customer message) falls in the span, and how many got a team reply.
    var enquiries = 0
    var answeredEnquiries = 0
    /// Enquiry → first team reply, minutes, for the span's answered enquiries.
    var firstResponseMinutes: [Double] = []
    /// Threads whose last message by the end of the span is a customer's, sent in the span.
    var waitingThreads = 0

    var replyRate: Double? { enquiries == 0 ? nil : Double(answeredEnquiries) / Double(enquiries) }
    var repliesPerThread: Double? { threadsReplied == 0 ? nil : Double(teamReplies) / Double(threadsReplied) }
    var firstResponseMedian: Double? { Quantile.of(sorted: firstResponseMinutes, 0.5) }
    var firstResponseP90: Double? { Quantile.of(sorted: firstResponseMinutes, 0.9) }

    /// Metrics for each of `periods` (sorted, disjoint day ranges) in one pass over the data.
    static func compute(_ data: ReportData, periods: [Period]) -> [WindowMetrics] {
        var rows = [WindowMetrics](repeating: WindowMetrics(), count: periods.count)
        guard !periods.isEmpty else { return rows }
        let firstDays = periods.map(\.firstDay)
        func periodIndex(_ day: Int) -> Int? {
            var lo = 0
            var hi = firstDays.count - 1
            guard day >= firstDays[0] else { return nil }
            while lo < hi {
                let mid = (lo + hi + 1) / 2
                if firstDays[mid] <= day { lo = mid } else { hi = mid - 1 }
            }
            return day <= periods[lo].lastDay ? lo : nil
        }
        var customers = [Set<Int32>](repeating: [], count: periods.count)
        var lastRepliedThread = [Int](repeating: -1, count: periods.count)
        var repliedThreads = [Set<Int32>](repeating: [], count: periods.count)  // thread numbers fit in 32 bits
        let messages = data.messages
        let records = messages.records
        for i in records.indices {
            guard let p = periodIndex(data.days[i]) else { continue }
            let record = records[i]
            let isReply = record.bits & ReportRecord.reply != 0
            if record.bits & ReportRecord.customer != 0 {
                rows[p].customerMessages += 1
                if isReply { rows[p].customerReplies += 1 }
                // Lower-cased addresses are interned: one number per address.
                if record.address >= 0 { customers[p].insert(record.address) }
            } else {
                rows[p].teamMessages += 1
                if isReply {
                    rows[p].teamReplies += 1
                    let t = data.threadOf[i]
                    if lastRepliedThread[p] != t {
                        lastRepliedThread[p] = t
                        repliedThreads[p].insert(Int32(t))
                    }
                }
            }
        }
        for thread in data.threads {
            if let p = periodIndex(data.days[thread.members[0]]) { rows[p].newThreads += 1 }
            if let enquiry = thread.enquiry, let p = periodIndex(data.days[enquiry]) {
                rows[p].enquiries += 1
                if let minutes = thread.firstResponseMinutes(messages) {
                    rows[p].answeredEnquiries += 1
                    rows[p].firstResponseMinutes.append(minutes)
                }
            }
            for (position, i) in thread.members.enumerated() where records[i].bits & ReportRecord.customer != 0 {
                guard let p = periodIndex(data.days[i]) else { continue }
                let next = position + 1 < thread.members.count ? thread.members[position + 1] : nil
                if next == nil || data.days[next!] > periods[p].lastDay { rows[p].waitingThreads += 1 }
            }
        }
        for p in rows.indices {
            rows[p].uniqueCustomers = customers[p].count
            rows[p].threadsReplied = repliedThreads[p].count
            rows[p].firstResponseMinutes.sort()
        }
        return rows
    }
}
