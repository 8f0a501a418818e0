/// What a UID FETCH asks for. The body is only ever `BODY.PEEK[]`: fetching must not set `\Seen`
/// on the server, so plain `BODY[]` has no case here.
public enum FetchItem: String, Sendable, Hashable, CaseIterable {
    case uid = "UID"
    case flags = "FLAGS"
    case internalDate = "INTERNALDATE"
    case rfc822Size = "RFC822.SIZE"
    case bodyPeek = "BODY.PEEK[]"
    case modSeq = "MODSEQ"
    case gmailMessageId = "X-GM-MSGID"
    case gmailThreadId = "X-GM-THRID"
    case gmailLabels = "X-GM-LABELS"
}
