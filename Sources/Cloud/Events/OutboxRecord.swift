/// An outbox item as the relay reads it back (the item ``OutboxEvent/item`` describes): what a publisher needs to
/// put the event on the bus, and the key of the item to delete once the bus has it.
public struct OutboxRecord: Sendable, Equatable {
    /// The outbox item's key: `OUTBOX#<shard>` / `<time>#<eventId>`.
    public let key: ItemKey
    /// The event's ID (EventBridge's `id`), kept when the event is published again.
    public let eventId: String
    /// The event's `detail-type`.
    public let detailType: String
    /// The whole EventBridge envelope as JSON.
    public let envelope: String
    /// The X-Ray trace header of the change that raised the event, if it was traced.
    public let traceHeader: String?

    /// The record of an outbox item, or `nil` when `item` lacks a key, `eventId`, `detailType` or `envelope` string.
    public init?(item: Item) {
        guard let key = item.key, case .string(let eventId)? = item["eventId"],
            case .string(let detailType)? = item["detailType"], case .string(let envelope)? = item["envelope"]
        else { return nil }
        self.key = key
        self.eventId = eventId
        self.detailType = detailType
        self.envelope = envelope
        if case .string(let traceHeader)? = item[OutboxEvent.traceHeaderAttribute] {
            self.traceHeader = traceHeader
        } else {
            self.traceHeader = nil
        }
    }
}
