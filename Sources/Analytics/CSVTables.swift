/// The report's tables as RFC 4180 CSV files (machine-readable: English headers, `.` decimals).
enum CSVTables {
    /// The tables; `topic_messages.csv` left out when `streamingTopicMessages` (`PreparedReport` hands it
    /// over a topic at a time).
    static func files(_ model: ReportModel, streamingTopicMessages: Bool = false) -> [ReportFile] {
        [
            kpis(model), volume(model), heatmap(model), topics(model),
            groups("by_mailbox.csv", "mailbox", model.breakdowns.byMailbox),
            groups("by_label.csv", "label", model.breakdowns.byLabel),
            members(model), domains(model),
        ] + (streamingTopicMessages ? [] : [topicMessages(model)])
    }

    static let topicMessagesName = "topic_messages.csv"

    static func value(_ v: Double?, _ kind: ReportModel.KPI.Kind) -> String {
        guard let v else { return "" }
        switch kind {
        case .count: return NumberFormat.fixed(v, 0)
        case .rate: return NumberFormat.fixed(v, 4)
        case .minutes: return NumberFormat.fixed(v, 1)
        case .ratio: return NumberFormat.fixed(v, 2)
        }
    }

    static func kpis(_ model: ReportModel) -> ReportFile {
        var csv = CSVWriter(header: ["kpi", "value", "previous", "change", "change_percent"])
        for kpi in model.kpis {
            csv.append([
                kpi.key, value(kpi.value, kpi.kind), value(kpi.previous, kpi.kind),
                kpi.change.map { value($0, kpi.kind) } ?? "",
                kpi.relativeChange.map { NumberFormat.fixed($0 * 100, 1) } ?? "",
            ])
        }
        return ReportFile(name: "kpis.csv", contents: csv.text)
    }

    static func volume(_ model: ReportModel) -> ReportFile {
        var csv = CSVWriter(header: [
            "period", "customer_messages", "customer_replies", "team_replies", "new_threads", "threads_replied",
            "first_response_median_minutes", "first_response_p90_minutes", "unique_customers", "reply_rate",
            "replies_per_thread", "waiting_threads", "team_messages", "first_day", "last_day",
        ])
        for row in model.volume {
            let m = row.metrics
            csv.append([
                row.period.key, String(m.customerMessages), String(m.customerReplies), String(m.teamReplies),
                String(m.newThreads),
                String(m.threadsReplied), NumberFormat.optional(m.firstResponseMedian, 1),
                NumberFormat.optional(m.firstResponseP90, 1),
                String(m.uniqueCustomers), NumberFormat.optional(m.replyRate, 4),
                NumberFormat.optional(m.repliesPerThread, 2),
                String(m.waitingThreads), String(m.teamMessages),
                CalendarDay(dayNumber: row.period.firstDay).description,
                CalendarDay(dayNumber: row.period.lastDay).description,
            ])
        }
        return ReportFile(name: "volume.csv", contents: csv.text)
    }

    static func heatmap(_ model: ReportModel) -> ReportFile {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        var csv = CSVWriter(header: ["weekday", "day", "hour", "customer_messages", "team_messages"])
        for w in 0..<7 {
            for h in 0..<24 {
                csv.append([
                    String(w + 1), names[w], String(h), String(model.breakdowns.heatmapCustomer[w][h]),
                    String(model.breakdowns.heatmapTeam[w][h]),
                ])
            }
        }
        return ReportFile(name: "heatmap.csv", contents: csv.text)
    }

    static func topics(_ model: ReportModel) -> ReportFile {
        var csv = CSVWriter(header: [
            "topic_id", "label", "keywords", "messages", "threads", "share", "trend", "article", "article_score",
            "previous_messages", "status", "article_covers", "label_other_language",
        ])
        for topic in model.topics.topics {
            let article = topic.bestArticle.map { model.options.articles[$0].name } ?? ""
            csv.append([
                String(topic.id), topic.label, topic.keywords.joined(separator: "; "), String(topic.members.count),
                String(topic.threadCount), NumberFormat.fixed(model.share(topic), 4),
                NumberFormat.optional(model.trend(topic), 3),
                article, NumberFormat.optional(topic.articleScore, 3),
                model.hasPreviousTopics ? String(topic.previousCount) : "", model.status(topic),
                topic.bestArticle == nil ? "" : (topic.covered ? "yes" : "no"), topic.otherLanguageLabel,
            ])
        }
        return ReportFile(name: "topics.csv", contents: csv.text)
    }

    /// `topic_messages.csv` whole (`topicMessages(_:_:)` gathered into one string).
    static func topicMessages(_ model: ReportModel) -> ReportFile {
        var text = ""
        topicMessages(model) { text += $0 }
        return ReportFile(name: topicMessagesName, contents: text)
    }

    /// `topic_messages.csv` in pieces: the header, then each topic's rows (one per member, its names sorted).
    static func topicMessages<E: Error>(_ model: ReportModel, _ append: (String) throws(E) -> Void) throws(E) {
        try append(CSVWriter(header: ["topic_id", "message_id"]).text)
        for topic in model.topics.topics {
            var rows = CSVWriter()
            for name in model.messageNames(topic.members).sorted() { rows.append([String(topic.id), name]) }
            try append(rows.text)
        }
    }

    static func groups(_ name: String, _ column: String, _ rows: [Breakdowns.GroupRow]) -> ReportFile {
        var csv = CSVWriter(header: [column, "customer_messages", "customer_replies", "team_replies", "threads"])
        for row in rows {
            csv.append([
                row.key, String(row.customerMessages), String(row.customerReplies), String(row.teamReplies),
                String(row.threads),
            ])
        }
        return ReportFile(name: name, contents: csv.text)
    }

    static func members(_ model: ReportModel) -> ReportFile {
        var csv = CSVWriter(header: [
            "address", "name", "team_replies", "threads", "first_responses",
            "first_response_median_minutes", "first_response_p90_minutes",
        ])
        for row in model.breakdowns.byMember {
            csv.append([
                row.address, row.name, String(row.teamReplies), String(row.threads), String(row.firstResponses),
                NumberFormat.optional(Quantile.of(sorted: row.firstResponseMinutes, 0.5), 1),
                NumberFormat.optional(Quantile.of(sorted: row.firstResponseMinutes, 0.9), 1),
            ])
        }
        return ReportFile(name: "by_team_member.csv", contents: csv.text)
    }

    static func domains(_ model: ReportModel) -> ReportFile {
        var csv = CSVWriter(header: [
            "domain", "customer_messages", "threads", "unique_customers", "enquiries", "reply_rate",
            "first_response_median_minutes",
        ])
        for row in model.breakdowns.byDomain {
            csv.append([
                row.domain, String(row.customerMessages), String(row.threads), String(row.uniqueCustomers),
                String(row.enquiries),
                row.enquiries == 0 ? "" : NumberFormat.fixed(Double(row.answered) / Double(row.enquiries), 4),
                NumberFormat.optional(Quantile.of(sorted: row.firstResponseMinutes, 0.5), 1),
            ])
        }
        return ReportFile(name: "by_customer_domain.csv", contents: csv.text)
    }
}
