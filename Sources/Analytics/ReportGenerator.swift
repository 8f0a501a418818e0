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
        var clock = LocalClock(timeZone: options.timeZone)
        let data = ReportData(input: consume input, source: source, clock: &clock)
        return files(ReportModel(data: data, options: options), options: options)
    }

    private func files(_ model: ReportModel, options: ReportOptions) -> [ReportFile] {
        var files: [ReportFile] = []
        if options.formats.contains(.csv) { files += CSVTables.files(model) }
        if options.formats.contains(.markdown) {
            files.append(ReportFile(name: "report.md", contents: MarkdownReport.render(model)))
            files += SVGCharts.files(model)
        }
        return files.sorted { $0.name < $1.name }
    }
}
