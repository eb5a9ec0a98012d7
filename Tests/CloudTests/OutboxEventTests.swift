import Cloud
import Testing

/// The outbox event's envelope: its detail carries the event's ID, which survives EventBridge naming the event anew.
@Suite("Outbox events")
struct OutboxEventTests {
    @Test func theDetailCarriesTheEventIDInPlaceOfAnyFieldOfThatName() throws {
        let event = try OutboxEvent(
            id: "e-1", source: "stratus.orders", detailType: "OrderCreated", time: "2026-11-23T21:36:49.007Z",
            detail: ["orderId": "o-1", OutboxEvent.detailEventIDField: "forged"])
        #expect(event.envelope.contains(#""id":"e-1""#))
        #expect(event.envelope.contains(#""detail":{"eventId":"e-1","orderId":"o-1"}"#))
        #expect(event.item["envelope"] == .string(event.envelope))
    }

    /// EventBridge takes only JSON objects as details.
    @Test func aDetailThatIsNotAnObjectIsRefused() {
        #expect(throws: EncodingError.self) {
            try OutboxEvent(
                source: "stratus.orders", detailType: "OrderCreated", time: "2026-11-23T21:36:49.007Z", detail: ["o-1"])
        }
    }

    /// An event no bus would take is refused when it is written, not left in the outbox for the relays to retry.
    @Test func anEventLargerThanABusRequestIsRefusedAndOneJustWithinIsWritten() throws {
        func event(padding: Int) throws -> OutboxEvent {
            try OutboxEvent(
                id: "e-1", source: "stratus.orders", detailType: "OrderCreated", time: "2026-11-23T21:36:49.007Z",
                detail: ["note": String(repeating: "x", count: padding)])
        }
        let overhead = try event(padding: 0).envelope.utf8.count
        let largest = try event(padding: EventBusLimits.requestSize - overhead)
        #expect(largest.envelope.utf8.count == EventBusLimits.requestSize)
        #expect(throws: EncodingError.self) { try event(padding: EventBusLimits.requestSize - overhead + 1) }
    }
}
