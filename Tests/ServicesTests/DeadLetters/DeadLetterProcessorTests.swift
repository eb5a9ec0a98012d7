import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import LocalCloud
import Middleware
import Observability
import Services
import StratusTesting
import Testing

/// The dead-letter processor and `GET /admin/dead-letters` on one in-memory store, on a clock the test moves.
@Suite("Dead letters")
struct DeadLetterProcessorTests {
    let clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
    let store: InMemoryItemStore
    let lines = InMemoryLogSink()
    let metrics: EMFMetrics
    let processor: DeadLetterProcessor
    let api: DeadLettersAPI

    init() {
        self.store = InMemoryItemStore(clock: self.clock)
        self.metrics = EMFMetrics(
            configuration: MetricsConfiguration(environment: ["POWERTOOLS_SERVICE_NAME": "dead-letters"]),
            sink: self.lines)
        self.processor = DeadLetterProcessor(
            store: self.store, sources: DeadLetterSources(["notifications-dlq": "notifications"]), clock: self.clock,
            metrics: self.metrics)
        self.api = DeadLettersAPI(store: self.store)
    }

    /// Delivers the messages `ids` of the dead-letter queue, each received `receiveCount` times, with `body`.
    func deliver(
        _ ids: [String], body: String = #"{"poison":true}"#, queue: String = "notifications-dlq"
    ) async throws -> SQSBatchResponse {
        let event = SQSEvent(records: ids.map { .test($0, body: body, receiveCount: 5, queue: queue) })
        return try await self.processor.handle(event, context: .test(function: "dead-letters"))
    }

    func list(as claims: [String: String]?, query: [String: String]? = nil) async throws -> APIGatewayV2Response {
        try await self.api.handle(
            .test("GET", "/admin/dead-letters", claims: claims, query: query), context: .test(function: "api"))
    }

    static let staff = ["sub": "sam", "cognito:groups": "[staff]"]

    @Test func aDeadMessageIsKeptWithItsSourceQueueReasonAndBody() async throws {
        let worker = NotificationsWorker(
            store: self.store, notifier: NotificationLog(path: "/nonexistent/notifications.log"), clock: self.clock)
        // The worker fails the message and keeps its reason, as it did on its fifth receive.
        _ = try? await worker.handle(
            SQSEvent(records: [.test("m-1", body: #"{"poison":true}"#, receiveCount: 5, queue: "notifications")]),
            context: .test(function: "notifications-worker"))
        self.clock.advance(by: .seconds(60))

        let response = try await self.deliver(["m-1"])
        #expect(response.batchItemFailures.isEmpty)
        let deadLetter = try #require(try await DeadLetterRepository(store: self.store).find("m-1"))
        #expect(deadLetter.sourceQueue == "notifications" && deadLetter.deadLetterQueue == "notifications-dlq")
        #expect(deadLetter.receiveCount == 5 && deadLetter.status == .dead)
        #expect(deadLetter.body == #"{"poison":true}"#)
        #expect(deadLetter.firstReceivedAt == "2026-11-23T21:36:49.007Z")
        #expect(deadLetter.lastReceivedAt == "2026-11-23T21:36:49.007Z")
        #expect(deadLetter.recordedAt == "2026-11-23T21:37:49.007Z")
        #expect(deadLetter.lastError?.isEmpty == false)
    }

    @Test func aMessageDeliveredTwiceIsKeptAndCountedOnce() async throws {
        _ = try await self.deliver(["m-1"])
        self.clock.advance(by: .seconds(5))
        _ = try await self.deliver(["m-1", "m-2"])
        self.metrics.flush()
        let documents = try self.lines.lines.map { try JSONDecoder().decode(JSONValue.self, from: Data($0.utf8)) }
            .filter { $0["DeadLetters"] != nil }
        // EMF keeps the values of one metric and dimensions in one document: one count per new dead letter.
        let values = documents.flatMap { document -> [JSONValue] in
            guard case .array(let values) = document["DeadLetters"] else { return [document["DeadLetters"] ?? .null] }
            return values
        }
        #expect(values.count == 2 && values.allSatisfy { $0 == .integer(1) || $0 == .number(1) })
        #expect(documents.allSatisfy { $0["sourceQueue"] == .string("notifications") })
        let page = try JSONDecoder().decode(
            DeadLetterPage.self, from: Data((try await self.list(as: Self.staff).body ?? "").utf8))
        #expect(page.deadLetters.map(\.messageId) == ["m-2", "m-1"])
    }

    @Test func aMessageOfAnUnknownQueueFails() async throws {
        await #expect(throws: BatchProcessingError.self) { _ = try await self.deliver(["m-1"], queue: "other-dlq") }
        #expect(try await DeadLetterRepository(store: self.store).find("m-1") == nil)
    }

    @Test func onlyStaffListDeadLettersNewestFirstAPageAtATime() async throws {
        for id in ["m-1", "m-2", "m-3"] {
            _ = try await self.deliver([id])
            self.clock.advance(by: .seconds(1))
        }
        #expect(try await self.list(as: nil).statusCode == 401)
        #expect(try await self.list(as: ["sub": "alice"]).statusCode == 403)
        #expect(try await self.list(as: Self.staff, query: ["limit": "0"]).statusCode == 400)
        #expect(try await self.list(as: Self.staff, query: ["cursor": "bogus"]).statusCode == 400)

        let first = try JSONDecoder().decode(
            DeadLetterPage.self,
            from: Data((try await self.list(as: Self.staff, query: ["limit": "2"]).body ?? "").utf8))
        #expect(first.deadLetters.map(\.messageId) == ["m-3", "m-2"])
        let cursor = try #require(first.nextCursor)
        let second = try JSONDecoder().decode(
            DeadLetterPage.self,
            from: Data((try await self.list(as: Self.staff, query: ["limit": "2", "cursor": cursor]).body ?? "").utf8))
        #expect(second.deadLetters.map(\.messageId) == ["m-1"])

        let otherQueue = try JSONDecoder().decode(
            DeadLetterPage.self,
            from: Data((try await self.list(as: Self.staff, query: ["queue": "orders"]).body ?? "").utf8))
        #expect(otherQueue.deadLetters.isEmpty)
    }
}
