import FoundationEssentials
import TextBasics
import Zones

/// What a report covers and how it is written. Pure values: the caller reads `TZ`,
/// the articles folder and the command line, and passes them in.
public struct ReportOptions: Sendable, Hashable {
    /// First and last day covered, inclusive, in `timeZone`. Nil: the first / last day with mail.
    public var since: CalendarDay?
    public var until: CalendarDay?
    public var granularity: Granularity
    public var formats: Set<ReportFormat>
    /// Masks people: names, e-mail and postal addresses, phone numbers and codes in snippets and
    /// subjects; team members and customer domains that point to someone in the tables.
    public var anonymize: Bool
    public var language: ReportLanguage
    /// The help center's articles; empty when `--articles` was not given.
    public var articles: [Article]
    /// The user's time zone (`TZ`, UTC when unset): days, weeks, hours are counted in it.
    public var timeZone: Zone

    public init(
        since: CalendarDay? = nil, until: CalendarDay? = nil, granularity: Granularity = .month,
        formats: Set<ReportFormat> = [.markdown, .csv], anonymize: Bool = false,
        language: ReportLanguage = .english, articles: [Article] = [], timeZone: Zone = Zone.utc
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
    public static func timeZone(fromTZ value: String?) -> Zone {
        let utc = Zone.utc
        guard var name = value?.trimmed(.whitespaces), !name.isEmpty else { return utc }
        if name.hasPrefix(":") { name.removeFirst() }
        return Zone(identifier: name) ?? Zone(abbreviation: name) ?? utc
    }
}
