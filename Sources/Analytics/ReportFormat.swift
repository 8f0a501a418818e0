import FoundationEssentials
import TextBasics

/// The files a report writes.
public enum ReportFormat: String, Sendable, Hashable, CaseIterable {
    /// `report.md` and the SVG charts it links.
    case markdown = "md"
    /// One CSV per table.
    case csv

    /// Parses `--format` ("md,csv", "csv", "markdown"); nil when a name is unknown or none is given.
    public static func parseList(_ text: String) -> Set<ReportFormat>? {
        var formats = Set<ReportFormat>()
        for name in text.split(separator: ",").map({ $0.trimmed(.whitespaces).lowercased() })
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
