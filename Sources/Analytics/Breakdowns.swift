import MailCore

/// Tables that split the report window by mailbox, label, team member and customer domain,
/// plus the weekday × hour heatmap.
struct Breakdowns {
    struct GroupRow: Equatable {
        var key: String
        var customerMessages = 0
        var customerReplies = 0
        var teamReplies = 0
        var threads = 0
    }

    struct MemberRow: Equatable {
        var address: String
        var name: String
        var teamReplies = 0
        var threads = 0
        /// Threads in which this member gave the first response to the enquiry.
        var firstResponses = 0
        var firstResponseMinutes: [Double] = []
    }

    struct DomainRow: Equatable {
        var domain: String
        var customerMessages = 0
        var threads = 0
        var uniqueCustomers = 0
        var enquiries = 0
        var answered = 0
        var firstResponseMinutes: [Double] = []
    }

    var byMailbox: [GroupRow] = []
    var byLabel: [GroupRow] = []
    var byMember: [MemberRow] = []
    var byDomain: [DomainRow] = []
    /// [weekday 0 = Monday][hour]: customer and team messages.
    var heatmapCustomer = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)
    var heatmapTeam = [[Int]](repeating: [Int](repeating: 0, count: 24), count: 7)

    init(_ data: ReportData, firstDay: Int, lastDay: Int) {
        var tallies = Tallies()
        // Thread after thread: a thread's messages come together, so each row counts its threads by the last one
        // it saw rather than holding a set of them (at 1,000,000 messages each such set was several MB).
        for t in data.threads.indices {
            for i in data.threads[t].members where data.days[i] >= firstDay && data.days[i] <= lastDay {
                tallies.count(data.messages, i, thread: t)
                let (w, h) = data.weekdayHour(i)
                if data.messages[i].direction == .customer {
                    heatmapCustomer[w][h] += 1
                } else {
                    heatmapTeam[w][h] += 1
                }
            }
        }
        for thread in data.threads {
            guard let enquiry = thread.enquiry, data.days[enquiry] >= firstDay, data.days[enquiry] <= lastDay else {
                continue
            }
            tallies.countEnquiry(thread, data.messages)
        }
        byMailbox = Tallies.groups(tallies.mailbox)
        byLabel = Tallies.groups(tallies.label)
        byMember = tallies.members()
        byDomain = tallies.domains()
    }
}

/// The per-mailbox, per-label, per-member and per-domain counts while `Breakdowns` walks the messages.
/// Entries are mutated in place (`table[key, default:]`): copying them out and back would copy each
/// name table on every message. Messages come thread after thread (`Breakdowns.init`), so an entry counts
/// a thread when it differs from the last thread it saw (kept beside the row, -1 before the first).
extension Breakdowns {
    fileprivate struct Tallies {
        var mailbox: [String: (GroupRow, Int)] = [:]
        var label: [String: (GroupRow, Int)] = [:]
        var member: [String: (MemberRow, Int, [String: Int])] = [:]
        /// Per domain its row, the last thread seen and its customers' interned address numbers (4 bytes each,
        /// not a string each).
        var domain: [String: (DomainRow, Int, Set<Int32>)] = [:]

        static func add(
            _ table: inout [String: (GroupRow, Int)], _ key: String, _ direction: Direction, _ isReply: Bool,
            _ thread: Int
        ) {
            if direction == .customer {
                table[key, default: (GroupRow(key: key), -1)].0.customerMessages += 1
                if isReply { table[key, default: (GroupRow(key: key), -1)].0.customerReplies += 1 }
            } else if isReply {
                table[key, default: (GroupRow(key: key), -1)].0.teamReplies += 1
            }
            if table[key, default: (GroupRow(key: key), -1)].1 != thread {
                table[key, default: (GroupRow(key: key), -1)].1 = thread
                table[key, default: (GroupRow(key: key), -1)].0.threads += 1
            }
        }

        /// One message of the period: its mailbox, its labels, and its sender's domain or team member. The
        /// message's strings are interned in the report's tables.
        mutating func count(_ messages: ReportMessages, _ i: Int, thread: Int) {
            let message = messages[i]
            let (direction, isReply) = (message.direction, message.isReply)
            Self.add(&mailbox, message.mailbox, direction, isReply, thread)
            // The labels as interned: one, or the distinct ones sorted.
            for name in message.labels { Self.add(&label, name, direction, isReply, thread) }
            let address = message.address ?? ""
            switch direction {
            case .customer:
                let key = message.domain
                let empty = (DomainRow(domain: key), -1, Set<Int32>())
                domain[key, default: empty].0.customerMessages += 1
                if domain[key, default: empty].1 != thread {
                    domain[key, default: empty].1 = thread
                    domain[key, default: empty].0.threads += 1
                }
                if !address.isEmpty { domain[key, default: empty].2.insert(message.record.address) }
            case .team:
                guard isReply else { break }
                let empty = (MemberRow(address: address, name: ""), -1, [String: Int]())
                member[address, default: empty].0.teamReplies += 1
                if member[address, default: empty].1 != thread {
                    member[address, default: empty].1 = thread
                    member[address, default: empty].0.threads += 1
                }
                if let name = message.name {
                    member[address, default: empty].2[name, default: 0] += 1
                }
            }
        }

        /// A thread whose enquiry is in the period: its customer domain, and who answered first, how fast.
        mutating func countEnquiry(_ thread: ThreadFacts, _ messages: ReportMessages) {
            guard let enquiry = thread.enquiry else { return }
            let key = messages[enquiry].domain
            let emptyDomain = (DomainRow(domain: key), -1, Set<Int32>())
            domain[key, default: emptyDomain].0.enquiries += 1
            guard let minutes = thread.firstResponseMinutes(messages), let response = thread.firstResponse else {
                return
            }
            domain[key, default: emptyDomain].0.answered += 1
            domain[key, default: emptyDomain].0.firstResponseMinutes.append(minutes)
            let address = messages[response].address ?? ""
            let emptyMember = (MemberRow(address: address, name: ""), -1, [String: Int]())
            member[address, default: emptyMember].0.firstResponses += 1
            member[address, default: emptyMember].0.firstResponseMinutes.append(minutes)
            if let name = messages[response].name {
                member[address, default: emptyMember].2[name, default: 0] += 1
            }
        }

        static func groups(_ table: [String: (GroupRow, Int)]) -> [GroupRow] {
            table.values.map(\.0).sorted {
                ($0.customerMessages + $0.teamReplies, $1.key) > ($1.customerMessages + $1.teamReplies, $0.key)
            }
        }

        func members() -> [MemberRow] {
            member.values.map { entry -> MemberRow in
                var row = entry.0
                // The display name used most often; ties broken by the name itself.
                row.name = entry.2.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.first?.key ?? ""
                row.firstResponseMinutes.sort()
                return row
            }.sorted { ($0.teamReplies, $1.address) > ($1.teamReplies, $0.address) }
        }

        func domains() -> [DomainRow] {
            domain.values.map { entry -> DomainRow in
                var row = entry.0
                row.uniqueCustomers = entry.2.count
                row.firstResponseMinutes.sort()
                return row
            }.sorted { ($0.customerMessages, $1.domain) > ($1.customerMessages, $0.domain) }
        }
    }
}
