import IMAP
import MailCore

/// What STATUS says about a mailbox without opening it: enough to tell that nothing changed.
public struct MailboxStatus: Sendable, Hashable {
    public var messages: UInt32
    public var uidNext: UID
    public var uidValidity: UIDValidity
    /// Present when the server supports CONDSTORE.
    public var highestModSeq: ModSequence?

    public init(messages: UInt32, uidNext: UID, uidValidity: UIDValidity, highestModSeq: ModSequence?) {
        self.messages = messages
        self.uidNext = uidNext
        self.uidValidity = uidValidity
        self.highestModSeq = highestModSeq
    }
}
