import IMAP
import MailCore

/// The mailbox opened by EXAMINE (read-only).
public struct SelectedMailbox: Sendable, Hashable {
    public var name: MailboxName
    public var uidValidity: UIDValidity
    public var uidNext: UID
    public var exists: UInt32
    /// nil when the server has no CONDSTORE or says `[NOMODSEQ]` for this mailbox.
    public var highestModSeq: ModSequence?
    public var readOnly: Bool
}
