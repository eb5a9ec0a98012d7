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
}
