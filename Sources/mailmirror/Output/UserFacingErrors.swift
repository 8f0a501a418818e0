import IMAPClient
import MailMirror
import Store
import Terminal

// The one place that maps the library's errors to how the process ends (ErrorReporter prints their
// `userMessage` after `Error: `). It lives in the executable, so the library needs no terminal module:
// MailMirror classifies failures (`ClassifiedFailure`: scope, temporary or not, a sentence), and the
// command line decides what that means for an exit code. 75 (EX_TEMPFAIL) whenever retrying later can help.

extension MailMirrorError: UserFacingError {
    public var exitCode: ExitCode {
        if isUsage { return .usage }
        if isTemporary { return .temporary }
        return .failure
    }
}

extension IMAPConnectionError: UserFacingError {
    public var exitCode: ExitCode { isTemporary ? .temporary : .failure }
}

extension IMAPSessionError: UserFacingError {
    public var exitCode: ExitCode { isTemporary ? .temporary : .failure }
}

extension OAuth2SignInError: UserFacingError {
    public var exitCode: ExitCode { isTemporary ? .temporary : .failure }
}

extension StoreError: UserFacingError {
    /// 75 when another sync holds the lock: this run did nothing, and trying again later is the
    /// cure (cron's next run, or the systemd unit's `Restart=on-failure`).
    public var exitCode: ExitCode {
        if case .locked = code { return .temporary }
        return .failure
    }
}
