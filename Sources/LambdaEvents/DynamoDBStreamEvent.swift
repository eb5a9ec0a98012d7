/// A batch of changes to a DynamoDB table, delivered from its stream by a Lambda event source mapping.
///
/// The images keep DynamoDB's attribute-value JSON (`{"S": "text"}`, `{"N": "42"}`, …) exactly as the stream sends
/// them: the code that owns the table's item type (the AWS store adapter) reads them. A handler that fails part of a
/// batch answers an ``SQSBatchResponse`` whose `itemIdentifier` is the `SequenceNumber` of the first record that
/// failed: Lambda retries the batch from that record, so the records before it are not processed again.
public struct DynamoDBStreamEvent: Codable, Sendable, Equatable {
    /// The changes, in the order of the stream's shard (`Records` in the JSON).
    public var records: [Record]

    /// Creates a batch from records, e.g. for a test.
    public init(records: [Record]) {
        self.records = records
    }

    enum CodingKeys: String, CodingKey {
        case records = "Records"
    }
}

extension DynamoDBStreamEvent {
    /// One change of one item.
    public struct Record: Codable, Sendable, Equatable {
        /// A unique identifier of this stream record.
        public var eventID: String
        /// What happened to the item.
        public var eventName: EventName
        /// The stream record's format version, e.g. `1.1`.
        public var eventVersion: String?
        /// The service the event came from, `aws:dynamodb`.
        public var eventSource: String
        /// The AWS Region of the table, e.g. `eu-west-1`.
        public var awsRegion: String
        /// The ARN of the table's stream the record was read from.
        public var eventSourceARN: String
        /// The change itself: keys, images and position in the stream.
        public var dynamodb: StreamRecord
        /// Set when the change was made by DynamoDB itself, e.g. `{"type": "Service", "principalId":
        /// "dynamodb.amazonaws.com"}` for an item deleted by its time to live.
        public var userIdentity: UserIdentity?

        /// Creates a record, e.g. for a test.
        public init(
            eventID: String,
            eventName: EventName,
            eventVersion: String? = "1.1",
            eventSource: String = "aws:dynamodb",
            awsRegion: String,
            eventSourceARN: String,
            dynamodb: StreamRecord,
            userIdentity: UserIdentity? = nil
        ) {
            self.eventID = eventID
            self.eventName = eventName
            self.eventVersion = eventVersion
            self.eventSource = eventSource
            self.awsRegion = awsRegion
            self.eventSourceARN = eventSourceARN
            self.dynamodb = dynamodb
            self.userIdentity = userIdentity
        }
    }

    /// The kind of change a record reports.
    public enum EventName: String, Codable, Sendable {
        /// A new item was added.
        case insert = "INSERT"
        /// An existing item's attributes changed.
        case modify = "MODIFY"
        /// An item was deleted.
        case remove = "REMOVE"
    }

    /// The change of one item: its key, the images the stream's view type includes, and its place in the shard.
    public struct StreamRecord: Codable, Sendable, Equatable {
        /// The item's key attributes, in attribute-value JSON.
        public var keys: [String: JSONValue]
        /// The item after the change (`NEW_IMAGE` and `NEW_AND_OLD_IMAGES` views; absent on `REMOVE`).
        public var newImage: [String: JSONValue]?
        /// The item before the change (`OLD_IMAGE` and `NEW_AND_OLD_IMAGES` views; absent on `INSERT`).
        public var oldImage: [String: JSONValue]?
        /// The record's position in its shard, a decimal string; the `itemIdentifier` of a partial batch failure.
        public var sequenceNumber: String
        /// The size of the record in bytes.
        public var sizeBytes: Int64
        /// What the stream includes: `KEYS_ONLY`, `NEW_IMAGE`, `OLD_IMAGE` or `NEW_AND_OLD_IMAGES`.
        public var streamViewType: String
        /// When the change was made, in seconds since the Unix epoch (to the second, or finer when the table's
        /// stream asks for it).
        public var approximateCreationDateTime: Double?

        /// Creates a stream record, e.g. for a test.
        public init(
            keys: [String: JSONValue],
            newImage: [String: JSONValue]? = nil,
            oldImage: [String: JSONValue]? = nil,
            sequenceNumber: String,
            sizeBytes: Int64,
            streamViewType: String,
            approximateCreationDateTime: Double? = nil
        ) {
            self.keys = keys
            self.newImage = newImage
            self.oldImage = oldImage
            self.sequenceNumber = sequenceNumber
            self.sizeBytes = sizeBytes
            self.streamViewType = streamViewType
            self.approximateCreationDateTime = approximateCreationDateTime
        }

        enum CodingKeys: String, CodingKey {
            case keys = "Keys"
            case newImage = "NewImage"
            case oldImage = "OldImage"
            case sequenceNumber = "SequenceNumber"
            case sizeBytes = "SizeBytes"
            case streamViewType = "StreamViewType"
            case approximateCreationDateTime = "ApproximateCreationDateTime"
        }
    }

    /// Who made a change when it was not a caller of the table's API.
    public struct UserIdentity: Codable, Sendable, Equatable {
        /// `Service` for changes made by DynamoDB.
        public var type: String
        /// `dynamodb.amazonaws.com` for changes made by DynamoDB.
        public var principalId: String

        /// Creates an identity, e.g. for a test.
        public init(type: String, principalId: String) {
            self.type = type
            self.principalId = principalId
        }
    }
}

extension DynamoDBStreamEvent.Record {
    /// Whether DynamoDB deleted the item itself because its time to live had passed.
    public var isExpiry: Bool {
        self.eventName == .remove && self.userIdentity?.type == "Service"
            && self.userIdentity?.principalId == "dynamodb.amazonaws.com"
    }
}
