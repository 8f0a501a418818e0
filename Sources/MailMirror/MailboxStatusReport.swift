import MailCore

/// One mailbox in `mailmirror status`.
public struct MailboxStatusReport: Sendable {
    public var account: String
    public var mailbox: String
    public var uidValidity: UIDValidity?
    /// Messages kept for the current epoch, still on the server.
    public var messages: Int
    /// Messages kept although the server deleted them.
    public var expunged: Int
    /// Messages kept from earlier UIDVALIDITY epochs.
    public var olderEpochMessages: Int
    public var bytesOnDisk: Int64
    public var lastSync: Int64?
    /// False when the last pass stopped early (budget, error); the next sync carries on.
    public var complete: Bool
    public var problem: String?
}
