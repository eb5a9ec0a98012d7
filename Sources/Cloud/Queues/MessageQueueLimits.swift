/// The bounds SQS sets, in one place: ``QueueConfiguration/validate(forQueueNamed:)``,
/// ``OutgoingMessage/validate(for:)`` and the request checks of ``MessageQueueRequest`` read them, so the local
/// queues refuse exactly what SQS refuses.
public enum MessageQueueLimits {
    /// The longest queue name, `.fifo` included.
    public static let queueNameLength = 80
    /// The longest visibility timeout: 12 hours.
    public static let visibilityTimeout = Duration.seconds(43_200)
    /// The shortest retention period: one minute.
    public static let minimumRetention = Duration.seconds(60)
    /// The longest retention period: 14 days.
    public static let maximumRetention = Duration.seconds(1_209_600)
    /// The longest delay: 15 minutes.
    public static let delay = Duration.seconds(900)
    /// The longest long-polling wait.
    public static let waitTime = Duration.seconds(20)
    /// The smallest maximum message size a queue may set: 1 KiB.
    public static let minimumMessageSize = 1024
    /// The largest message: 1 MiB.
    public static let maximumMessageSize = 1_048_576
    /// The most message attributes of one message.
    public static let messageAttributes = 10
    /// The longest message attribute name.
    public static let attributeNameLength = 256
    /// The most entries of a batch, and the most messages of one receive.
    public static let batchEntries = 10
    /// The longest batch entry id.
    public static let batchEntryIDLength = 80
    /// The longest message group id or deduplication id.
    public static let fifoIDLength = 128
    /// The highest `maxReceiveCount` of a redrive policy.
    public static let maxReceiveCount = 1000
    /// How long a FIFO queue remembers a deduplication id: 5 minutes.
    public static let deduplicationInterval = Duration.seconds(300)
    /// The most messages in flight in one queue; a receive beyond it fails with ``MessageQueueError/Code/overLimit``.
    public static let inFlightMessages = 120_000
}
