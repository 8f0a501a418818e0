/// A report computed but not yet written out: every file but `topic_messages.csv` made at once, and that one
/// (one row per message in a topic: tens of MB at 1,000,000 messages) handed over a topic at a time, so the
/// caller writes it as it comes instead of holding it whole.
public struct PreparedReport {
    let model: ReportModel
    /// The report's files but the streamed one, sorted by name.
    public let files: [ReportFile]

    /// The name of the file `writeStreamed` writes; nil when the report has no CSV tables.
    public var streamedName: String? {
        model.options.formats.contains(.csv) ? CSVTables.topicMessagesName : nil
    }

    /// Hands the streamed file's text to `append` in order, a piece (a topic's rows) at a time; nothing when
    /// `streamedName` is nil.
    public func writeStreamed<E: Error>(_ append: (String) throws(E) -> Void) throws(E) {
        guard streamedName != nil else { return }
        try CSVTables.topicMessages(model, append)
    }
}
