/// A queue's configuration and its approximate message counts.
public struct QueueAttributes: Sendable, Hashable {
    /// The queue's settings.
    public var configuration: QueueConfiguration
    /// Messages ready to be received (`ApproximateNumberOfMessages`).
    public var visibleMessages: Int
    /// Messages received and neither deleted nor visible again (`ApproximateNumberOfMessagesNotVisible`).
    public var inFlightMessages: Int
    /// Messages not yet visible because of a delay (`ApproximateNumberOfMessagesDelayed`).
    public var delayedMessages: Int
    /// How long ago the oldest message still in the queue (visible, in flight or delayed) was sent; `nil` when the
    /// queue is empty. SQS reports it as the CloudWatch metric `ApproximateAgeOfOldestMessage`.
    public var oldestMessageAge: Duration?
    /// When the queue was created, in milliseconds since the Unix epoch (`CreatedTimestamp`); `nil` when not known
    /// (a local queue made before the store kept it).
    public var createdMilliseconds: Int64?
    /// When the queue's settings last changed, in milliseconds since the Unix epoch (`LastModifiedTimestamp`).
    public var lastModifiedMilliseconds: Int64?

    /// The attributes of a queue with `configuration` holding the given numbers of messages, the oldest sent
    /// `oldestMessageAge` ago, created and last changed at the times given.
    public init(
        configuration: QueueConfiguration, visibleMessages: Int, inFlightMessages: Int, delayedMessages: Int,
        oldestMessageAge: Duration? = nil, createdMilliseconds: Int64? = nil, lastModifiedMilliseconds: Int64? = nil
    ) {
        self.configuration = configuration
        self.visibleMessages = visibleMessages
        self.inFlightMessages = inFlightMessages
        self.delayedMessages = delayedMessages
        self.oldestMessageAge = oldestMessageAge
        self.createdMilliseconds = createdMilliseconds
        self.lastModifiedMilliseconds = lastModifiedMilliseconds
    }
}
