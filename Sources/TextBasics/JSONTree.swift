import FoundationEssentials

/// A parsed JSON document of any shape, for the few small documents read by key (token answers, client
/// secret files, OAuth error challenges): `JSONSerialization` is swift-corelibs Foundation's, which the
/// executable no longer links (issue 13).
public enum JSONTree: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    /// The document in `bytes`; nil when it is not JSON.
    public static func parse(_ bytes: some Sequence<UInt8>) -> JSONTree? {
        try? JSONDecoder().decode(JSONTree.self, from: Data(bytes))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONTree].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONTree].self))
        }
    }

    /// The members of an object; nil for any other value.
    public var object: [String: JSONTree]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// A string's text; nil for any other value.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A number (or a boolean, as 1 or 0) as `NSNumber.intValue` reads it: truncated toward zero.
    public var int: Int? {
        switch self {
        case .number(let value) where value.isFinite && abs(value) < 9.2e18: return Int(value)
        case .bool(let value): return value ? 1 : 0
        default: return nil
        }
    }

    /// A number (or a boolean) as `NSNumber.stringValue` writes it: `401`, `1.5`, `1` for true.
    public var numberText: String? {
        switch self {
        case .number(let value):
            if value == value.rounded(), abs(value) < 9.2e18 { return String(Int(value)) }
            return String(value)
        case .bool(let value): return value ? "1" : "0"
        default: return nil
        }
    }
}
