/// The command line was wrong: exit 64 with `Error: <sentence>` and the command's usage.
///
/// Thrown by the parser, by the typed getters of `ParsedValues` (a value that is not a number),
/// and by command handlers for rules the parser cannot express ("give exactly one of
/// --password-file, --password-command, --password-env"). `CommandLineTool` fills in `usageText`
/// for the command that was being run before reporting it.
public struct UsageError: UserFacingError, Equatable, Sendable {
    public var userMessage: String
    public var exitCode: ExitCode { .usage }
    /// The usage line and the pointer to `--help`, printed after the message.
    public var usageText: String?
    /// The command the mistake was made on (root first), when the parser knows it.
    public var commandPath: [String]?

    public init(_ message: String, usageText: String? = nil, commandPath: [String]? = nil) {
        self.userMessage = message
        self.usageText = usageText
        self.commandPath = commandPath
    }
}
