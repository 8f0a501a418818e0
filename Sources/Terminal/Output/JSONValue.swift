/// A JSON value whose object keys keep the order they were given in, so output is byte-stable.
///
/// `--json` output is a contract with scripts: build it with this type (never from a
/// `Dictionary`, whose order changes between runs) and print it with `JSONOutput`.
///
/// ```swift
/// let value: JSONValue = [
///     "account": "support",
///     "mailboxes": [["mailbox": "[Gmail]/All Mail", "uidvalidity": 12, "fetched": 3]],
/// ]
/// value.rendered()          // {"account":"support","mailboxes":[{"mailbox":…}]}
/// ```
///
/// Numbers: `.int` prints as an integer; `.double` prints with Swift's shortest round-trip
/// form (`0.1`, `2.0`, `1e-07`), and a non-finite double (NaN, ∞), which JSON cannot hold,
/// prints as `null`.
public indirect enum JSONValue: Sendable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null

    /// `value` as a string, or `null` when nil.
    public static func string(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    /// `value` as an integer, or `null` when nil.
    public static func int(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }

    /// The value for `key` when this is an object (the first one when a key repeats).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// The keys of an object in their order; empty for anything else.
    public var keys: [String] {
        guard case .object(let members) = self else { return [] }
        return members.map(\.0)
    }
}

extension JSONValue: Equatable {
    /// Equal when of the same kind with equal contents; objects compare keys in order.
    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case (.array(let a), .array(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b || (a.isNaN && b.isNaN)
        case (.bool(let a), .bool(let b)): return a == b
        case (.null, .null): return true
        default: return false
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(nilLiteral: ()) { self = .null }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    /// Keys keep the order they are written in the literal.
    public init(dictionaryLiteral elements: (String, JSONValue)...) { self = .object(elements) }
}

/// A value that has a documented JSON form.
public protocol JSONRepresentable {
    /// The JSON form, with keys in their documented order.
    var json: JSONValue { get }
}
