import App
import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import NIOCore
import StratusTesting
import Synchronization
import Testing

/// The reference system's manifest: its functions and routes, and what they are built with.
@Suite("Reference app manifest")
struct ReferenceAppTests {
    static func initialization(_ function: String) -> LambdaInitializationContext {
        LambdaInitializationContext(
            handlerName: function, function: FunctionMetadata(name: function), environment: [:],
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, logSink: InMemoryLogSink()
        )
    }

    @Test func theReferenceAppIsValidAndRoutesHealth() throws {
        try ReferenceApp.manifest.validate()
        #expect(
            ReferenceApp.manifest.functionNames == [
                "health", "auth", "users", "orders", "notifications-api", "notifications-worker", "analytics-worker",
                "analytics-api", "dead-letters", "dead-letters-api", "outbox-relay", "echo",
            ])
        let health = try #require(ReferenceApp.manifest.function(named: "health"))
        #expect(health.routes.map(\.routeKey) == ["GET /health"])
        #expect(health.routes.first?.key == .route(.method(.get), path: "/health"))
    }

    @Test func notificationsFollowTheAppBusThroughAQueueWithADeadLetterQueue() throws {
        let manifest = ReferenceApp.manifest
        let queue = try #require(manifest.queue(named: "notifications"))
        #expect(
            queue.configuration.redrivePolicy == RedrivePolicy(deadLetterQueue: "notifications-dlq", maxReceiveCount: 5)
        )
        #expect(manifest.queue(named: "notifications-dlq") != nil)
        let rule = try #require(manifest.rules.first { $0.name == "notifications" })
        #expect(rule.bus == "app" && rule.targets == [.queue("notifications")])
        for kind in ["OrderCreated", "OrderStatusChanged", "UserRegistered", "UserProfileUpdated"] {
            #expect(rule.pattern.contains(#""\#(kind)""#))
        }
        let trigger = try #require(manifest.function(named: "notifications-worker")?.queueTriggers.first)
        #expect(trigger.queue == "notifications" && trigger.batchSize == 10 && trigger.reportBatchItemFailures)
    }

    @Test func everyEventOfTheServicesFeedsTheAnalyticsWorkerAndStaffReadTheCounts() throws {
        let manifest = ReferenceApp.manifest
        let queue = try #require(manifest.queue(named: "analytics"))
        #expect(
            queue.configuration.redrivePolicy == RedrivePolicy(deadLetterQueue: "analytics-dlq", maxReceiveCount: 5))
        let rule = try #require(manifest.rules.first { $0.name == "analytics" })
        #expect(rule.bus == "app" && rule.targets == [.queue("analytics")])
        #expect(rule.pattern == #"{"source": ["stratus.orders", "stratus.users"]}"#)
        let trigger = try #require(manifest.function(named: "analytics-worker")?.queueTriggers.first)
        #expect(trigger.queue == "analytics" && trigger.batchSize == 10 && trigger.reportBatchItemFailures)
        let api = try #require(manifest.function(named: "analytics-api"))
        #expect(api.routes.map(\.routeKey) == ["GET /analytics/events"])
    }

    /// On AWS the outbox reaches the app bus through the table's stream, filtered to new outbox items; nothing else
    /// triggers the relay, so the local cloud, which leaves table streams out, never runs it.
    @Test func theOutboxRelayIsTriggeredByTheTableStreamAlone() throws {
        let relay = try #require(ReferenceApp.manifest.function(named: "outbox-relay"))
        #expect(relay.tableStreams.map(\.batchSize) == [100])
        #expect(relay.tableStreams.first?.filterPattern?.contains(#""prefix": "OUTBOX#""#) == true)
        #expect(relay.routes.isEmpty && relay.queueTriggers.isEmpty && relay.eventRules.isEmpty)
        #expect(relay.schedules.isEmpty)
    }

    @Test func anUnknownFunctionNamesTheKnownOnes() async {
        await #expect(
            throws: ManifestError.unknownFunction(
                "payments",
                known: [
                    "health", "auth", "users", "orders", "notifications-api", "notifications-worker",
                    "analytics-worker", "analytics-api", "dead-letters", "dead-letters-api", "outbox-relay", "echo",
                ])
        ) {
            _ = try await ReferenceApp.manifest.makeHandler(
                Self.initialization("payments"), ports: .unconfigured("no store in this test"))
        }
    }

    /// The orders function is built with the ports' clock and ids: an order placed at the clock's time says so, to the
    /// millisecond, its idempotency record lives on that clock too, and its id is the ports' next.
    @Test func theFunctionsTakeTheirTimeAndIdsFromThePorts() async throws {
        let clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
        let ports = CloudPorts(
            store: InMemoryItemStore(clock: clock), clock: clock, identifiers: SequentialIdentifierSource(next: 7))
        let orders = try await ReferenceApp.manifest.makeHandler(Self.initialization("orders"), ports: ports)
        let request = APIGatewayV2Request.test(
            "POST", "/orders", body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999}],"currency":"EUR"}"#,
            claims: ["sub": "alice"], headers: ["idempotency-key": "order-1"]
        )
        let answer = try await orders.handle(
            ByteBuffer(bytes: try JSONEncoder().encode(request)), context: .test(function: "orders"))
        let response = try JSONDecoder().decode(APIGatewayV2Response.self, from: Data(answer.readableBytesView))
        #expect(response.statusCode == 201)
        let order = try #require(
            try JSONSerialization.jsonObject(with: Data((response.body ?? "").utf8)) as? [String: Any])
        #expect(order["createdAt"] as? String == "2026-11-23T21:36:49.007Z")
        #expect(order["updatedAt"] as? String == "2026-11-23T21:36:49.007Z")
        #expect(order["orderId"] as? String == SequentialIdentifierSource.identifier(7))
    }

    /// The notifications worker sends through the ports' notifier and answers a batch response.
    @Test func theNotificationsWorkerSendsThroughThePortsNotifier() async throws {
        let notifier = RecordingNotifier()
        let clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
        let store = InMemoryItemStore(clock: clock)
        try await store.put([
            "PK": "USER#alice", "SK": "PROFILE", "userId": "alice", "email": "alice@example.com", "name": "Alice",
            "createdAt": "2026-11-23T21:00:00.000Z", "updatedAt": "2026-11-23T21:00:00.000Z", "version": 1,
        ])
        let worker = try await ReferenceApp.manifest.makeHandler(
            Self.initialization("notifications-worker"),
            ports: CloudPorts(store: store, clock: clock, notifier: notifier))
        let envelope =
            #"{"version":"0","id":"e-1","detail-type":"UserProfileUpdated","source":"stratus.users","#
            + #""account":"000000000000","time":"2026-11-23T21:36:49.007Z","region":"us-east-1","resources":[],"#
            + #""detail":{"userId":"alice","version":2}}"#
        let batch = SQSEvent(records: [.test("m-1", body: envelope, queue: "notifications")])
        let answer = try await worker.handle(
            ByteBuffer(bytes: try JSONEncoder().encode(batch)), context: .test(function: "notifications-worker"))
        let response = try JSONDecoder().decode(SQSBatchResponse.self, from: Data(answer.readableBytesView))
        #expect(response == SQSBatchResponse())
        #expect(notifier.sent.map(\.recipient) == ["alice@example.com"])
        #expect(notifier.sent.map(\.idempotencyKey) == ["e-1#email"])
    }
}

/// A notifier that keeps what it is asked to send.
final class RecordingNotifier: Notifier {
    private let notifications = Mutex<[OutgoingNotification]>([])

    func send(_ notification: OutgoingNotification) async throws(NotifierError) {
        self.notifications.withLock { $0.append(notification) }
    }

    var sent: [OutgoingNotification] { self.notifications.withLock { $0 } }
}
