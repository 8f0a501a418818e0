/// `report.md`: plain CommonMark with pipe tables, readable as text and in any viewer.
enum MarkdownReport {
    static func render(_ model: ReportModel) -> String {
        let s = ReportStrings(language: model.options.language)
        var out = header(model, s)
        out += summarySection(model, s)
        out += volumeSection(model, s)
        out += ["## \(s.heatmap)", "", s.heatmapNote, "", "![\(s.heatmap)](heatmap.svg)", ""]
        out += topicSections(model, s)
        out += breakdownSections(model.breakdowns, s)
        out += ["## \(s.method)", ""]
        for line in s.definitions { out.append("- \(line)") }
        out.append("")
        return out.joined(separator: "\n")
    }

    private static func header(_ model: ReportModel, _ s: ReportStrings) -> [String] {
        func day(_ n: Int) -> String { CalendarDay(dayNumber: n).description }
        return [
            "# \(s.title)",
            "",
            s.coverage(day(model.firstDay), day(model.lastDay), model.options.granularity, model.options.timeZoneName),
            s.previous(day(model.previousFirstDay), day(model.previousLastDay)),
            "",
        ]
    }

    private static func summarySection(_ model: ReportModel, _ s: ReportStrings) -> [String] {
        var out = [
            "## \(s.summary)", "", row([s.metric, s.thisPeriod, s.previousPeriod, s.change]), "|---|---:|---:|---:|",
        ]
        for kpi in model.kpis {
            out.append(
                row([
                    s.kpiName(kpi.key), kpiValue(kpi.value, kpi.kind, s), kpiValue(kpi.previous, kpi.kind, s),
                    kpiChange(kpi, s),
                ]))
        }
        out.append("")
        return out
    }

    private static func volumeSection(_ model: ReportModel, _ s: ReportStrings) -> [String] {
        var out = ["## \(s.volume)", "", "![\(s.volume)](volume.svg)", ""]
        out.append(
            row([
                s.period, s.kpiName("customer_messages"), s.kpiName("customer_replies"), s.kpiName("team_replies"),
                s.kpiName("new_threads"), s.kpiName("reply_rate"), s.kpiName("first_response_median_minutes"),
                s.kpiName("waiting_threads"),
            ]))
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in model.volume {
            let m = r.metrics
            out.append(
                row([
                    r.period.key, String(m.customerMessages), String(m.customerReplies), String(m.teamReplies),
                    String(m.newThreads), s.percent(m.replyRate), s.duration(m.firstResponseMedian),
                    String(m.waitingThreads),
                ]))
        }
        out.append("")
        return out
    }

    /// By mailbox, by label (when there are labels), by team member and by customer domain.
    private static func breakdownSections(_ b: Breakdowns, _ s: ReportStrings) -> [String] {
        var out = ["## \(s.byMailbox)", ""]
        out += groupTable(s.mailbox, b.byMailbox, s)
        if !b.byLabel.isEmpty {
            out += ["## \(s.byLabel)", ""]
            out += groupTable(s.label, b.byLabel, s)
        }
        out += memberSection(b, s)
        out += domainSection(b, s)
        return out
    }

    private static func memberSection(_ b: Breakdowns, _ s: ReportStrings) -> [String] {
        var out = ["## \(s.byMember)", ""]
        out.append(
            row([
                s.member, s.kpiName("team_replies"), s.threads, s.firstResponses,
                s.kpiName("first_response_median_minutes"),
            ]))
        out.append("|---|---:|---:|---:|---:|")
        for m in b.byMember.prefix(25) {
            let who = m.name.isEmpty ? m.address : "\(m.name) (\(m.address))"
            out.append(
                row([
                    who, String(m.teamReplies), String(m.threads), String(m.firstResponses),
                    s.duration(Quantile.of(sorted: m.firstResponseMinutes, 0.5)),
                ]))
        }
        out.append("")
        return out
    }

    private static func domainSection(_ b: Breakdowns, _ s: ReportStrings) -> [String] {
        var out = ["## \(s.byDomain)", ""]
        out.append(
            row([
                s.domain, s.kpiName("customer_messages"), s.threads, s.kpiName("unique_customers"),
                s.kpiName("reply_rate"),
                s.kpiName("first_response_median_minutes"),
            ]))
        out.append("|---|---:|---:|---:|---:|---:|")
        for d in b.byDomain.prefix(25) {
            let rate = d.enquiries == 0 ? nil : Double(d.answered) / Double(d.enquiries)
            out.append(
                row([
                    d.domain, String(d.customerMessages), String(d.threads), String(d.uniqueCustomers), s.percent(rate),
                    s.duration(Quantile.of(sorted: d.firstResponseMinutes, 0.5)),
                ]))
        }
        out.append("")
        return out
    }

    private static func topicSections(_ model: ReportModel, _ s: ReportStrings) -> [String] {
        var out: [String] = ["## \(s.topics)", "", s.topicsNote, ""]
        let topics = model.topics.topics
        guard !topics.isEmpty else { return out + [s.noTopics, ""] }
        out.append("![\(s.topics)](topics.svg)")
        out.append("")
        let hasArticles = !model.options.articles.isEmpty
        out.append(row(["#", s.topic, s.messages, s.threads, s.share, s.trend] + (hasArticles ? [s.article] : [])))
        out.append("|---:|---|---:|---:|---:|---:|" + (hasArticles ? "---|" : ""))
        for t in topics {
            var trend = s.signedPercent(model.trend(t))
            switch model.status(t) {
            case "new": trend = "**\(s.new)**"
            case "growing": trend += " **\(s.growing)**"
            default: break
            }
            var cells = [
                String(t.id), escape(t.label), String(t.members.count), String(t.threadCount),
                s.percent(model.share(t)), trend,
            ]
            if hasArticles {
                if let a = t.bestArticle, t.covered {
                    cells.append(escape(model.options.articles[a].name) + " (" + s.number(t.articleScore, 2) + ")")
                } else {
                    cells.append("—")
                }
            }
            out.append(row(cells))
        }
        out.append("")
        out.append(s.unassigned(model.topics.unassigned, model.topics.customerMessages))
        out.append("")
        for t in topics {
            out.append("### \(t.id). \(escape(t.label))")
            out.append("")
            out.append(
                "\(s.keywords) : ".replacingAll(" :", with: s.isFrench ? " :" : ":")
                    + escape(t.keywords.joined(separator: ", ")))
            out.append("")
            out += examples(t, model)
        }
        out.append("## \(s.toWrite)")
        out.append("")
        if !hasArticles {
            out.append(s.noArticles)
        } else {
            let uncovered = topics.filter { !$0.covered }
            if uncovered.isEmpty {
                out.append(s.allCovered)
            } else {
                out.append(s.toWriteNote)
                out.append("")
                for t in uncovered {
                    out.append(
                        "### \(escape(t.label)) — \(t.members.count) \(s.messages.lowercased()), \(t.threadCount) \(s.threads.lowercased())"
                    )
                    out.append("")
                    out += examples(t, model)
                }
            }
        }
        out.append("")
        return out
    }

    private static func examples(_ t: Topic, _ model: ReportModel) -> [String] {
        var out: [String] = []
        for e in t.examples {
            out.append("- **\(escape(model.subject(e)))** · \(model.day(e)) · `\(model.data.messages[e].id)`")
            let snippet = model.snippet(e)
            if !snippet.isEmpty { out.append("  > \(escape(snippet))") }
        }
        out.append("")
        return out
    }

    private static func groupTable(_ title: String, _ rows: [Breakdowns.GroupRow], _ s: ReportStrings) -> [String] {
        var out = [
            row([
                title, s.kpiName("customer_messages"), s.kpiName("customer_replies"), s.kpiName("team_replies"),
                s.threads,
            ]),
            "|---|---:|---:|---:|---:|",
        ]
        for r in rows.prefix(25) {
            out.append(
                row([
                    escape(r.key), String(r.customerMessages), String(r.customerReplies), String(r.teamReplies),
                    String(r.threads),
                ]))
        }
        out.append("")
        return out
    }

    static func kpiValue(_ v: Double?, _ kind: ReportModel.KPI.Kind, _ s: ReportStrings) -> String {
        switch kind {
        case .count: return s.number(v)
        case .rate: return s.percent(v)
        case .minutes: return s.duration(v)
        case .ratio: return s.number(v, 2)
        }
    }

    static func kpiChange(_ kpi: ReportModel.KPI, _ s: ReportStrings) -> String {
        switch kpi.kind {
        case .rate:
            guard let change = kpi.change else { return "—" }
            let points = NumberFormat.fixed(change * 100, 1, separator: s.decimalMark)
            return (change > 0.0005 ? "+" : "") + points + (s.isFrench ? " pt" : " pt")
        default:
            return s.signedPercent(kpi.relativeChange)
        }
    }

    static func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

    /// Text that must stay text inside Markdown (tables, headings, quotes).
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|", "*", "_", "`", "[", "]", "\\", "#":
                out.append("\\")
                out.append(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\r": out.append(" ")
            default: out.append(ch)
            }
        }
        return out
    }
}
