/// One file of the report: a name relative to the output folder and its UTF-8 contents.
public struct ReportFile: Sendable, Hashable {
    public var name: String
    public var contents: String

    public init(name: String, contents: String) {
        self.name = name
        self.contents = contents
    }
}
