import MailCore

/// The server side of a sync, as the engine sees it: one read-only connection.
/// `IMAPRemoteSession` implements it over IMAPClient; tests use in-memory fakes.
/// It has no operation that changes the server.
public protocol RemoteSession: AnyObject {
    /// The server speaks Gmail's extensions (X-GM-EXT-1).
    var isGmail: Bool { get }
    func mailboxes() throws -> [RemoteMailbox]
    /// STATUS: cheap, does not open the mailbox. Used to skip mailboxes with nothing new.
    func status(of mailbox: String) throws -> RemoteMailboxStatus
    /// EXAMINE: opens the mailbox read-only; later calls act on it.
    func examine(_ mailbox: String) throws -> RemoteMailboxStatus
    /// Every UID in the opened mailbox; with `since`, only those received on or after that day.
    func uids(since: DayStamp?) throws -> [UID]
    /// RFC822.SIZE of the given UIDs in the opened mailbox (to plan downloads and budgets).
    func sizes(of uids: [UID]) throws -> [UID: Int]
    /// Flags of every message, or only of those changed since `modSequence` when CONDSTORE allows.
    func flags(changedSince modSequence: ModSequence?) throws -> [UID: [Flag]]
    /// Downloads the messages with BODY.PEEK[] (never marking them \Seen), handing each over as it completes.
    func fetch(_ uids: [UID], handler: (RemoteMessage) throws -> Void) throws
    func logout()
}

/// A mailbox as listed by the server, with its SPECIAL-USE roles.
public struct RemoteMailbox: Hashable, Sendable {
    public var name: String
    public var roles: Set<MailboxRole>
    public var selectable: Bool
    public init(name: String, roles: Set<MailboxRole> = [], selectable: Bool = true) {
        self.name = name
        self.roles = roles
        self.selectable = selectable
    }
}

/// SPECIAL-USE roles (RFC 6154) the engine cares about.
public enum MailboxRole: String, Hashable, Sendable {
    case all, sent, drafts, trash, junk, archive, flagged, important
}

public struct RemoteMailboxStatus: Hashable, Sendable {
    public var uidValidity: UIDValidity
    public var uidNext: UID?
    public var messages: Int
    public var highestModSeq: ModSequence?
    public init(uidValidity: UIDValidity, uidNext: UID?, messages: Int, highestModSeq: ModSequence?) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
        self.highestModSeq = highestModSeq
    }
}

/// One downloaded message: the exact bytes the server sent and what it said about them.
public struct RemoteMessage: Sendable {
    public var uid: UID
    public var flags: [Flag]
    public var internalDate: Int64?
    public var gmailMessageId: UInt64?
    public var gmailThreadId: UInt64?
    public var labels: [String]
    public var bytes: [UInt8]
    public init(
        uid: UID, flags: [Flag], internalDate: Int64? = nil, gmailMessageId: UInt64? = nil,
        gmailThreadId: UInt64? = nil, labels: [String] = [], bytes: [UInt8]
    ) {
        self.uid = uid
        self.flags = flags
        self.internalDate = internalDate
        self.gmailMessageId = gmailMessageId
        self.gmailThreadId = gmailThreadId
        self.labels = labels
        self.bytes = bytes
    }
}
