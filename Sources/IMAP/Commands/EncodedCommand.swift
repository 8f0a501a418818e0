/// A command ready for the wire.
///
/// `segments` are sent in order; before each segment after the first, the client must wait for a
/// `+` continuation (a synchronizing literal or a SASL exchange). `trace` is the line to show
/// under `--verbose`: secrets are already replaced there, so callers never need to redact.
public struct EncodedCommand: Sendable, Hashable {
    public var tag: String
    public var segments: [[UInt8]]
    public var trace: String
    public init(tag: String, segments: [[UInt8]], trace: String) {
        self.tag = tag
        self.segments = segments
        self.trace = trace
    }
    /// All bytes, for commands with a single segment.
    public var bytes: [UInt8] { segments.flatMap { $0 } }
}
