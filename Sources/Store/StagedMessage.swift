import MailCore

/// A message written to its mailbox's `tmp/` by `MailboxStore.stage` and not yet in `cur/`: neither durable
/// nor visible until `MailboxStore.publish` syncs its group and renames it into place. Its UID stays
/// reserved until then (or until `abandon`), so no other thread writes it meanwhile.
public struct StagedMessage: Sendable {
    public let uidValidity: UIDValidity
    public let uid: UID
    /// The gzip file's size.
    public let compressedSize: Int
    let temporaryPath: String
    let fileName: String
    let letterBits: UInt64
    let keywords: [Flag]
}
