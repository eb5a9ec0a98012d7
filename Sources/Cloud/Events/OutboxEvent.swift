import Identifiers
import JSONCoding

/// A domain event in EventBridge's envelope, written as an outbox item in the same transaction as the change it
/// reports (ARCHITECTURE §4); a relay publishes it later and deletes the item.
public struct OutboxEvent: Sendable {
    /// How many outbox partitions events spread over.
    public static let shardCount = 4

    /// The event's ID, a UUID unless one was given; EventBridge's `id`.
    public let id: String
    /// What kind of event this is, e.g. `OrderPlaced`; EventBridge's `detail-type`.
    public let detailType: String
    /// ISO 8601 UTC, e.g. `2026-11-22T21:36:49.123Z`.
    public let time: String
    /// The whole EventBridge envelope as JSON.
    public let envelope: String
    /// The X-Ray trace header of the work that raised the event: the relay hands it on (as SQS's `AWSTraceHeader`)
    /// so consumers continue the same trace.
    public let traceHeader: String?

    /// The field of every outbox event's `detail` that holds the event's ID: EventBridge gives each event it accepts
    /// an `id` of its own, so on AWS only this field still names the event a relay published again; locally it
    /// equals the envelope's `id`.
    public static let detailEventIDField = "eventId"

    /// Builds the envelope around `detail`, with the event's ID added to it as ``detailEventIDField`` (replacing a
    /// field of that name); `time` is ISO 8601 in UTC and the ID is a new UUID when `id` is `nil`. `account` and
    /// `region` only hold the places: the bus that takes the event writes its own (EventBridge its account, the
    /// local bus the local cloud's).
    ///
    /// - Throws: the encoding error when `detail` cannot be encoded as JSON or is not a JSON object (EventBridge
    ///   takes only objects), or when the envelope is larger than a whole `PutEvents` request
    ///   (``EventBusLimits/requestSize``): such an event is refused here, while the change that raises it can still
    ///   fail, rather than written to the outbox, where every relay would try to publish it for ever.
    public init<Detail: Encodable>(
        id: String? = nil,
        source: String,
        detailType: String,
        time: String,
        detail: Detail,
        account: String = "000000000000",
        region: String = "us-east-1",
        traceHeader: String? = nil
    ) throws {
        let id = id ?? RandomUUID.make()
        self.id = id
        self.detailType = detailType
        self.time = time
        self.traceHeader = traceHeader
        guard var fields = try JSONValue(encoding: detail).objectValue else {
            throw EncodingError.invalidValue(
                detail, .init(codingPath: [], debugDescription: "An event's detail must be a JSON object"))
        }
        fields[Self.detailEventIDField] = .string(id)
        let envelope = Envelope(
            id: id, source: source, detailType: detailType, time: time, account: account, region: region,
            detail: JSONValue.object(fields))
        let text = try StreamingJSONEncoder().encode(envelope)
        guard text.count <= EventBusLimits.requestSize else {
            throw EncodingError.invalidValue(
                detail,
                .init(
                    codingPath: [],
                    debugDescription:
                        "The \(detailType) event takes \(text.count) bytes, more than the bus's \(EventBusLimits.requestSize)"
                ))
        }
        self.envelope = String(decoding: text, as: UTF8.self)
    }

    /// The outbox item: `OUTBOX#<shard>` / `<time>#<id>`, holding the envelope and the trace header.
    public var item: Item {
        let shard = self.id.utf8.reduce(UInt32(0)) { $0 &* 31 &+ UInt32($1) } % UInt32(Self.shardCount)
        var item: Item = [
            TableSchema.partitionKey: .string("\(OutboxPartitions.prefix)\(shard)"),
            TableSchema.sortKey: .string("\(self.time)#\(self.id)"),
            "eventId": .string(self.id),
            "detailType": .string(self.detailType),
            "envelope": .string(self.envelope),
        ]
        if let traceHeader { item[Self.traceHeaderAttribute] = .string(traceHeader) }
        return item
    }

    /// The outbox item's attribute holding ``traceHeader``, named as SQS names it.
    public static let traceHeaderAttribute = "AWSTraceHeader"

    private struct Envelope: Encodable {
        var version = "0"
        var id: String
        var source: String
        var detailType: String
        var time: String
        var account: String
        var region: String
        var resources: [String] = []
        var detail: JSONValue

        enum CodingKeys: String, CodingKey {
            case version, id, source, time, account, region, resources, detail
            case detailType = "detail-type"
        }
    }
}
