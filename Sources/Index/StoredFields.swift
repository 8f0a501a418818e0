/// Where one term's postings are inside a segment.
struct TermInfo {
    var docFreq: Int
    var docsStart: Int
    var docsEnd: Int
    var positionsEnd: Int
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
