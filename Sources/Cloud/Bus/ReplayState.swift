/// Where a replay stands.
public enum ReplayState: String, Sendable, Hashable {
    /// Accepted, not yet sending.
    case starting = "STARTING"
    /// Sending archived events to the bus.
    case running = "RUNNING"
    /// Every event of the window was sent.
    case completed = "COMPLETED"
    /// Stopped before the end.
    case cancelled = "CANCELLED"
    /// Stopped by an error.
    case failed = "FAILED"
}
