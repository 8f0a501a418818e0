import MailCore

/// Builds the help-center report from catalog summaries: pure, no I/O. The caller writes each
/// returned file into the output folder. The same input gives the same bytes (no dates of
/// generation, no unordered iteration, locale-free numbers).
public struct ReportGenerator: Sendable {
    public init() {}

    /// The report files for `messages` (every mirrored message: earlier mail is needed to know
    /// which threads are new and to compare with the previous period), sorted by name. Given
    /// ownership of `messages` (`consume`), the report sorts them in place rather than copying them.
    public func generate(messages: consuming [MessageSummary], options: ReportOptions) -> [ReportFile] {
        files(ReportModel(messages: consume messages, options: options), options: options)
    }

    /// The same report from messages gathered one at a time (`ReportInput`, one copy per message, threaded):
    /// the report keeps a few fixed-size facts per message and reads texts back from `source` only for the
    /// messages it learns topics on or shows.
    public func generate(input: consuming ReportInput, source: ReportTextSource, options: ReportOptions)
        -> [ReportFile]
    {
        let prepared = prepare(input: consume input, source: source, options: options)
        guard prepared.streamedName != nil else { return prepared.files }
        return (prepared.files + [CSVTables.topicMessages(prepared.model)]).sorted { $0.name < $1.name }
    }

    /// The same report, `topic_messages.csv` left to be written a topic at a time (`PreparedReport`): what
    /// a caller that writes files uses, so the largest table is never held whole.
    public func prepare(input: consuming ReportInput, source: ReportTextSource, options: ReportOptions)
        -> PreparedReport
    {
        var clock = LocalClock(timeZone: options.timeZone)
        let data = ReportData(input: consume input, source: source, clock: &clock)
        let model = ReportModel(data: data, options: options)
        return PreparedReport(model: model, files: files(model, options: options, streamingTopicMessages: true))
    }

    private func files(_ model: ReportModel, options: ReportOptions, streamingTopicMessages: Bool = false)
        -> [ReportFile]
    {
        var files: [ReportFile] = []
        if options.formats.contains(.csv) {
            files += CSVTables.files(model, streamingTopicMessages: streamingTopicMessages)
        }
        if options.formats.contains(.markdown) {
            files.append(ReportFile(name: "report.md", contents: MarkdownReport.render(model)))
            files += SVGCharts.files(model)
        }
        return files.sorted { $0.name < $1.name }
    }
}
