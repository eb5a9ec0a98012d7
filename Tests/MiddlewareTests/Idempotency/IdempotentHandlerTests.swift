import Cloud
import LambdaRuntime
import Middleware
import Testing

@Suite struct IdempotentHandlerTests {
    struct Charge: Codable, Sendable {
        var paymentId: String?
        var amount: Int
    }

    struct ChargeHandler: LambdaHandler {
        let fixture: IdempotencyFixture

        func handle(_ event: Charge, context: LambdaContext) async throws -> Receipt {
            Receipt(orderId: event.paymentId ?? "none", run: self.fixture.countRun())
        }
    }

    @Test func theKeyComesFromTheEventAndEventsWithoutOneAreHandledAsUsual() async throws {
        let fixture = try IdempotencyFixture()
        let handler = IdempotentHandler(ChargeHandler(fixture: fixture), idempotency: fixture.idempotency()) {
            $0.paymentId
        }
        let first = try await handler.handle(Charge(paymentId: "p-1", amount: 10), context: fixture.context())
        let repeated = try await handler.handle(Charge(paymentId: "p-1", amount: 10), context: fixture.context())
        #expect(repeated == first)
        await #expect(throws: IdempotencyError.payloadMismatch) {
            _ = try await handler.handle(Charge(paymentId: "p-1", amount: 99), context: fixture.context())
        }
        _ = try await handler.handle(Charge(paymentId: nil, amount: 10), context: fixture.context())
        _ = try await handler.handle(Charge(paymentId: nil, amount: 10), context: fixture.context())
        #expect(fixture.runCount == 3, "one run for p-1, and one per event without a key")
    }
}
