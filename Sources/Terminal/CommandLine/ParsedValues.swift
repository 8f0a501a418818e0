/// The values given on a command line, read back by option or argument name with typed getters.
///
/// Options are looked up by long name (`"root"` for `--root`), arguments by their declared name.
/// Defaults declared on options apply when the option was not given. The numeric getters throw a
/// `UsageError` naming the option when the text is not a number, so a handler can write
/// `let limit = try values.declaredInt("limit", in: 0...1000)`, the default coming from the
/// option's declaration. Asking for a name that was never declared is a programmer error and
/// stops the program.
public struct ParsedValues: Sendable, Equatable {
    /// Declared names with how they print in errors (`--limit <n>` or `<query>`) and their default.
    struct Declaration: Sendable, Equatable {
        var display: String
        var defaultValue: String?
        var isFlag: Bool
    }

    private(set) var declarations: [String: Declaration] = [:]
    private(set) var values: [String: [String]] = [:]
    private(set) var flagCounts: [String: Int] = [:]

    init() {}

    /// Values for tests and for code that builds an invocation by hand.
    public init(values: [String: [String]] = [:], flags: [String: Int] = [:]) {
        self.values = values
        self.flagCounts = flags
        for name in values.keys { declarations[name] = Declaration(display: name, defaultValue: nil, isFlag: false) }
        for name in flags.keys {
            declarations[name] = Declaration(display: "--" + name, defaultValue: nil, isFlag: true)
        }
    }

    mutating func declare(_ option: OptionSpec) {
        declarations[option.name] = Declaration(
            display: option.synopsis, defaultValue: option.defaultValue, isFlag: option.kind == .flag)
    }

    mutating func declare(_ argument: ArgumentSpec) {
        declarations[argument.name] = Declaration(display: "<\(argument.name)>", defaultValue: nil, isFlag: false)
    }

    mutating func append(_ value: String, for name: String) { values[name, default: []].append(value) }
    mutating func setFlag(_ name: String) { flagCounts[name, default: 0] += 1 }

    private func declaration(_ name: String) -> Declaration {
        guard let declaration = declarations[name] else {
            preconditionFailure("no option or argument named '\(name)' is declared for this command")
        }
        return declaration
    }

    /// Whether the option or argument was given on the command line (defaults do not count).
    public func wasGiven(_ name: String) -> Bool {
        _ = declaration(name)
        return values[name] != nil || flagCounts[name] != nil
    }

    /// Whether a flag was given.
    public func flag(_ name: String) -> Bool { flagCount(name) > 0 }

    /// How many times a flag was given (`-vv` is 2).
    public func flagCount(_ name: String) -> Int {
        precondition(declaration(name).isFlag, "'\(name)' is not a flag")
        return flagCounts[name] ?? 0
    }

    /// The value of an option or argument (the last one when given several times), else its
    /// declared default, else nil.
    public func string(_ name: String) -> String? {
        let declaration = declaration(name)
        return values[name]?.last ?? declaration.defaultValue
    }

    /// Every value given, in order (repeatable options, variadic arguments); the declared default
    /// as a single value when none was given.
    public func strings(_ name: String) -> [String] {
        let declaration = declaration(name)
        if let given = values[name] { return given }
        return declaration.defaultValue.map { [$0] } ?? []
    }

    /// The value, or a `UsageError` ("Missing expected argument '--email <address>'.") when absent.
    public func requiredString(_ name: String) throws -> String {
        guard let value = string(name) else {
            throw UsageError("Missing expected argument '\(declaration(name).display)'.")
        }
        return value
    }

    /// The value as a whole number; nil when absent; a `UsageError` when not a whole number.
    public func int(_ name: String) throws -> Int? {
        guard let text = string(name) else { return nil }
        guard let value = Int(text.trimmingSpaces) else {
            throw invalid(name, text, "is not a whole number")
        }
        return value
    }

    /// The value as a whole number within `range`; nil when absent.
    public func int(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try int(name) else { return nil }
        guard range.contains(value) else {
            throw invalid(name, String(value), "must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return value
    }

    /// The value, or the option's declared default when it was not given (written once, in the
    /// `OptionSpec`). An option declared without a default is a programmer error.
    public func declaredString(_ name: String) -> String {
        guard let value = string(name) else { preconditionFailure("'\(name)' has no declared default") }
        return value
    }

    /// The value as a whole number within `range`, or the option's declared default when it was
    /// not given: the default is written once, in the `OptionSpec`. An option declared without a
    /// default is a programmer error.
    public func declaredInt(_ name: String, in range: ClosedRange<Int>) throws -> Int {
        precondition(declaration(name).defaultValue != nil, "'\(name)' has no declared default")
        guard let value = try int(name, in: range) else {
            preconditionFailure("the declared default of '\(name)' is not a whole number")
        }
        return value
    }

    /// The value as a number (`2.5`, `10`); nil when absent; a `UsageError` when not a finite number.
    public func double(_ name: String) throws -> Double? {
        guard let text = string(name) else { return nil }
        guard let value = Double(text.trimmingSpaces), value.isFinite else {
            throw invalid(name, text, "is not a number")
        }
        return value
    }

    /// A `UsageError` saying the value `text` of `name` is wrong and why (`reason` completes the sentence).
    public func invalid(_ name: String, _ text: String, _ reason: String) -> UsageError {
        UsageError("The value '\(text)' for '\(declaration(name).display)' \(reason).")
    }
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
