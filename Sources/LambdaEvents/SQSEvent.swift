/// A batch of SQS messages delivered by a Lambda event source mapping.
public struct SQSEvent: Codable, Sendable, Equatable {
    public var records: [Message]

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
        public var messageId: String
        public var receiptHandle: String
        public var body: String
        public var attributes: SystemAttributes
        public var messageAttributes: [String: MessageAttribute]
        public var md5OfBody: String
        public var md5OfMessageAttributes: String?
        public var eventSource: String
        public var eventSourceARN: String
        public var awsRegion: String

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
        public var approximateReceiveCount: String
        public var sentTimestamp: String
        public var senderId: String
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
        public var stringValue: String?
        /// Base64 of the binary value.
        public var binaryValue: String?
        public var stringListValues: [String]
        public var binaryListValues: [String]
        public var dataType: String

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
