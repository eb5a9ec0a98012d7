public import JSONCoding
public import LambdaEvents

/// The `detail` of an event a consumer takes from the bus, as far as it says which outbox event it is: the ID the
/// outbox gave it (``OutboxEvent/detailEventIDField``) survives publishing on AWS, where the envelope's `id` is
/// EventBridge's own and new at every publishing.
public protocol OutboxEventDetail: Codable, Sendable {
    /// The ``OutboxEvent/detailEventIDField`` of the detail, `nil` for an event that did not come from an outbox.
    var outboxEventID: String? { get }
}

extension JSONValue: OutboxEventDetail {
    /// The detail's ``OutboxEvent/detailEventIDField`` string.
    public var outboxEventID: String? { self[OutboxEvent.detailEventIDField]?.stringValue }
}

extension EventBridgeEvent where Detail: OutboxEventDetail {
    /// The ID consumers make their effect idempotent by: the outbox event's ID the detail carries, else the
    /// envelope's `id`. The same event published twice (by a relay that retried) keeps it, however EventBridge
    /// names the copies.
    public var eventID: String { self.detail.outboxEventID ?? self.id }
}
