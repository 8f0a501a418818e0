import FoundationEssentials
import TextBasics

/// What the process's output can show: whether each stream is a terminal, whether colour is
/// wanted, and how wide the terminal is.
///
/// Detected once at start-up with `detect()`; tests build one by hand (or use `.pipe`).
/// Rules:
/// - colour only on a stream that is a terminal, never when `NO_COLOR` is set to anything
///   non-empty (https://no-color.org) or `TERM` is `dumb`;
/// - width from `COLUMNS` when it is a positive number, else the terminal's size (TIOCGWINSZ on
///   standard output, then standard error), else 80; never less than 20.
public struct TerminalCapabilities: Sendable, Hashable {
    /// Standard input is a terminal (a secret can be asked for).
    public var standardInputIsTerminal: Bool
    /// Standard output is a terminal: tables are fitted to `width`, a person is reading.
    public var standardOutputIsTerminal: Bool
    /// Standard error is a terminal: progress bars are drawn.
    public var standardErrorIsTerminal: Bool
    /// Colour escapes may be written to standard output.
    public var colorOnStandardOutput: Bool
    /// Colour escapes may be written to standard error.
    public var colorOnStandardError: Bool
    /// Terminal width in columns (80 when unknown).
    public var width: Int

    public init(
        standardInputIsTerminal: Bool = false,
        standardOutputIsTerminal: Bool,
        standardErrorIsTerminal: Bool,
        colorOnStandardOutput: Bool,
        colorOnStandardError: Bool,
        width: Int = 80
    ) {
        self.standardInputIsTerminal = standardInputIsTerminal
        self.standardOutputIsTerminal = standardOutputIsTerminal
        self.standardErrorIsTerminal = standardErrorIsTerminal
        self.colorOnStandardOutput = colorOnStandardOutput
        self.colorOnStandardError = colorOnStandardError
        self.width = width
    }

    /// Output to pipes or files: no terminal, no colour, 80 columns.
    public static let pipe = TerminalCapabilities(
        standardOutputIsTerminal: false, standardErrorIsTerminal: false,
        colorOnStandardOutput: false, colorOnStandardError: false)

    /// A colour terminal of `width` columns on every stream, for tests.
    public static func terminal(width: Int = 80, color: Bool = true) -> TerminalCapabilities {
        TerminalCapabilities(
            standardInputIsTerminal: true, standardOutputIsTerminal: true, standardErrorIsTerminal: true,
            colorOnStandardOutput: color, colorOnStandardError: color, width: width)
    }

    /// Capabilities of this process, from its descriptors and `environment`.
    public static func detect(
        environment: [String: String] = ProcessEnvironment.current()
    ) -> TerminalCapabilities {
        let stdinTTY = Syscalls.isTerminal(Syscalls.standardInput)
        let stdoutTTY = Syscalls.isTerminal(Syscalls.standardOutput)
        let stderrTTY = Syscalls.isTerminal(Syscalls.standardError)
        let measured =
            Syscalls.windowColumns(Syscalls.standardOutput)
            ?? Syscalls.windowColumns(Syscalls.standardError)
        return resolve(
            environment: environment, standardInputIsTerminal: stdinTTY,
            standardOutputIsTerminal: stdoutTTY, standardErrorIsTerminal: stderrTTY,
            measuredWidth: measured)
    }

    /// The pure part of `detect()`: the rules applied to what was observed.
    public static func resolve(
        environment: [String: String],
        standardInputIsTerminal: Bool = false,
        standardOutputIsTerminal: Bool,
        standardErrorIsTerminal: Bool,
        measuredWidth: Int?
    ) -> TerminalCapabilities {
        let colorAllowed = colorAllowed(environment: environment)
        var width = measuredWidth ?? 80
        if let columns = environment["COLUMNS"].flatMap({ Int($0.trimmed(.whitespaces)) }),
            columns > 0
        {
            width = columns
        }
        return TerminalCapabilities(
            standardInputIsTerminal: standardInputIsTerminal,
            standardOutputIsTerminal: standardOutputIsTerminal,
            standardErrorIsTerminal: standardErrorIsTerminal,
            colorOnStandardOutput: colorAllowed && standardOutputIsTerminal,
            colorOnStandardError: colorAllowed && standardErrorIsTerminal,
            width: max(width, 20))
    }

    /// Whether the environment allows colour at all (`NO_COLOR`, `TERM=dumb`).
    public static func colorAllowed(environment: [String: String]) -> Bool {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }
}
