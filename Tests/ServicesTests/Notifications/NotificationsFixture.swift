import Cloud
import Foundation
import LocalCloud
import Middleware
import Services
import StratusTesting

/// The notifications worker and API on one in-memory store, on a clock the test moves, sending to a notification
/// log in a temporary folder; events arrive as the `notifications` queue would deliver them.
final class NotificationsFixture: Sendable {
    let directory: TemporaryDirectory
    let clock: ManualClock
    let store: InMemoryItemStore
    let log: NotificationLog
    let worker: NotificationsWorker
    let api: NotificationsAPI

    /// With `notifier`, the worker sends through what it makes of the log instead of the log itself.
    init(notifier: ((NotificationLog) -> any Notifier)? = nil) throws {
        self.directory = try TemporaryDirectory()
        self.clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
        self.store = InMemoryItemStore(clock: self.clock)
        self.log = NotificationLog(path: self.directory.path("notifications.log"), clock: self.clock)
        self.worker = NotificationsWorker(
            store: self.store, notifier: notifier?(self.log) ?? self.log, clock: self.clock)
        self.api = NotificationsAPI(store: self.store, clock: self.clock)
    }

    /// An EventBridge envelope of `type` with `detail` (JSON), as the relay publishes it.
    static func envelope(id: String, type: String, detail: String) -> String {
        #"{"version":"0","id":"\#(id)","detail-type":"\#(type)","source":"stratus.orders","account":"000000000000","#
            + #""time":"2026-11-23T21:36:49.007Z","region":"us-east-1","resources":[],"detail":\#(detail)}"#
    }

    /// The `OrderStatusChanged` envelope of event `id` for `customer`'s order.
    static func statusChanged(id: String, customer: String = "alice", to status: String = "SHIPPED") -> String {
        Self.envelope(
            id: id, type: "OrderStatusChanged",
            detail: #"{"orderId":"o-1","customerId":"\#(customer)","from":"CONFIRMED","to":"\#(status)","version":3}"#)
    }

    /// Delivers one batch of `bodies` (message IDs `m1`, `m2`, …) to the worker.
    func deliver(_ bodies: [String], logSink: InMemoryLogSink? = nil) async throws -> SQSBatchResponse {
        let event = SQSEvent(
            records: bodies.enumerated().map { .test("m\($0.offset + 1)", body: $0.element, queue: "notifications") })
        return try await self.worker.handle(event, context: .test(function: "notifications-worker", logSink: logSink))
    }

    /// Writes the profile of `user` with `email` and, if given, `phone`.
    func addProfile(_ user: String, email: String, phone: String? = nil) async throws {
        var item: Item = [
            "PK": .string("USER#\(user)"), "SK": "PROFILE", "userId": .string(user), "email": .string(email),
            "name": "A. User", "createdAt": "2026-11-23T21:00:00.000Z", "updatedAt": "2026-11-23T21:00:00.000Z",
            "version": .int(1),
        ]
        item["phone"] = phone.map(AttributeValue.string)
        try await self.store.put(item)
    }

    /// Sends a request to the API as `user` (nil: no token).
    func send(
        _ method: String, _ path: String, as user: String? = "alice", query: [String: String]? = nil
    ) async throws -> APIGatewayV2Response {
        let event = APIGatewayV2Request.test(
            method, path, claims: user.map { ["sub": $0] }, query: query)
        return try await self.api.handle(event, context: .test(function: "notifications-api"))
    }

    /// The notification page of a `GET /notifications` answer.
    func list(as user: String = "alice", query: [String: String]? = nil) async throws -> NotificationPage {
        let response = try await self.send("GET", "/notifications", as: user, query: query)
        precondition(response.statusCode == 200, "list failed: \(response.body ?? "")")
        return try JSONDecoder().decode(NotificationPage.self, from: Data((response.body ?? "").utf8))
    }
}
