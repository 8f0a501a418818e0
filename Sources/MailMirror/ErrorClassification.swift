import IMAPClient
import Store
import Terminal

// How far each module's errors spread during a sync (see `FailureScope`).

extension IMAPConnectionError: ClassifiedFailure {
    public var scope: FailureScope {
        switch self {
        case .timeout, .closed, .network: return .connection
        default: return .account
        }
    }
    public var userMessage: String { description }
}

extension IMAPSessionError: ClassifiedFailure {
    public var scope: FailureScope {
        switch self {
        case .connection(let error): return error.scope
        case .serverClosed, .sessionUnusable: return .connection
        case .authentication, .noUsableLoginMechanism, .throttled, .overQuota, .serverBusy: return .account
        case .commandFailed, .protocolViolation: return .mailbox
        }
    }
    public var userMessage: String { description }
}

extension StoreError: ClassifiedFailure {
    public var scope: FailureScope {
        switch code {
        case .diskFull, .ioError, .permissionDenied, .readOnlyFileSystem, .system: return .store
        case .locked: return .account
        default: return .mailbox
        }
    }
    public var isTemporary: Bool { false }
    public var userMessage: String { message }
}

// The CLI prints these as `Error: …` and exits 75 when retrying later can help.

extension IMAPConnectionError: UserFacingError {
    public var exitCode: ExitCode { isTemporary ? .temporary : .failure }
}

extension IMAPSessionError: UserFacingError {
    public var exitCode: ExitCode { isTemporary ? .temporary : .failure }
}

extension StoreError: UserFacingError {
    /// 75 when another sync holds the lock: the run did nothing, and trying again later is the
    /// cure (cron's next run, or the systemd unit's `RestartForceExitStatus=75`).
    public var exitCode: ExitCode {
        if case .locked = code { return .temporary }
        return .failure
    }
}
