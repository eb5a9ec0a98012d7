/// A message to send.
public struct OutgoingMessage: Sendable, Hashable {
    /// The body: 1 byte up to the queue's maximum message size, of the characters XML allows.
    public var body: String
    /// How long the message stays hidden, 0…900 s, instead of the queue's delay; standard queues only.
    public var delay: Duration?
    /// Up to 10 attributes for the consumer.
    public var messageAttributes: [String: MessageAttributeValue]
    /// The group the message is ordered in; required on FIFO queues.
    public var messageGroupID: String?
    /// The id duplicates are recognised by on FIFO queues; without it, a queue with content-based deduplication uses
    /// the SHA-256 of the body.
    public var deduplicationID: String?
    /// The X-Ray trace header the message carries on (the `AWSTraceHeader` system attribute).
    public var traceHeader: String?

    /// A message with `body` and whatever else is given.
    public init(
        body: String,
        delay: Duration? = nil,
        messageAttributes: [String: MessageAttributeValue] = [:],
        messageGroupID: String? = nil,
        deduplicationID: String? = nil,
        traceHeader: String? = nil
    ) {
        self.body = body
        self.delay = delay
        self.messageAttributes = messageAttributes
        self.messageGroupID = messageGroupID
        self.deduplicationID = deduplicationID
        self.traceHeader = traceHeader
    }

    /// The bytes the message counts against the maximum message size: its body, and each attribute's name, data
    /// type and value.
    public var size: Int {
        self.messageAttributes.reduce(self.body.utf8.count) { total, attribute in
            total + attribute.key.utf8.count + attribute.value.dataType.utf8.count + attribute.value.bytes.count
        }
    }

    /// Checks the message against SQS's rules for a queue with `configuration`.
    /// - Throws: ``MessageQueueError`` with SQS's code for the first rule broken.
    public func validate(for configuration: QueueConfiguration) throws(MessageQueueError) {
        guard !self.body.isEmpty else {
            throw .invalidParameter("MessageBody", "a message body holds at least one character")
        }
        guard MessageQueueRequest.isValidMessageText(self.body) else {
            throw MessageQueueError(.invalidMessageContents, "The message body holds characters SQS does not accept")
        }
        try self.validateAttributes()
        guard self.size <= configuration.maximumMessageSize else {
            throw MessageQueueError(
                .messageTooLong,
                "The message is \(self.size) bytes, more than the queue's \(configuration.maximumMessageSize)")
        }
        if let delay = self.delay {
            guard !configuration.fifo else {
                throw .invalidParameter("DelaySeconds", "a FIFO queue delays all its messages alike, not one")
            }
            try MessageQueueRequest.check("DelaySeconds", delay, in: .zero...MessageQueueLimits.delay)
        }
        try Self.validateFIFOID("MessageGroupId", self.messageGroupID)
        try Self.validateFIFOID("MessageDeduplicationId", self.deduplicationID)
        if configuration.fifo {
            guard self.messageGroupID != nil else {
                throw MessageQueueError(.missingParameter, "A message to a FIFO queue needs a MessageGroupId")
            }
            guard self.deduplicationID != nil || configuration.contentBasedDeduplication else {
                throw .invalidParameter(
                    "MessageDeduplicationId",
                    "the queue has no content-based deduplication, so a message needs a deduplication id")
            }
        } else if self.deduplicationID != nil {
            throw .invalidParameter("MessageDeduplicationId", "only a FIFO queue deduplicates")
        }
    }

    private func validateAttributes() throws(MessageQueueError) {
        guard self.messageAttributes.count <= MessageQueueLimits.messageAttributes else {
            throw .invalidParameter(
                "MessageAttributes", "a message has at most 10 attributes, not \(self.messageAttributes.count)")
        }
        for (name, value) in self.messageAttributes {
            try MessageQueueRequest.checkAttributeName(name)
            switch value {
            case .string(let text):
                guard !text.isEmpty, MessageQueueRequest.isValidMessageText(text) else {
                    throw MessageQueueError(
                        .invalidMessageContents,
                        "The attribute \(name) is empty or holds characters SQS does not accept")
                }
            case .number(let text):
                guard let number = Double(text), number.isFinite, text.utf8.count <= 64 else {
                    throw .invalidParameter("MessageAttributes", "the Number attribute \(name) is not a number")
                }
            case .binary(let bytes):
                guard !bytes.isEmpty else {
                    throw .invalidParameter("MessageAttributes", "the Binary attribute \(name) is empty")
                }
            }
        }
    }

    /// A group or deduplication id is 1…128 printable ASCII characters.
    private static func validateFIFOID(_ parameter: String, _ id: String?) throws(MessageQueueError) {
        guard let id else { return }
        guard (1...MessageQueueLimits.fifoIDLength).contains(id.utf8.count),
            id.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else {
            throw .invalidParameter(parameter, "an id is 1 to 128 printable ASCII characters")
        }
    }
}
