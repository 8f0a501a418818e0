import FoundationEssentials

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
    /// Sections of the man page after its COMMANDS (EXIT STATUS, ENVIRONMENT, FILES…), built only
    /// when the page is asked for: every other run would pay for them at start-up.
    public let manualSections: () -> [(title: String, paragraphs: [String])]

    /// - Parameters:
    ///   - root: the program's command; its name is the program name shown in help.
    ///   - version: printed by `--version`; nil for no `--version` option.
    ///   - manualSections: what `--generate-manual` adds after the commands.
    public init(
        root: CommandSpec, version: String? = nil,
        manualSections: @escaping () -> [(title: String, paragraphs: [String])] = { [] }
    ) {
        self.parser = CommandParser(root: root, hasVersion: version != nil)
        self.version = version
        self.manualSections = manualSections
    }

    /// The man page and the shell completions, asked for by the hidden options
    /// `--generate-manual` and `--generate-completion-script bash|zsh|fish` (alone on the line,
    /// as scripts/install runs them); nil for any other command line.
    public func generatedFile(_ arguments: [String]) throws -> String? {
        switch arguments.first {
        case "--generate-manual" where arguments.count == 1:
            return ManualPage(parser: parser, version: version ?? parser.root.name, sections: manualSections()).render()
        case "--generate-completion-script" where arguments.count == 2:
            guard let shell = CompletionScript.Shell(rawValue: arguments[1]) else {
                let shells = CompletionScript.Shell.allCases.map(\.rawValue).joined(separator: ", ")
                throw UsageError(
                    "The value '\(arguments[1])' for '--generate-completion-script <shell>' must be one of: \(shells).")
            }
            return CompletionScript(parser: parser).render(shell)
        default:
            return nil
        }
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
        environment: [String: String] = ProcessEnvironment.current()
    ) -> ExitCode {
        let formatter = helpFormatter()
        var path = [parser.root.name]
        do {
            if let generated = try generatedFile(arguments) {
                output.write(generated, to: .output)
                return .success
            }
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
