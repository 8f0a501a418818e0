import IMAP
import MailCore

/// A message's current flags, from `UID FETCH … (UID FLAGS) (CHANGEDSINCE n)`.
public struct FlagUpdate: Sendable, Hashable {
    public var uid: UID
    public var flags: [Flag]
    public var modSeq: ModSequence?
}
