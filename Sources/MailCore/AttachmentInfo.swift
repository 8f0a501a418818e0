/// One attachment of a message, as listed by `show --json`.
public struct AttachmentInfo: Hashable, Sendable, Codable {
    public var filename: String
    public var contentType: String
    /// Decoded size in bytes.
    public var size: Int

    public init(filename: String, contentType: String, size: Int) {
        self.filename = filename
        self.contentType = contentType
        self.size = size
    }
}
