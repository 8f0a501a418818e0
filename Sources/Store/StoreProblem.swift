import MailCore

/// Something `StoreVerifier` found wrong, with the file it concerns and a sentence for the user.
public struct StoreProblem: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// Fewer messages in `cur/` than the state file records (files deleted by hand?).
        case missing
        /// A message file that is not valid gzip or fails its CRC / length check.
        case corrupt
        /// A message file whose gzip data ends early.
        case truncated
        /// A file that could not be read at all (permissions, I/O error).
        case unreadable
        /// A state file that cannot be parsed.
        case damagedState
        /// A name in `cur/` that is not `<uid>.eml.gz:2,<flags>`, or a mailbox folder that is not a valid encoding.
        case badFileName
        /// Two files in `cur/` for one UID.
        case duplicate
        /// The state file is behind the files (a sync stopped after storing messages, before saving state).
        case stateBehind
        /// A leftover in `tmp/` from an interrupted run (removed by the next sync).
        case strayTemporaryFile
        /// `catalog/summaries.bin` is gone while the store holds messages.
        case catalogMissing
        /// The catalog cannot be read whole: a bad header, an undecodable record, or bytes after the
        /// last good record that no interrupted sync explains.
        case catalogDamaged
        /// The catalog lacks stored messages, or lists messages the store no longer holds.
        case catalogStale
        /// `index/` (its manifest) is gone while the catalog lists messages.
        case indexMissing
        /// The index cannot be opened or read (a segment cut short or garbled, an unreadable manifest).
        case indexDamaged
        /// The index lacks catalogued messages, holds messages the catalog does not, or holds one twice.
        case indexStale
        /// `catalog/threads` (or its tail) fails a checksum: the index refresh would not use it (it takes
        /// the full path instead), and `verify --repair` or `reindex` writes it again.
        case threadTableDamaged
    }

    public var kind: Kind
    public var path: String
    public var message: String
    public var account: String?
    public var mailbox: String?
    public var uidValidity: UIDValidity?
    public var uid: UID?
    /// Left by an interrupted sync in a way the next sync repairs by itself (derived data only).
    public var healsOnNextSync: Bool

    public init(
        kind: Kind, path: String, message: String, account: String? = nil, mailbox: String? = nil,
        uidValidity: UIDValidity? = nil, uid: UID? = nil, healsOnNextSync: Bool = false
    ) {
        self.healsOnNextSync = healsOnNextSync
        self.kind = kind
        self.path = path
        self.message = message
        self.account = account
        self.mailbox = mailbox
        self.uidValidity = uidValidity
        self.uid = uid
    }

    /// True when mail or state is damaged (verify should fail); false for the harmless traces of an
    /// interrupted run that the next sync tidies up.
    public var isDamage: Bool {
        if healsOnNextSync { return false }
        switch self.kind {
        case .strayTemporaryFile, .stateBehind: return false
        default: return true
        }
    }

    public var description: String { message }
}
