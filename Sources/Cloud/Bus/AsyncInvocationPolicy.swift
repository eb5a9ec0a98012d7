/// How Lambda retries an asynchronous invocation whose function failed (its event invoke configuration), before the
/// event goes to the dead-letter queue.
public struct AsyncInvocationPolicy: Sendable, Hashable, Codable {
    /// Retries after the first invocation, 0…2; 2 by default.
    public var maximumRetryAttempts: Int
    /// How old an event may get and still be invoked: 60…21,600 s; six hours by default.
    public var maximumEventAgeSeconds: Int

    /// A policy with Lambda's defaults for whatever is not given.
    public init(maximumRetryAttempts: Int = 2, maximumEventAgeSeconds: Int = 21_600) {
        self.maximumRetryAttempts = maximumRetryAttempts
        self.maximumEventAgeSeconds = maximumEventAgeSeconds
    }
}
