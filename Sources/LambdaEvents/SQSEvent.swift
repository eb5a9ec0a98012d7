/// A batch of SQS messages delivered by a Lambda event source mapping.
public struct SQSEvent: Codable, Sendable, Equatable {
    /// The messages of the batch, in the order SQS delivered them (`Records` in the JSON).
    public var records: [Message]

    /// Creates a batch from messages, e.g. for a test.
    public init(records: [Message]) {
        self.records = records
    }

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }
}

extension SQSEvent {
    /// One message of the batch.
    public struct Message: Codable, Sendable, Equatable {
        /// The message ID SQS assigned when the message was sent, a UUID.
        public var messageId: String
        /// The handle that deletes or changes the visibility of this receipt of the message; it changes on every
        /// receive.
        public var receiptHandle: String
        /// The message body as the sender sent it, unchanged.
        public var body: String
        /// The attributes SQS keeps for the message: receive count, timestamps, sender and FIFO fields.
        public var attributes: SystemAttributes
        /// The attributes the sender attached, by name.
        public var messageAttributes: [String: MessageAttribute]
        /// The MD5 digest of ``body`` in hex, for checking it arrived intact.
        public var md5OfBody: String
        /// The MD5 digest of the message attributes in hex; `nil` when there are none.
        public var md5OfMessageAttributes: String?
        /// The service the event came from, `aws:sqs`.
        public var eventSource: String
        /// The ARN of the queue the message was received from.
        public var eventSourceARN: String
        /// The AWS Region of the queue, e.g. `eu-west-1`.
        public var awsRegion: String

        /// Creates a message, e.g. for a test.
        public init(
            messageId: String,
            receiptHandle: String,
            body: String,
            attributes: SystemAttributes,
            messageAttributes: [String: MessageAttribute] = [:],
            md5OfBody: String,
            md5OfMessageAttributes: String? = nil,
            eventSource: String = "aws:sqs",
            eventSourceARN: String,
            awsRegion: String
        ) {
            self.messageId = messageId
            self.receiptHandle = receiptHandle
            self.body = body
            self.attributes = attributes
            self.messageAttributes = messageAttributes
            self.md5OfBody = md5OfBody
            self.md5OfMessageAttributes = md5OfMessageAttributes
            self.eventSource = eventSource
            self.eventSourceARN = eventSourceARN
            self.awsRegion = awsRegion
        }
    }

    /// The attributes SQS itself keeps for a message; every value is a string, as SQS sends it.
    public struct SystemAttributes: Codable, Sendable, Equatable {
        /// How many times the message has been received, this receipt included.
        public var approximateReceiveCount: String
        /// When the message was sent, in milliseconds since the Unix epoch.
        public var sentTimestamp: String
        /// The IAM user or role ID (or account ID) of the sender.
        public var senderId: String
        /// When the message was first received, in milliseconds since the Unix epoch.
        public var approximateFirstReceiveTimestamp: String
        /// FIFO queues only.
        public var sequenceNumber: String?
        /// FIFO queues only.
        public var messageGroupId: String?
        /// FIFO queues only.
        public var messageDeduplicationId: String?
        /// The X-Ray trace header of the sender, when it was traced.
        public var awsTraceHeader: String?
        /// The queue a message came from when it was moved to a dead-letter queue.
        public var deadLetterQueueSourceArn: String?

        /// Creates the system attributes of a message, e.g. for a test; timestamps are milliseconds since the Unix
        /// epoch.
        public init(
            approximateReceiveCount: String,
            sentTimestamp: String,
            senderId: String,
            approximateFirstReceiveTimestamp: String,
            sequenceNumber: String? = nil,
            messageGroupId: String? = nil,
            messageDeduplicationId: String? = nil,
            awsTraceHeader: String? = nil,
            deadLetterQueueSourceArn: String? = nil
        ) {
            self.approximateReceiveCount = approximateReceiveCount
            self.sentTimestamp = sentTimestamp
            self.senderId = senderId
            self.approximateFirstReceiveTimestamp = approximateFirstReceiveTimestamp
            self.sequenceNumber = sequenceNumber
            self.messageGroupId = messageGroupId
            self.messageDeduplicationId = messageDeduplicationId
            self.awsTraceHeader = awsTraceHeader
            self.deadLetterQueueSourceArn = deadLetterQueueSourceArn
        }

        enum CodingKeys: String, CodingKey {
            case approximateReceiveCount = "ApproximateReceiveCount"
            case sentTimestamp = "SentTimestamp"
            case senderId = "SenderId"
            case approximateFirstReceiveTimestamp = "ApproximateFirstReceiveTimestamp"
            case sequenceNumber = "SequenceNumber"
            case messageGroupId = "MessageGroupId"
            case messageDeduplicationId = "MessageDeduplicationId"
            case awsTraceHeader = "AWSTraceHeader"
            case deadLetterQueueSourceArn = "DeadLetterQueueSourceArn"
        }
    }

    /// A message attribute set by the sender; `dataType` is `String`, `Number` or `Binary` (optionally `.label`ed).
    public struct MessageAttribute: Codable, Sendable, Equatable {
        /// The value of a `String` or `Number` attribute; `nil` for `Binary`.
        public var stringValue: String?
        /// Base64 of the binary value.
        public var binaryValue: String?
        /// Reserved by SQS for list values; always empty today.
        public var stringListValues: [String]
        /// Reserved by SQS for list values; always empty today.
        public var binaryListValues: [String]
        /// The attribute's type: `String`, `Number` or `Binary`, optionally followed by `.` and a custom label.
        public var dataType: String

        /// Creates a message attribute of the given type.
        public init(
            stringValue: String? = nil,
            binaryValue: String? = nil,
            stringListValues: [String] = [],
            binaryListValues: [String] = [],
            dataType: String
        ) {
            self.stringValue = stringValue
            self.binaryValue = binaryValue
            self.stringListValues = stringListValues
            self.binaryListValues = binaryListValues
            self.dataType = dataType
        }
    }
}
