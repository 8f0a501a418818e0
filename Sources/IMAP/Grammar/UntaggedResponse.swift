import MailCore

/// Data the server sends with `*` (RFC 9051 §7.2–7.5 and the extensions mailmirror reads).
public enum UntaggedResponse: Hashable, Sendable {
    /// `* OK`, `* NO`, `* BAD`, `* PREAUTH` with their text and code.
    case condition(ResponseStatus, ResponseText)
    /// The server is closing the connection (RFC 9051 §7.1.5).
    case bye(ResponseText)
    case capability([Capability])
    case list(MailboxListData)
    case lsub(MailboxListData)
    case status(MailboxName, MailboxStatusData)
    case exists(UInt32)
    case recent(UInt32)
    case expunge(UInt32)
    case flags([Flag])
    /// `* SEARCH 2 5 9` (UIDs after `UID SEARCH`), with the CONDSTORE `(MODSEQ n)` if present.
    case search([UInt32], ModSequence?)
    case esearch(ESearchResponse)
    case enabled([Capability])
    /// `* ID ("name" "Dovecot")`: pairs in server order; nil values are NIL.
    case id([IDParameter])
    /// `* VANISHED (EARLIER) 1:3` (RFC 7162 §3.2.10).
    case vanished(earlier: Bool, UIDSet)
    case fetch(FetchResponse)
    /// Anything else (NAMESPACE, QUOTA, …): its name, kept so nothing unknown is fatal.
    case other(name: String)
}

/// One `ID` field (RFC 2971).
public struct IDParameter: Hashable, Sendable {
    public var key: String
    public var value: String?
    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }
}
