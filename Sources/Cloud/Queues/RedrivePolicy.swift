/// Where a queue's messages go after too many receives (SQS's `RedrivePolicy`): once a message's receive count
/// exceeds ``maxReceiveCount``, the next receive moves it to the dead-letter queue instead of returning it.
public struct RedrivePolicy: Sendable, Hashable {
    /// The name of the dead-letter queue; it must exist and be of the same kind (FIFO or standard).
    public var deadLetterQueue: String
    /// How many receives a message is allowed before it is moved, 1…1000.
    public var maxReceiveCount: Int

    /// A policy moving messages to `deadLetterQueue` after `maxReceiveCount` receives.
    public init(deadLetterQueue: String, maxReceiveCount: Int) {
        self.deadLetterQueue = deadLetterQueue
        self.maxReceiveCount = maxReceiveCount
    }
}
