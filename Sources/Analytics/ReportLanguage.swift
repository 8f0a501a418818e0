/// The language of `report.md` (CSV headers stay English so scripts keep working).
public enum ReportLanguage: String, Sendable, Hashable, CaseIterable {
    case english = "en"
    case french = "fr"
}
