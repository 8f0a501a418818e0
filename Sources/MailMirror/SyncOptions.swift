import FoundationEssentials

/// Tuning of a sync run. The defaults suit a 2-core laptop and Gmail's limits.
public struct SyncOptions: Sendable {
    /// Messages allowed to wait for their commit (bounds memory).
    public var pipelineCapacity: Int = 8
    /// How many times a dropped connection is reopened within one mailbox.
    public var reconnectAttempts: Int = 3
    /// Seconds to wait before each reconnection attempt.
    public var reconnectDelays: [Double] = [0.5, 2, 8]
    public var now: @Sendable () -> Date = { Date() }

    public init() {}
}
