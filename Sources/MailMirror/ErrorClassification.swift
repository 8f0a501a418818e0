import IMAPClient
import Store

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
        case .authentication, .noUsableLoginMechanism, .noOAuth2Mechanism, .throttled, .overQuota, .serverBusy:
            return .account
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
