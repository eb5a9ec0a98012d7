/// What a queue poller waits on between its receives: its rest after failed batches, its pause after a receive that
/// found nothing without long polling, and the end of a batching window. Tests hand in one they move themselves,
/// together with the clock the queue reads.
public protocol PollerTimer: Sendable {
    /// Returns once `duration` has passed.
    /// - Throws: `CancellationError` when the task is cancelled first.
    func sleep(for duration: Duration) async throws
}

/// The machine's time: ``PollerTimer/sleep(for:)`` is `Task.sleep`.
public struct SystemPollerTimer: PollerTimer {
    /// The system's timer.
    public init() {}

    /// Sleeps for `duration` of real time.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
