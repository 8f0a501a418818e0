/// What a command line asks for.
public enum ParseOutcome {
    /// Run `command` (found at `path`, root first) with `values`.
    case run(command: CommandSpec, path: [String], values: ParsedValues)
    /// Show the help of the command at `path` (`-h`, `--help`, `help <sub>`, or a command that
    /// only groups subcommands run alone).
    case help(path: [String])
    /// Show the program's version (`--version`).
    case version
}

/// Turns arguments into a `ParseOutcome` for a command tree. Pure: no I/O.
///
/// Accepted forms: `--name VALUE`, `--name=VALUE`, `-s VALUE`, `-sVALUE`, bundled short flags
/// (`-qv`), `--` to end options (everything after is positional), a lone `-` as a positional
/// (stdin, by convention). A value that starts with `-` must be attached (`--name=-x`) unless it
/// is a negative number. Positional words choose subcommands until a command without
/// subcommands is reached; then they fill its arguments in order.
public struct CommandParser {
    public let root: CommandSpec
    /// Whether the root accepts `--version`.
    public let hasVersion: Bool

    public init(root: CommandSpec, hasVersion: Bool) {
        self.root = root
        self.hasVersion = hasVersion
    }

    /// The built-in `-h, --help` option every command has.
    static let helpOption = OptionSpec.flag("help", short: "h", help: "Show help information.")
    /// The built-in `--version` option of the root, when there is a version.
    static let versionOption = OptionSpec.flag("version", help: "Show the version.")

    /// The commands from the root to the end of `path` (path includes the root's name).
    public func commands(along path: [String]) -> [CommandSpec]? {
        var chain = [root]
        for name in path.dropFirst() {
            guard let next = chain.last!.subcommand(named: name) else { return nil }
            chain.append(next)
        }
        return chain
    }

    /// The options a command accepts: its own first, then its ancestors' (nearest first), then the
    /// built-ins. A name declared closer shadows the same name further up.
    func visibleOptions(_ chain: [CommandSpec]) -> [OptionSpec] {
        // Arrays, not sets: a command has a dozen options, and each set type was set up at run time
        // on every start (a few per cent of a search).
        var result: [OptionSpec] = []
        var names: [String] = []
        var shorts: [Character] = []
        var builtIns = [Self.helpOption]
        if hasVersion { builtIns.append(Self.versionOption) }
        for option in chain.reversed().flatMap(\.options) + builtIns where !names.contains(option.name) {
            var option = option
            if let short = option.short, shorts.contains(short) { option.short = nil }
            names.append(option.name)
            if let short = option.short { shorts.append(short) }
            result.append(option)
        }
        return result
    }

    /// Parses `arguments` (without the program name). Throws `UsageError` for a wrong command line.
    public func parse(_ arguments: [String]) throws -> ParseOutcome {
        var state = State(chain: [root])
        // `--help` anywhere (before `--`) wins over a mistake elsewhere on the line, even an
        // earlier one: `mailmirror sync --jsno --help` shows sync's help.
        state.helpRequested = arguments.prefix { $0 != "--" }.contains { $0 == "--help" || $0 == "-h" }
        do {
            try parse(arguments, into: &state)
        } catch var error as UsageError {
            if state.helpRequested { return .help(path: state.path) }
            if error.commandPath == nil { error.commandPath = state.path }
            throw error
        }
        if state.helpRequested { return .help(path: state.path) }
        if let helpPath = state.helpTopic { return .help(path: helpPath) }
        if state.versionRequested { return .version }
        let command = state.chain.last!
        if !command.subcommands.isEmpty, command.handler == nil { return .help(path: state.path) }
        do {
            let values = try resolve(state)
            return .run(command: command, path: state.path, values: values)
        } catch var error as UsageError {
            if error.commandPath == nil { error.commandPath = state.path }
            throw error
        }
    }

    /// The word that names the root's subcommand in `arguments`, read as `parse` reads them: the
    /// first word after the root's own options (`--root DIR`, `--root=DIR`, `-v`) and their values.
    /// Nil when anything else comes first (`--help`, `--version`, an option the root does not
    /// declare, `--`, a bundle such as `-vh`, a value that starts with `-`) or when there is no word.
    ///
    /// A program can then build only that subcommand under its root (`mailmirror search` need not
    /// build every other command's options and help at each start): when the word names a
    /// subcommand, that line parses, runs and fails the same with the pruned tree. On nil, or a
    /// word that is no subcommand, build the whole tree: help, suggestions and completions list
    /// every command.
    public func commandName(in arguments: [String]) -> String? {
        var index = 0
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            guard token.hasPrefix("-") else { return token }
            var option: OptionSpec?
            var attached = false
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = body.prefix { $0 != "=" }
                attached = name.count < body.count
                option = root.options.first { $0.name == name }
            } else if token.count == 2 {
                option = root.options.first { $0.short == token.last }
            }
            guard let option else { return nil }
            if option.kind == .flag {
                if attached { return nil }
            } else if !attached {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                index += 1
            }
        }
        return nil
    }

    private struct State {
        var chain: [CommandSpec]
        var path: [String] { chain.map(\.name) }
        var values = ParsedValues()
        var positionals: [String] = []
        var helpRequested = false
        var versionRequested = false
        var helpTopic: [String]?
    }

    private func parse(_ arguments: [String], into state: inout State) throws {
        var index = 0
        var optionsEnded = false
        while index < arguments.count {
            let token = arguments[index]
            index += 1
            if optionsEnded || token == "-" || !token.hasPrefix("-") || Self.isNegativeNumber(token) {
                try positional(token, into: &state)
                continue
            }
            if token == "--" {
                optionsEnded = true
                continue
            }
            let options = visibleOptions(state.chain)
            if token.hasPrefix("--") {
                let body = token.dropFirst(2)
                let name = String(body.prefix { $0 != "=" })
                // A Character test: with Foundation imported, `contains("=")` is its NSString search.
                let attached = body.contains { $0 == "=" } ? String(body.drop { $0 != "=" }.dropFirst()) : nil
                guard let option = options.first(where: { $0.name == name }) else {
                    throw unknownOption("--" + name, options: options, chain: state.chain)
                }
                try take(option, attached: attached, arguments: arguments, index: &index, state: &state)
            } else {
                // One or more short options: `-q`, `-qv`, `-n5`, `-n 5`.
                var letters = Substring(token.dropFirst())
                while let letter = letters.first {
                    letters = letters.dropFirst()
                    guard let option = options.first(where: { $0.short == letter }) else {
                        // `-json` typed for `--json`: name the whole word, not just `-j`.
                        let isFirst = letters.count == token.count - 2
                        let spelled = isFirst && token.count > 2 ? token : "-" + String(letter)
                        throw unknownOption(spelled, options: options, chain: state.chain)
                    }
                    if option.kind == .flag {
                        try take(option, attached: nil, arguments: arguments, index: &index, state: &state)
                    } else {
                        // `-t30` and `-t=30` both give 30.
                        let attached =
                            letters.isEmpty ? nil : String(letters.first == "=" ? letters.dropFirst() : letters)
                        try take(option, attached: attached, arguments: arguments, index: &index, state: &state)
                        letters = ""
                    }
                }
            }
        }
    }

    private func take(
        _ option: OptionSpec, attached: String?, arguments: [String], index: inout Int, state: inout State
    ) throws {
        if option.kind == .flag {
            if attached != nil { throw UsageError("The flag '--\(option.name)' does not take a value.") }
            if option.name == Self.helpOption.name, option == Self.helpOption {
                state.helpRequested = true
            } else if hasVersion, option == Self.versionOption {
                state.versionRequested = true
            } else {
                state.values.setFlag(option.name)
            }
            return
        }
        var value = attached
        if value == nil, index < arguments.count {
            let next = arguments[index]
            if !next.hasPrefix("-") || next == "-" || Self.isNegativeNumber(next) {
                value = next
                index += 1
            }
        }
        guard let value else { throw UsageError("Missing value for '\(option.synopsis)'.") }
        if !option.allowedValues.isEmpty, !option.allowedValues.contains(value) {
            var message =
                "The value '\(value)' for '\(option.synopsis)' must be one of: "
                + option.allowedValues.joined(separator: ", ") + "."
            if let guess = Suggestion.closest(to: value, among: option.allowedValues) {
                message += " Did you mean '\(guess)'?"
            }
            throw UsageError(message)
        }
        state.values.append(value, for: option.name)
    }

    private func positional(_ token: String, into state: inout State) throws {
        let command = state.chain.last!
        if state.helpTopic != nil {
            let current = commands(along: state.helpTopic!)!.last!
            guard let next = current.subcommand(named: token) else {
                throw unknownSubcommand(token, of: current, path: state.helpTopic!)
            }
            state.helpTopic!.append(next.name)
            return
        }
        guard !command.subcommands.isEmpty else {
            state.positionals.append(token)
            return
        }
        if let next = command.subcommand(named: token) {
            state.chain.append(next)
        } else if token == "help" {
            state.helpTopic = state.path
        } else {
            throw unknownSubcommand(token, of: command, path: state.path)
        }
    }

    /// Checks required options and fills the arguments from the positional words.
    private func resolve(_ state: State) throws -> ParsedValues {
        var values = state.values
        let command = state.chain.last!
        for option in visibleOptions(state.chain) {
            values.declare(option)
            if option.isRequired, !values.wasGiven(option.name) {
                throw UsageError("Missing expected argument '\(option.synopsis)'.")
            }
        }
        var remaining = state.positionals[...]
        for argument in command.arguments {
            values.declare(argument)
            switch argument.arity {
            case .required, .optional:
                if let word = remaining.popFirst() {
                    values.append(word, for: argument.name)
                } else if argument.arity == .required {
                    throw UsageError("Missing expected argument '<\(argument.name)>'.")
                }
            case .zeroOrMore, .oneOrMore:
                if remaining.isEmpty, argument.arity == .oneOrMore {
                    throw UsageError("Missing expected argument '<\(argument.name)> ...'.")
                }
                for word in remaining { values.append(word, for: argument.name) }
                remaining = []
            }
        }
        if let extra = remaining.first {
            throw UsageError("Unexpected argument '\(extra)'.")
        }
        return values
    }

    private func unknownOption(_ spelled: String, options: [OptionSpec], chain: [CommandSpec]) -> UsageError {
        var message = "Unknown option '\(spelled)'."
        let candidates = options.filter { !$0.isHidden }.map { "--" + $0.name }
        if spelled.hasPrefix("--"), let guess = Suggestion.closest(to: spelled, among: candidates) {
            message += " Did you mean '\(guess)'?"
        } else if !spelled.hasPrefix("--"), spelled.count > 2 {
            // `-json` or `-jsno` typed for `--json`.
            let doubled = "-" + spelled
            if let guess = candidates.contains(doubled) ? doubled : Suggestion.closest(to: doubled, among: candidates) {
                message += " Did you mean '\(guess)'?"
            }
        }
        return UsageError(message)
    }

    private func unknownSubcommand(_ word: String, of command: CommandSpec, path: [String]) -> UsageError {
        var message = "Unknown command '\(word)'."
        // Without a likely guess, the usage printed after the message points to --help.
        if let guess = Suggestion.closest(to: word, among: command.subcommands.map(\.name)) {
            message += " Did you mean '\(guess)'?"
        }
        return UsageError(message, commandPath: path)
    }

    /// `-5`, `-2.5`: values, not options.
    static func isNegativeNumber(_ token: String) -> Bool {
        token.count > 1 && token.hasPrefix("-") && Double(token) != nil
    }
}
