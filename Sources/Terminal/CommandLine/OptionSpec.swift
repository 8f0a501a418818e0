/// One named option of a command: a flag (`--json`), or an option taking a value (`--root DIR`,
/// `--root=DIR`), possibly repeatable (`--mailbox A --mailbox B`), with an optional short alias.
///
/// Build them with the static helpers:
/// ```swift
/// .flag("json", help: "Print the result as JSON.")
/// .flag("quiet", short: "q", help: "Print nothing but errors.")
/// .option("limit", value: "n", help: "Show at most N hits; 0 for all.", defaultValue: "50")
/// .option("sort", value: "order", help: "…", allowedValues: ["relevance", "date"])
/// .option("mailbox", value: "name", help: "…", repeatable: true)
/// .option("email", value: "address", help: "…", required: true)
/// ```
/// Values are read back by long name from `ParsedValues`.
public struct OptionSpec: Sendable, Hashable {
    /// What an option takes.
    public enum Kind: Sendable, Hashable {
        /// No value; present or not (counted when repeated, e.g. `-vv`).
        case flag
        /// One value; when given several times, the last one wins.
        case value
        /// One value each time; all of them are kept in order.
        case repeatable
    }

    /// Long name without the dashes (`root` for `--root`).
    public var name: String
    /// Short alias without the dash (`q` for `-q`).
    public var short: Character?
    public var kind: Kind
    /// Placeholder for the value in help, without brackets (`dir` prints as `<dir>`).
    public var valueName: String
    /// One line (or a few sentences) for the OPTIONS section.
    public var help: String
    /// Shown in help as `(default: …)` and returned by getters when the option is absent.
    public var defaultValue: String?
    /// When not empty, any other value is a usage error; shown in help as `(values: a, b)`.
    public var allowedValues: [String]
    /// A missing required option is a usage error.
    public var isRequired: Bool
    /// Hidden options parse but are not listed in help.
    public var isHidden: Bool

    public init(
        name: String, short: Character? = nil, kind: Kind, valueName: String = "value", help: String,
        defaultValue: String? = nil, allowedValues: [String] = [], isRequired: Bool = false, isHidden: Bool = false
    ) {
        precondition(!name.hasPrefix("-"), "option names are given without dashes: \(name)")
        self.name = name
        self.short = short
        self.kind = kind
        self.valueName = valueName
        self.help = help
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.isRequired = isRequired
        self.isHidden = isHidden
    }

    /// A flag: `--name` (and `-s`).
    public static func flag(_ name: String, short: Character? = nil, help: String, hidden: Bool = false) -> OptionSpec {
        OptionSpec(name: name, short: short, kind: .flag, help: help, isHidden: hidden)
    }

    /// An option with a value: `--name VALUE` or `--name=VALUE` (and `-s VALUE`, `-sVALUE`).
    public static func option(
        _ name: String, short: Character? = nil, value valueName: String, help: String,
        defaultValue: String? = nil, allowedValues: [String] = [], repeatable: Bool = false,
        required: Bool = false, hidden: Bool = false
    ) -> OptionSpec {
        OptionSpec(
            name: name, short: short, kind: repeatable ? .repeatable : .value, valueName: valueName, help: help,
            defaultValue: defaultValue, allowedValues: allowedValues, isRequired: required, isHidden: hidden)
    }

    /// `--name` for a flag, `--name <value>` otherwise: how usage and errors name the option.
    public var synopsis: String {
        kind == .flag ? "--\(name)" : "--\(name) <\(valueName)>"
    }

    /// `-s, --name <value>`: the label in the OPTIONS section.
    var helpLabel: String {
        (short.map { "-\($0), " } ?? "") + synopsis
    }
}
