/// One command of the tree: its name, what it does, what it accepts, and the code that runs it.
///
/// The root is the program itself (`mailmirror`): its options are global, accepted before the
/// subcommand (and, for convenience, after it too unless the subcommand declares an option of the
/// same name). Options of every ancestor are inherited the same way. A command with subcommands
/// and no handler shows its help when run alone.
///
/// ```swift
/// let sync = CommandSpec(
///     "sync",
///     abstract: "Mirror new mail from the accounts' servers.",
///     arguments: [ArgumentSpec("name", help: "Accounts to sync (all when none is named).", arity: .zeroOrMore)],
///     options: [.flag("json", help: "Print the result as JSON."), .flag("quiet", short: "q", help: "Print only errors.")]
/// ) { invocation in
///     let names = invocation.values.strings("name")
///     …
///     return .success
/// }
/// ```
public struct CommandSpec {
    /// Runs a parsed command. Throw `UserFacingError`s (or `UsageError` for a bad combination of
    /// options); return the exit code otherwise.
    public typealias Handler = (Invocation) throws -> ExitCode

    public var name: String
    /// One line, shown in OVERVIEW and in the parent's SUBCOMMANDS list.
    public var abstract: String
    /// Paragraphs shown after the overview; may be empty.
    public var discussion: String
    public var arguments: [ArgumentSpec]
    public var options: [OptionSpec]
    public var subcommands: [CommandSpec]
    public var handler: Handler?

    public init(
        _ name: String, abstract: String, discussion: String = "",
        arguments: [ArgumentSpec] = [], options: [OptionSpec] = [], subcommands: [CommandSpec] = [],
        handler: Handler? = nil
    ) {
        self.name = name
        self.abstract = abstract
        self.discussion = discussion
        self.arguments = arguments
        self.options = options
        self.subcommands = subcommands
        self.handler = handler
        // Checked in debug builds (the tests build every command tree): in a release build the
        // sets it fills were a tenth of `mailmirror --version`'s own work at every start.
        assert(Self.checkDeclaration(self))
    }

    /// The direct subcommand called `name`.
    public func subcommand(named name: String) -> CommandSpec? {
        subcommands.first { $0.name == name }
    }

    /// Declaration mistakes are programmer errors, caught the first time the tree is built (in a
    /// debug build). Returns true so it can sit inside `assert`.
    private static func checkDeclaration(_ command: CommandSpec) -> Bool {
        var seen = Set<String>()
        var seenShort = Set<Character>()
        for option in command.options {
            precondition(seen.insert(option.name).inserted, "\(command.name): option --\(option.name) declared twice")
            if let short = option.short {
                precondition(seenShort.insert(short).inserted, "\(command.name): option -\(short) declared twice")
            }
        }
        for argument in command.arguments {
            precondition(seen.insert(argument.name).inserted, "\(command.name): name \(argument.name) declared twice")
        }
        for (index, argument) in command.arguments.enumerated() where argument.isVariadic {
            precondition(
                index == command.arguments.count - 1, "\(command.name): only the last argument can be variadic")
        }
        precondition(
            command.subcommands.isEmpty || command.arguments.isEmpty,
            "\(command.name): a command takes either subcommands or positional arguments")
        return true
    }
}

/// What a handler receives: the command that was chosen, its values, and where to write.
public struct Invocation {
    /// Names from the root to the command being run, e.g. `["mailmirror", "account", "add"]`.
    public let commandPath: [String]
    /// The values of the command's own options and arguments and of its ancestors' options.
    public let values: ParsedValues
    /// Where the command writes its output.
    public let output: any OutputSink
    /// The environment to honour (`MAILMIRROR_ROOT`, `TZ`, `NO_COLOR`…); the process's own
    /// unless a test passed another.
    public let environment: [String: String]

    public init(
        commandPath: [String], values: ParsedValues, output: any OutputSink, environment: [String: String] = [:]
    ) {
        self.commandPath = commandPath
        self.values = values
        self.output = output
        self.environment = environment
    }
}
