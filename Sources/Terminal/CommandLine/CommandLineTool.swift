import Foundation

/// The whole command line of a program: parse, show help or version, run, report errors.
///
/// ```swift
/// // Sources/mailmirror/main.swift
/// import Terminal
/// let tool = CommandLineTool(root: MailMirrorCommands.root, version: "0.1.0")
/// exit(tool.run(Array(CommandLine.arguments.dropFirst())).rawValue)
/// ```
///
/// Help and the version go to standard output with exit 0; a usage error prints
/// `Error: <sentence>`, the usage line and a pointer to `--help` on standard error, exit 64;
/// any other error thrown by a handler goes through `ErrorReporter` (exit 1, or the code a
/// `UserFacingError` carries).
public struct CommandLineTool {
    public let parser: CommandParser
    public let version: String?

    /// - Parameters:
    ///   - root: the program's command; its name is the program name shown in help.
    ///   - version: printed by `--version`; nil for no `--version` option.
    public init(root: CommandSpec, version: String? = nil) {
        self.parser = CommandParser(root: root, hasVersion: version != nil)
        self.version = version
    }

    /// Help and usage for this tree at `width` columns.
    public func helpFormatter(width: Int = 80) -> HelpFormatter {
        HelpFormatter(parser: parser, width: width)
    }

    /// Runs `arguments` (without the program name) and returns the exit code.
    /// - Parameters:
    ///   - output: where everything is written; the real terminal by default.
    ///   - environment: handed to the handler in `Invocation.environment`.
    public func run(
        _ arguments: [String], output: any OutputSink = TerminalOutput(),
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> ExitCode {
        let formatter = helpFormatter()
        var path = [parser.root.name]
        do {
            switch try parser.parse(arguments) {
            case .version:
                output.write((version ?? "") + "\n", to: .output)
                return .success
            case .help(let helpPath):
                output.write(formatter.help(path: helpPath), to: .output)
                return .success
            case .run(let command, let commandPath, let values):
                path = commandPath
                guard let handler = command.handler else {
                    output.write(formatter.help(path: commandPath), to: .output)
                    return .success
                }
                return try handler(
                    Invocation(commandPath: commandPath, values: values, output: output, environment: environment))
            }
        } catch var error as UsageError {
            if error.usageText == nil {
                error.usageText = formatter.usageErrorText(path: error.commandPath ?? path)
            }
            return ErrorReporter.report(error, to: output)
        } catch {
            return ErrorReporter.report(error, to: output)
        }
    }

    /// Parses `arguments` and returns the path of the command they reach, or the usage error, for
    /// tests and completion scripts.
    public func parse(_ arguments: [String]) throws -> ParseOutcome {
        try parser.parse(arguments)
    }
}
