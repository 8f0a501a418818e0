import FoundationEssentials
import MailCore
import TextBasics

/// Everything a report shows, computed once; the Markdown, CSV and SVG writers only format it.
struct ReportModel {
    struct KPI {
        enum Kind { case count, rate, minutes, ratio }
        var key: String
        var kind: Kind
        var value: Double?
        var previous: Double?

        var change: Double? {
            guard let value, let previous else { return nil }
            return value - previous
        }
        var relativeChange: Double? {
            guard let value, let previous, previous != 0 else { return nil }
            return (value - previous) / previous
        }
    }

    struct VolumeRow {
        var period: Period
        var metrics: WindowMetrics
    }

    let options: ReportOptions
    let data: ReportData
    let firstDay: Int
    let lastDay: Int
    let previousFirstDay: Int
    let previousLastDay: Int
    let kpis: [KPI]
    let volume: [VolumeRow]
    let breakdowns: Breakdowns
    let topics: TopicSummary
    /// Names in the mailbox's headers (masked under `--anonymize`).
    let names: PersonalText

    init(messages: consuming [MessageSummary], options: ReportOptions, pipeline: TopicPipeline = TopicPipeline()) {
        var clock = LocalClock(timeZone: options.timeZone)
        self.init(data: ReportData(messages: consume messages, clock: &clock), options: options, pipeline: pipeline)
    }

    init(data: ReportData, options: ReportOptions, pipeline: TopicPipeline = TopicPipeline()) {
        self.options = options
        self.data = data
        let first =
            options.since?.dayNumber ?? data.days.first(where: { day in
                options.until.map { day <= $0.dayNumber } ?? true
            })
            ?? options.until?.dayNumber ?? 0
        let last = options.until?.dayNumber ?? data.days.last(where: { $0 >= first }) ?? first
        firstDay = first
        lastDay = max(first, last)
        let length = lastDay - firstDay + 1
        previousFirstDay = firstDay - length
        previousLastDay = firstDay - 1

        let window = Period(key: "window", firstDay: firstDay, lastDay: lastDay)
        let before = Period(key: "previous", firstDay: previousFirstDay, lastDay: previousLastDay)
        let (windowFirst, windowLast) = (firstDay, lastDay)
        let (previousFirst, previousLast) = (previousFirstDay, previousLastDay)
        let periods = Period.covering(first: windowFirst, last: windowLast, options.granularity).map {
            Period(key: $0.key, firstDay: max($0.firstDay, windowFirst), lastDay: min($0.lastDay, windowLast))
        }
        // Topics on one core, counting on the other: independent, and the results do not depend
        // on which finishes first.
        let articles = options.articles
        let (topics, counted) = Parallel.both(
            {
                // The customer messages of each window, found as they are read rather than listed (a list was
                // 4 bytes a message, all of it held while the topics learn).
                func customer(_ first: Int, _ last: Int) -> LazyFilterSequence<Range<Int>> {
                    data.messages.indices.lazy.filter {
                        data.messages.records[$0].bits & ReportRecord.customer != 0 && data.days[$0] >= first
                            && data.days[$0] <= last
                    }
                }
                return pipeline.run(
                    data: data, current: customer(windowFirst, windowLast),
                    previous: customer(previousFirst, previousLast), articles: articles, language: options.language)
            },
            { () -> ([WindowMetrics], [WindowMetrics], Breakdowns) in
                (
                    WindowMetrics.compute(data, periods: [before, window]),
                    WindowMetrics.compute(data, periods: periods),
                    Breakdowns(data, firstDay: windowFirst, lastDay: windowLast)
                )
            })
        self.topics = topics
        let names = options.anonymize ? TopicPipeline.personalText(data) : PersonalText()
        self.names = names
        kpis = ReportModel.kpis(current: counted.0[1], previous: counted.0[0])
        volume = periods.indices.map { ReportModel.VolumeRow(period: periods[$0], metrics: counted.1[$0]) }
        breakdowns =
            options.anonymize
            ? counted.2.anonymized(names: names, strings: ReportStrings(language: options.language)) : counted.2
    }

    static func kpis(current c: WindowMetrics, previous p: WindowMetrics) -> [KPI] {
        func count(_ key: String, _ path: KeyPath<WindowMetrics, Int>) -> KPI {
            KPI(key: key, kind: .count, value: Double(c[keyPath: path]), previous: Double(p[keyPath: path]))
        }
        return [
            count("customer_messages", \.customerMessages),
            count("customer_replies", \.customerReplies),
            count("team_replies", \.teamReplies),
            count("new_threads", \.newThreads),
            count("threads_replied", \.threadsReplied),
            count("unique_customers", \.uniqueCustomers),
            KPI(key: "reply_rate", kind: .rate, value: c.replyRate, previous: p.replyRate),
            KPI(
                key: "first_response_median_minutes", kind: .minutes, value: c.firstResponseMedian,
                previous: p.firstResponseMedian),
            KPI(
                key: "first_response_p90_minutes", kind: .minutes, value: c.firstResponseP90,
                previous: p.firstResponseP90),
            KPI(key: "replies_per_thread", kind: .ratio, value: c.repliesPerThread, previous: p.repliesPerThread),
            count("waiting_threads", \.waitingThreads),
        ]
    }

    /// Whether the previous window had customer mail at all (otherwise trends mean nothing).
    var hasPreviousTopics: Bool { topics.previousCustomerMessages > 0 }

    func trend(_ topic: Topic) -> Double? {
        guard hasPreviousTopics, topic.previousCount > 0 else { return nil }
        return Double(topic.members.count - topic.previousCount) / Double(topic.previousCount)
    }

    /// "new" when the previous window had mail but none on this topic; "growing" when it grew by half or more.
    func status(_ topic: Topic) -> String {
        guard hasPreviousTopics else { return "" }
        if topic.previousCount == 0 { return "new" }
        let now = topic.members.count
        if Double(now) >= 1.5 * Double(topic.previousCount) && now - topic.previousCount >= 3 { return "growing" }
        return ""
    }

    func share(_ topic: Topic) -> Double {
        topics.customerMessages == 0 ? 0 : Double(topic.members.count) / Double(topics.customerMessages)
    }

    func day(_ index: Int) -> String { CalendarDay(dayNumber: data.days[index]).description }

    /// A message's text for a report: greeting line dropped, whitespace collapsed, masked under
    /// `--anonymize`, cut at a word near `limit` characters.
    func snippet(_ index: Int, limit: Int = 160) -> String {
        var lines = data.messages[index].replyText.split(whereSeparator: \.isNewline).map {
            $0.trimmed(.whitespaces)
        }
        lines.removeAll { $0.isEmpty }
        if let first = lines.first, first.count <= 40, first.hasSuffix(",") { lines.removeFirst() }
        if options.anonymize { lines = Anonymizer.mask(lines: lines, names: names, masks: masks) }
        let text = lines.joined(separator: " ")
        guard text.count > limit else { return text }
        var cut = String(text.prefix(limit))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + "…"
    }

    func subject(_ index: Int) -> String {
        let subject = data.messages[index].subject
        return options.anonymize ? mask(subject) : subject
    }

    func mask(_ text: String) -> String { Anonymizer.mask(text, names: names, masks: masks) }

    private var masks: Anonymizer.Masks {
        let strings = ReportStrings(language: options.language)
        return Anonymizer.Masks(
            email: strings.emailMask, phone: strings.phoneMask, name: strings.nameMask, code: strings.codeMask,
            address: strings.postalMask)
    }

    /// What `topic_messages.csv` names a message by: its Message-ID, else its catalog id.
    func messageName(_ index: Int) -> String { messageNames([index])[0] }

    /// `messageName` of each of `indices`, in that order: the Message-IDs are read back a block at a time.
    func messageNames(_ indices: [Int], block: Int = 4_096) -> [String] {
        var names: [String] = []
        names.reserveCapacity(indices.count)
        for start in stride(from: 0, to: indices.count, by: block) {
            let part = Array(indices[start..<min(indices.count, start + block)])
            for (index, summary) in zip(part, data.messages.summaries(part)) {
                if let mid = summary?.messageId, !mid.isEmpty {
                    names.append(mid)
                } else {
                    names.append(data.messages[index].id)
                }
            }
        }
        return names
    }
}
