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

    /// The attributes of a queue with `configuration` holding the given numbers of messages.
    public init(configuration: QueueConfiguration, visibleMessages: Int, inFlightMessages: Int, delayedMessages: Int) {
        self.configuration = configuration
        self.visibleMessages = visibleMessages
        self.inFlightMessages = inFlightMessages
        self.delayedMessages = delayedMessages
    }
}
