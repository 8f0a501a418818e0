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
