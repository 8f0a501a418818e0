/// An error that knows what to tell the person at the terminal, and how the process should end.
///
/// Conform the errors that reach the command line to this protocol; `ErrorReporter` prints
/// `userMessage` after `Error: ` and exits with `exitCode`. Write `userMessage` as a sentence a
/// person can act on: what failed, on what (account, mailbox, file), and what to do next.
/// It must never contain a secret.
public protocol UserFacingError: Error {
    /// One or more sentences, without the `Error: ` prefix.
    var userMessage: String { get }
    /// How the process ends when this error reaches the top; `.failure` unless overridden.
    var exitCode: ExitCode { get }
}

extension UserFacingError {
    public var exitCode: ExitCode { .failure }
}
