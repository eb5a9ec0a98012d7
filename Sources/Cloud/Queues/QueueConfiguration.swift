/// The settings of a queue, with SQS's defaults and bounds (``MessageQueueLimits``).
public struct QueueConfiguration: Sendable, Hashable {
    /// A FIFO queue: ordered per message group, deduplicated; its name ends in `.fifo`.
    public var fifo: Bool
    /// On a FIFO queue, a message without a deduplication id is deduplicated by the SHA-256 of its body.
    public var contentBasedDeduplication: Bool
    /// How long a received message stays hidden, 0 s…12 h; 30 s by default.
    public var visibilityTimeout: Duration
    /// How long a message is kept, 60 s…14 days; 4 days by default.
    public var retention: Duration
    /// How long a new message stays hidden, 0…900 s; none by default.
    public var delay: Duration
    /// How long a receive that names no wait time waits for a message, 0…20 s; none by default.
    public var receiveWaitTime: Duration
    /// The largest message in bytes (body and attributes), 1 KiB…1 MiB; 1 MiB by default.
    public var maximumMessageSize: Int
    /// Where messages go after too many receives, if anywhere.
    public var redrivePolicy: RedrivePolicy?

    /// A configuration with SQS's defaults for whatever is not given.
    public init(
        fifo: Bool = false,
        contentBasedDeduplication: Bool = false,
        visibilityTimeout: Duration = .seconds(30),
        retention: Duration = .seconds(345_600),
        delay: Duration = .zero,
        receiveWaitTime: Duration = .zero,
        maximumMessageSize: Int = MessageQueueLimits.maximumMessageSize,
        redrivePolicy: RedrivePolicy? = nil
    ) {
        self.fifo = fifo
        self.contentBasedDeduplication = contentBasedDeduplication
        self.visibilityTimeout = visibilityTimeout
        self.retention = retention
        self.delay = delay
        self.receiveWaitTime = receiveWaitTime
        self.maximumMessageSize = maximumMessageSize
        self.redrivePolicy = redrivePolicy
    }

    /// Checks `name` and every setting against SQS's bounds.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` naming the first setting out of bounds.
    public func validate(forQueueNamed name: String) throws(MessageQueueError) {
        try Self.validateName(name, fifo: self.fifo)
        if self.contentBasedDeduplication && !self.fifo {
            throw .invalidParameter("ContentBasedDeduplication", "only a FIFO queue deduplicates")
        }
        try MessageQueueRequest.check(
            "VisibilityTimeout", self.visibilityTimeout, in: .zero...MessageQueueLimits.visibilityTimeout)
        try MessageQueueRequest.check(
            "MessageRetentionPeriod", self.retention,
            in: MessageQueueLimits.minimumRetention...MessageQueueLimits.maximumRetention)
        try MessageQueueRequest.check("DelaySeconds", self.delay, in: .zero...MessageQueueLimits.delay)
        try MessageQueueRequest.check(
            "ReceiveMessageWaitTimeSeconds", self.receiveWaitTime, in: .zero...MessageQueueLimits.waitTime)
        guard
            (MessageQueueLimits.minimumMessageSize...MessageQueueLimits.maximumMessageSize).contains(
                self.maximumMessageSize)
        else {
            throw .invalidParameter(
                "MaximumMessageSize",
                "\(self.maximumMessageSize) is not between \(MessageQueueLimits.minimumMessageSize) and \(MessageQueueLimits.maximumMessageSize)"
            )
        }
        if let policy = self.redrivePolicy {
            guard (1...MessageQueueLimits.maxReceiveCount).contains(policy.maxReceiveCount) else {
                throw .invalidParameter(
                    "RedrivePolicy", "maxReceiveCount \(policy.maxReceiveCount) is not between 1 and 1000")
            }
            guard policy.deadLetterQueue != name else {
                throw .invalidParameter("RedrivePolicy", "a queue cannot be its own dead-letter queue")
            }
            guard policy.deadLetterQueue.hasSuffix(".fifo") == self.fifo else {
                throw .invalidParameter(
                    "RedrivePolicy",
                    "the dead-letter queue of a \(self.fifo ? "FIFO" : "standard") queue must be \(self.fifo ? "a FIFO" : "a standard") queue"
                )
            }
            do throws(MessageQueueError) {
                try Self.validateName(policy.deadLetterQueue, fifo: self.fifo)
            } catch {
                throw .invalidParameter("RedrivePolicy", "deadLetterTargetArn does not name a queue")
            }
        }
    }

    /// Checks a queue name: 1…80 letters, digits, `-` and `_`, ending in `.fifo` exactly when the queue is FIFO.
    /// - Throws: ``MessageQueueError/Code/invalidParameterValue`` for `QueueName`.
    public static func validateName(_ name: String, fifo: Bool) throws(MessageQueueError) {
        let stem = fifo && name.hasSuffix(".fifo") ? name.dropLast(5) : Substring(name)
        guard name.utf8.count <= MessageQueueLimits.queueNameLength, !stem.isEmpty,
            stem.utf8.allSatisfy(MessageQueueRequest.isIdentifierByte)
        else {
            throw .invalidParameter(
                "QueueName",
                fifo
                    ? "the name of a FIFO queue holds only letters, digits, hyphens and underscores, ends in .fifo and is 1 to 80 characters long"
                    : "a queue name holds only letters, digits, hyphens and underscores and is 1 to 80 characters long")
        }
        guard !fifo || name.hasSuffix(".fifo") else {
            throw .invalidParameter("QueueName", "the name of a FIFO queue ends in .fifo")
        }
    }
}
