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
    }

    public var kind: Kind
    public var path: String
    public var message: String
    public var account: String?
    public var mailbox: String?
    public var uidValidity: UIDValidity?
    public var uid: UID?

    public init(kind: Kind, path: String, message: String, account: String? = nil, mailbox: String? = nil,
                uidValidity: UIDValidity? = nil, uid: UID? = nil) {
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
        switch self.kind {
        case .strayTemporaryFile, .stateBehind: return false
        default: return true
        }
    }

    public var description: String { message }
}
