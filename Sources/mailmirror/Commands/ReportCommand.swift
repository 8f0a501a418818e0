import Analytics
import FoundationEssentials
import MailMirror
import Terminal

/// `mailmirror report`.
enum ReportCommand {
    static let spec = CommandSpec(
        "report",
        abstract: "Write the help-center report: reply volumes, response times, recurring topics (Markdown, SVG, CSV).",
        discussion: """
            Team and customers are told apart by each account's --team addresses and domains. Days are in your \
            time zone (TZ, UTC when unset). With --articles, each recurring topic is matched to the article that \
            covers it best, and the topics no article covers are listed: the articles still to write.
            """,
        options: [
            .option(
                "since", value: "yyyy-mm-dd", help: "First day covered (inclusive; default: the first day with mail)."),
            .option(
                "until", value: "yyyy-mm-dd", help: "Last day covered (inclusive; default: the last day with mail)."),
            .option(
                "by", value: "period", help: "day, week (ISO) or month.", defaultValue: "month",
                allowedValues: ["day", "week", "month"]),
            .option("out", value: "dir", help: "Where to write.", defaultValue: "Reports"),
            .option("format", value: "list", help: "md, csv or md,csv.", defaultValue: "md,csv"),
            .flag(
                "anonymize",
                help: "Mask people: names, addresses, phone numbers, order codes, team members, small domains."),
            .option(
                "lang", value: "lang", help: "Language of report.md: en or fr.", defaultValue: "en",
                allowedValues: ["en", "fr"]),
            .option("articles", value: "dir", help: "The help center's articles (Markdown, HTML or text files)."),
        ]
    ) { invocation in
        let values = invocation.values
        func day(_ name: String) throws -> CalendarDay? {
            guard let text = values.string(name) else { return nil }
            guard let day = CalendarDay(parsing: text) else {
                throw UsageError("--\(name) \(text) is not a day written YYYY-MM-DD")
            }
            return day
        }
        let since = try day("since")
        let until = try day("until")
        if let since, let until, until < since { throw UsageError("--until \(until) is before --since \(since)") }
        guard let formats = ReportFormat.parseList(values.declaredString("format")), !formats.isEmpty else {
            throw UsageError("--format takes md, csv or md,csv")
        }
        let articles =
            try values.string("articles").map { try LocalMirror.loadArticles(from: URL(fileURLWithPath: $0)) } ?? []
        let options = ReportOptions(
            since: since, until: until, granularity: try values.declaredChoice("by", as: Granularity.self),
            formats: formats, anonymize: values.flag("anonymize"),
            language: try values.declaredChoice("lang", as: ReportLanguage.self), articles: articles,
            timeZone: ReportOptions.timeZone(fromTZ: invocation.environment["TZ"]))
        let directory = URL(fileURLWithPath: values.declaredString("out")).standardizedFileURL
        let mirror = MailmirrorCommand.mirror(invocation)
        try MailmirrorCommand.checkDerivedData(mirror, invocation)
        let written = try mirror.report(options: options, to: directory)
        let report = written.first { $0.lastPathComponent == "report.md" }
        invocation.output.line(
            "Wrote \(written.count) files to \(directory.path)\(report.map { "; open \($0.path)" } ?? "").")
        return .success
    }
}
