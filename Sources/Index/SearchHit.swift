import MailCore

/// One message found by a search, with everything the CLI shows (no need to read the store).
public struct SearchHit: Sendable, Equatable {
    /// Where a hit of the query lies inside `snippet`, in Characters.
    public struct Highlight: Sendable, Equatable {
        public var offset: Int
        public var length: Int

        public init(offset: Int, length: Int) {
            self.offset = offset
            self.length = length
        }
    }

    /// `MessageKey.id`: works with `show` and `thread`.
    public var id: String
    public var key: MessageKey
    public var messageId: String?
    public var threadId: String
    /// Seconds since 1970, and the writer's UTC offset.
    public var date: Int64
    public var utcOffsetSeconds: Int32
    public var from: EmailAddress?
    public var subject: String
    /// Plain text around the best hits (one line, whitespace collapsed, `…` where cut).
    public var snippet: String
    public var highlights: [Highlight]
    public var score: Double

    public init(
        id: String, key: MessageKey, messageId: String?, threadId: String, date: Int64, utcOffsetSeconds: Int32,
        from: EmailAddress?, subject: String, snippet: String, highlights: [Highlight], score: Double
    ) {
        self.id = id
        self.key = key
        self.messageId = messageId
        self.threadId = threadId
        self.date = date
        self.utcOffsetSeconds = utcOffsetSeconds
        self.from = from
        self.subject = subject
        self.snippet = snippet
        self.highlights = highlights
        self.score = score
    }

    public var account: String { key.account }
    public var mailbox: String { key.mailbox }
    public var uidValidity: UIDValidity { key.uidValidity }
    public var uid: UID { key.uid }
}

/// Hits of one thread, for `--threads`.
public struct ThreadGroup: Sendable, Equatable {
    public var threadId: String
    public var hits: [SearchHit]

    public init(threadId: String, hits: [SearchHit]) {
        self.threadId = threadId
        self.hits = hits
    }
}

extension SearchHit {
    /// Groups hits by thread, threads in the order of their best hit, hits in the given order.
    /// A hit without a thread id is a thread of its own.
    public static func groupedByThread(_ hits: [SearchHit]) -> [ThreadGroup] {
        var order: [String] = []
        var groups: [String: [SearchHit]] = [:]
        for hit in hits {
            let key = hit.threadId.isEmpty ? "id:" + hit.id : hit.threadId
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(hit)
        }
        return order.map { ThreadGroup(threadId: groups[$0]![0].threadId, hits: groups[$0]!) }
    }
}
