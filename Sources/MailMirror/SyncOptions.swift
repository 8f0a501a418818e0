import FoundationEssentials

/// Tuning of a sync run. The defaults suit a 2-core laptop and Gmail's limits.
public struct SyncOptions: Sendable {
    /// Messages allowed to wait for their commit (bounds memory).
    public var pipelineCapacity: Int = 8
    /// Messages made durable together by one sync of the file system (`CommitGroup`); a run killed meanwhile
    /// downloads at most these again.
    public var durableGroupSize: Int = 64
    /// How many times a dropped connection is reopened within one mailbox.
    public var reconnectAttempts: Int = 3
    /// Seconds to wait before each reconnection attempt.
    public var reconnectDelays: [Double] = [0.5, 2, 8]
    public var now: @Sendable () -> Date = { Date() }

    public init() {}
}
