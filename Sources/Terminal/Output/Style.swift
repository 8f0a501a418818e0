/// ANSI text styles that vanish when colour is off.
///
/// Every escape property is the empty string when `enabled` is false, so code can write
/// `style.red + "failed" + style.reset` without checking anything. Get one from
/// `OutputSink.style` (for standard output) or build it from `TerminalCapabilities`.
public struct Style: Sendable, Hashable {
    /// A text attribute.
    public enum Attribute: String, Sendable, CaseIterable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case cyan = "36"
    }

    /// Whether escapes are produced.
    public let enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// A style that never produces escapes.
    public static let plain = Style(enabled: false)

    /// The escape that turns `attribute` on ("" when disabled).
    public func code(_ attribute: Attribute) -> String {
        enabled ? "\u{1B}[" + attribute.rawValue + "m" : ""
    }

    public var bold: String { code(.bold) }
    public var dim: String { code(.dim) }
    public var red: String { code(.red) }
    public var green: String { code(.green) }
    public var yellow: String { code(.yellow) }
    public var cyan: String { code(.cyan) }
    /// The escape that turns every attribute off ("" when disabled).
    public var reset: String { enabled ? "\u{1B}[0m" : "" }

    /// `text` wrapped in `attributes` and a reset; `text` unchanged when disabled or empty.
    public func apply(_ attributes: Attribute..., to text: String) -> String {
        guard enabled, !attributes.isEmpty, !text.isEmpty else { return text }
        return attributes.map(code).joined() + text + reset
    }
}
