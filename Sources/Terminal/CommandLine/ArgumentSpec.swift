/// One positional argument of a command (`NAME`, `QUERY`, `[NAME...]`).
///
/// At most one variadic argument, and it comes last; optional arguments come after required ones.
public struct ArgumentSpec: Sendable, Hashable {
    /// How many values the argument takes.
    public enum Arity: Sendable, Hashable {
        /// Exactly one; missing is a usage error.
        case required
        /// Zero or one.
        case optional
        /// Zero or more: the rest of the positional arguments.
        case zeroOrMore
        /// One or more: the rest of the positional arguments, at least one.
        case oneOrMore
    }

    /// The name the value is read back by, and printed as `<name>` in help.
    public var name: String
    public var help: String
    public var arity: Arity

    public init(_ name: String, help: String, arity: Arity = .required) {
        self.name = name
        self.help = help
        self.arity = arity
    }

    var isVariadic: Bool { arity == .zeroOrMore || arity == .oneOrMore }

    /// `<name>`, `[<name>]`, `<name> ...` or `[<name> ...]` as in a usage line.
    var usage: String {
        switch arity {
        case .required: return "<\(name)>"
        case .optional: return "[<\(name)>]"
        case .zeroOrMore: return "[<\(name)> ...]"
        case .oneOrMore: return "<\(name)> ..."
        }
    }
}
