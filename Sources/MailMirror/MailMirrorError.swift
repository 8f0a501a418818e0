/// Failures of the orchestration layer, each with a sentence a person can act on.
/// Errors from IMAP, Store and the other modules pass through unchanged; the CLI maps
/// all of them to `Error: …` and an exit code in one place.
public enum MailMirrorError: Error, Equatable, Sendable {
    case passwordUnavailable(String)
    case unknownAccount(String)
    case accountExists(String)
    case invalidConfiguration(String)
    case invalidArgument(String)
    case noMailboxes(account: String)
    case messageNotFound(String)
    case notMirroredYet(String)
    /// Gmail said to slow down, or the daily budget is used up: try again later.
    case postponed(String)
    /// A local file could not be written or read.
    case fileSystem(String)
    /// The server sent something IMAP forbids (UIDVALIDITY 0, UIDs going backwards …).
    case serverMisbehaved(String)
    /// The catalog or the search index does not cover the store; the sentence names `mailmirror reindex`.
    case derivedDataOutOfStep(String)

    public var message: String {
        switch self {
        case .passwordUnavailable(let why): return "cannot get the app password: \(why)"
        case .unknownAccount(let name): return "no account named \(name); see `mailmirror account list`"
        case .accountExists(let name):
            return "an account named \(name) already exists; remove it first with `mailmirror account remove \(name)`"
        case .invalidConfiguration(let why): return "the configuration is not valid: \(why)"
        case .invalidArgument(let why): return why
        case .noMailboxes(let account): return "account \(account): the server lists no mailbox to mirror"
        case .messageNotFound(let id): return "no message \(id) in the catalog; ids come from `mailmirror search`"
        case .notMirroredYet(let what): return "\(what): nothing is mirrored yet; run `mailmirror sync` first"
        case .postponed(let why): return why
        case .fileSystem(let why): return why
        case .serverMisbehaved(let why): return why
        case .derivedDataOutOfStep(let why): return why
        }
    }

    /// Temporary failures exit with 75 so cron wrappers retry later.
    public var isTemporary: Bool {
        if case .postponed = self { return true }
        return false
    }

    /// Bad arguments exit with 64.
    public var isUsage: Bool {
        switch self {
        case .invalidArgument, .unknownAccount, .accountExists: return true
        default: return false
        }
    }
}
