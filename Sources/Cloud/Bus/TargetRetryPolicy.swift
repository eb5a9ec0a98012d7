/// How long and how often a failed delivery is retried before the event goes to the target's dead-letter queue.
///
/// Two retry at once for a function target: EventBridge's policy (the target's `RetryPolicy`, ``eventBridgeDefault``,
/// bounded by ``EventBusLimits/retryAttempts`` and ``EventBusLimits/eventAgeSeconds``), and Lambda's own for an
/// asynchronous invocation whose function failed (its event invoke configuration, ``lambdaAsynchronousDefault``,
/// bounded by ``EventBusLimits/asyncRetryAttempts`` and ``EventBusLimits/asyncEventAgeSeconds``).
public struct TargetRetryPolicy: Sendable, Hashable, Codable {
    /// EventBridge's default: 185 retries within one day.
    public static let eventBridgeDefault = TargetRetryPolicy(maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400)
    /// Lambda's default for asynchronous invocations: 2 retries within six hours.
    public static let lambdaAsynchronousDefault = TargetRetryPolicy(
        maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600)

    /// Retries after the first attempt.
    public var maximumRetryAttempts: Int
    /// How old an event may get, from when it was put, and still be retried, in seconds.
    public var maximumEventAgeSeconds: Int

    /// A policy of at most `maximumRetryAttempts` retries while the event is at most `maximumEventAgeSeconds` old.
    public init(maximumRetryAttempts: Int, maximumEventAgeSeconds: Int) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAgeSeconds = maximumEventAgeSeconds
    }
}
