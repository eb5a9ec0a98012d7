/// A message as a receive hands it out, with SQS's system attributes as typed fields.
public struct ReceivedMessage: Sendable, Hashable {
    /// The id the message was given when it was sent; it stays the same through a move to a dead-letter queue.
    public var messageID: String
    /// The handle to delete the message or change its visibility with; specific to this receive.
    public var receiptHandle: String
    /// The body.
    public var body: String
    /// The MD5 digest of the body, in lowercase hex.
    public var md5OfBody: String
    /// The attributes the sender set.
    public var messageAttributes: [String: MessageAttributeValue]
    /// How often the message was received, this receive included (`ApproximateReceiveCount`).
    public var receiveCount: Int
    /// When the message was sent, in milliseconds since the epoch (`SentTimestamp`).
    public var sentTimestamp: Int64
    /// When the message was first received, in milliseconds since the epoch (`ApproximateFirstReceiveTimestamp`).
    public var firstReceiveTimestamp: Int64
    /// The X-Ray trace header the sender passed on (`AWSTraceHeader`).
    public var traceHeader: String?
    /// The message's group on a FIFO queue (`MessageGroupId`).
    public var messageGroupID: String?
    /// The message's deduplication id on a FIFO queue (`MessageDeduplicationId`).
    public var deduplicationID: String?
    /// The message's place in its FIFO queue (`SequenceNumber`).
    public var sequenceNumber: String?

    /// A received message; the system attributes a standard queue lacks default to `nil`.
    public init(
        messageID: String,
        receiptHandle: String,
        body: String,
        md5OfBody: String,
        messageAttributes: [String: MessageAttributeValue],
        receiveCount: Int,
        sentTimestamp: Int64,
        firstReceiveTimestamp: Int64,
        traceHeader: String? = nil,
        messageGroupID: String? = nil,
        deduplicationID: String? = nil,
        sequenceNumber: String? = nil
    ) {
        self.messageID = messageID
        self.receiptHandle = receiptHandle
        self.body = body
        self.md5OfBody = md5OfBody
        self.messageAttributes = messageAttributes
        self.receiveCount = receiveCount
        self.sentTimestamp = sentTimestamp
        self.firstReceiveTimestamp = firstReceiveTimestamp
        self.traceHeader = traceHeader
        self.messageGroupID = messageGroupID
        self.deduplicationID = deduplicationID
        self.sequenceNumber = sequenceNumber
    }
}
