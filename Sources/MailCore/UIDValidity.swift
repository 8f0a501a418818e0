/// The epoch of a mailbox's UIDs (RFC 9051 §2.3.1.1): when it changes, every UID
/// learnt before means nothing, so the store starts a new epoch folder.
public struct UIDValidity: RawRepresentable, Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    public init(_ value: UInt32) { self.rawValue = value }
    public static func < (lhs: UIDValidity, rhs: UIDValidity) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { String(rawValue) }
}
