import Foundation

/// What a report covers and how it is written. Pure values: the caller reads `TZ`,
/// the articles folder and the command line, and passes them in.
public struct ReportOptions: Sendable, Hashable {
    /// First and last day covered, inclusive, in `timeZone`. Nil: the first / last day with mail.
    public var since: CalendarDay?
    public var until: CalendarDay?
    public var granularity: Granularity
    public var formats: Set<ReportFormat>
    /// Masks e-mail addresses and phone numbers in snippets and subjects.
    public var anonymize: Bool
    public var language: ReportLanguage
    /// The help center's articles; empty when `--articles` was not given.
    public var articles: [Article]
    /// The user's time zone (`TZ`, UTC when unset): days, weeks, hours are counted in it.
    public var timeZone: TimeZone

    public init(
        since: CalendarDay? = nil, until: CalendarDay? = nil, granularity: Granularity = .month,
        formats: Set<ReportFormat> = [.markdown, .csv], anonymize: Bool = false,
        language: ReportLanguage = .english, articles: [Article] = [], timeZone: TimeZone = TimeZone(identifier: "UTC")!
    ) {
        self.since = since
        self.until = until
        self.granularity = granularity
        self.formats = formats
        self.anonymize = anonymize
        self.language = language
        self.articles = articles
        self.timeZone = timeZone
    }

    /// The zone's name as the report prints it ("UTC" rather than Foundation's "GMT").
    public var timeZoneName: String {
        let id = timeZone.identifier
        return id == "GMT" || id == "GMT+0000" || id == "Etc/UTC" ? "UTC" : id
    }

    /// The time zone named by `TZ` (a name such as `Europe/Paris`, or `UTC`); UTC when unset or unknown.
    public static func timeZone(fromTZ value: String?) -> TimeZone {
        let utc = TimeZone(identifier: "UTC")!
        guard var name = value?.trimmingCharacters(in: .whitespaces), !name.isEmpty else { return utc }
        if name.hasPrefix(":") { name.removeFirst() }
        return TimeZone(identifier: name) ?? TimeZone(abbreviation: name) ?? utc
    }
}

/// How volumes are grouped over time.
public enum Granularity: String, Sendable, Hashable, CaseIterable {
    case day, week, month
}

/// The files a report writes.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// `report.md` and the SVG charts it links.
    case markdown = "md"
    /// One CSV per table.
    case csv

    /// Parses `--format` ("md,csv", "csv", "markdown"); nil when a name is unknown or none is given.
    public static func parseList(_ text: String) -> Set<ReportFormat>? {
        var formats = Set<ReportFormat>()
        for name in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() })
        where !name.isEmpty {
            switch name {
            case "md", "markdown": formats.insert(.markdown)
            case "csv": formats.insert(.csv)
            default: return nil
            }
        }
        return formats.isEmpty ? nil : formats
    }
}

/// The language of `report.md` (CSV headers stay English so scripts keep working).
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case french = "fr"
}

/// One help-center article, already read by the caller (Markdown, HTML or plain text).
public struct Article: Sendable, Hashable {
    /// What the report shows, e.g. the title or file name.
    public var name: String
    /// Where it came from (relative path), shown beside the name.
    public var path: String
    public var text: String

    public init(name: String, path: String, text: String) {
        self.name = name
        self.path = path
        self.text = text
    }
}

/// One file of the report: a name relative to the output folder and its UTF-8 contents.
public struct ReportFile: Sendable, Hashable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
