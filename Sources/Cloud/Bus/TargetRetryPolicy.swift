/// How long and how often EventBridge retries a target that failed to take an event (its `RetryPolicy`), before the
/// event goes to the target's dead-letter queue.
public struct TargetRetryPolicy: Sendable, Hashable, Codable {
    /// Retries after the first attempt, 0…185; 185 by default.
    public var maximumRetryAttempts: Int
    /// How old an event may get, from when it was put, and still be retried: 60…86,400 s; one day by default.
    public var maximumEventAgeSeconds: Int

    /// A policy with EventBridge's defaults for whatever is not given.
    public init(maximumRetryAttempts: Int = 185, maximumEventAgeSeconds: Int = 86_400) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAgeSeconds = maximumEventAgeSeconds
    }
}
