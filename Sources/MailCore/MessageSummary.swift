/// The catalog's record of one mirrored message: everything search and reports need,
/// without re-reading the store. Built by MIME from the raw bytes plus what IMAP said.
public struct MessageSummary: Hashable, Sendable, Codable {
    /// `key.id`: the id users see.
    public var id: String
    public var key: MessageKey
    /// Message-ID without angle brackets; nil when the message has none.
    public var messageId: String?
    /// In-Reply-To and References ids, without angle brackets, oldest first.
    public var inReplyTo: [String]
    public var references: [String]
    /// Gmail's X-GM-MSGID and X-GM-THRID when the server is Gmail.
    public var gmailMessageId: UInt64?
    public var gmailThreadId: UInt64?
    /// Seconds since 1970 (Date header, else INTERNALDATE) and the writer's UTC offset in seconds.
    public var date: Int64
    public var utcOffsetSeconds: Int32
    public var from: EmailAddress?
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var subject: String
    /// Gmail labels (X-GM-LABELS), decoded; empty elsewhere.
    public var labels: [String]
    /// IMAP flags as last seen (`\Seen`, `\Answered`, keywords).
    public var flags: [Flag]
    public var isReply: Bool
    public var direction: Direction
    /// Thread key: filled in by threading (Gmail thread id in hex, else a JWZ root id).
    public var threadId: String
    /// RFC822.SIZE: the raw size in bytes.
    public var size: Int
    public var attachments: [AttachmentInfo]
    /// What the author wrote this time: no quoted history, no signature.
    public var replyText: String

    public init(
        key: MessageKey, messageId: String?, inReplyTo: [String] = [], references: [String] = [],
        gmailMessageId: UInt64? = nil, gmailThreadId: UInt64? = nil, date: Int64, utcOffsetSeconds: Int32 = 0,
        from: EmailAddress?, to: [EmailAddress] = [], cc: [EmailAddress] = [], subject: String,
        labels: [String] = [], flags: [Flag] = [], isReply: Bool, direction: Direction,
        threadId: String = "", size: Int, attachments: [AttachmentInfo] = [], replyText: String
    ) {
        self.id = key.id
        self.key = key
        self.messageId = messageId
        self.inReplyTo = inReplyTo
        self.references = references
        self.gmailMessageId = gmailMessageId
        self.gmailThreadId = gmailThreadId
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
        self.from = from
        self.to = to
        self.cc = cc
        self.subject = subject
        self.labels = labels
        self.flags = flags
        self.isReply = isReply
        self.direction = direction
        self.threadId = threadId
        self.size = size
        self.attachments = attachments
        self.replyText = replyText
    }
}
