/// A message queue of the app (an SQS queue) with its settings; its dead-letter queue is declared as a queue too.
public struct Queue: Sendable, Hashable {
    /// The queue's name; a FIFO queue's ends in `.fifo`.
    public let name: String
    /// The queue's settings, SQS's defaults where not given.
    public let configuration: QueueConfiguration

    /// Declares the queue `name` with `configuration`.
    public init(_ name: String, configuration: QueueConfiguration) {
        self.name = name
        self.configuration = configuration
    }

    /// Declares the queue `name`; a FIFO queue when the name ends in `.fifo`. With `deadLetterQueue`, a message
    /// received `maxReceiveCount` times without being deleted moves there on its next receive.
    public init(
        _ name: String,
        visibilityTimeout: Duration = .seconds(30),
        retention: Duration = .seconds(345_600),
        delay: Duration = .zero,
        contentBasedDeduplication: Bool = false,
        deadLetterQueue: String? = nil,
        maxReceiveCount: Int = 5
    ) {
        self.init(
            name,
            configuration: QueueConfiguration(
                fifo: name.hasSuffix(".fifo"),
                contentBasedDeduplication: contentBasedDeduplication,
                visibilityTimeout: visibilityTimeout,
                retention: retention,
                delay: delay,
                redrivePolicy: deadLetterQueue.map {
                    RedrivePolicy(deadLetterQueue: $0, maxReceiveCount: maxReceiveCount)
                }
            )
        )
    }
}
