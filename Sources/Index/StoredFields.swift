/// Where one term's postings are inside a segment.
struct TermInfo {
    var docFreq: Int
    var docsStart: Int
    var docsEnd: Int
    var positionsEnd: Int
    /// The skip entries follow the positions (see `SkipEntry`); none for a short list.
    var skipCount: Int = 0
    /// The end of the term's postings, skip entries included.
    var end: Int { positionsEnd + skipCount * SkipEntry.stride }
}

/// Stored fields of one document, as search returns them.
struct StoredFields {
    var account: String
    var mailbox: String
    var uidValidity: UInt32
    var uid: UInt32
    var messageId: String
    var threadId: String
    var fromName: String
    var fromAddress: String
    var subject: String
    var text: String
}
