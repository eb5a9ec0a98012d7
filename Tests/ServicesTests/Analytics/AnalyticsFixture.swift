import Cloud
import Foundation
import Middleware
import Services
import StratusTesting

/// The analytics worker and API on one in-memory store, on a clock the test moves; events arrive as the `analytics`
/// queue would deliver them.
struct AnalyticsFixture {
    let clock = ManualClock(nowMilliseconds: 1_795_469_809_007)
    let store: InMemoryItemStore
    let worker: AnalyticsWorker
    let api: AnalyticsAPI

    init() {
        self.store = InMemoryItemStore(clock: self.clock)
        self.worker = AnalyticsWorker(store: self.store, clock: self.clock)
        self.api = AnalyticsAPI(store: self.store)
    }

    /// An EventBridge envelope of event `id` of `type` from `source`, at `time`.
    static func envelope(
        id: String, type: String, source: String = "stratus.orders", time: String = "2026-11-23T21:36:49.007Z"
    ) -> String {
        #"{"version":"0","id":"\#(id)","detail-type":"\#(type)","source":"\#(source)","account":"000000000000","#
            + #""time":"\#(time)","region":"us-east-1","resources":[],"detail":{"orderId":"o-1"}}"#
    }

    /// Delivers one batch of `bodies` (message IDs `m1`, `m2`, …) to the worker.
    func deliver(_ bodies: [String]) async throws -> SQSBatchResponse {
        let event = SQSEvent(
            records: bodies.enumerated().map { .test("m\($0.offset + 1)", body: $0.element, queue: "analytics") })
        return try await self.worker.handle(event, context: .test(function: "analytics-worker"))
    }

    /// `GET /analytics/events` with `query`, as `user` in `groups` (`nil`: no token).
    func get(
        _ query: [String: String], as user: String? = "sam", groups: String = "staff"
    ) async throws -> APIGatewayV2Response {
        let event = APIGatewayV2Request.test(
            "GET", "/analytics/events", claims: user.map { ["sub": $0, "cognito:groups": groups] }, query: query)
        return try await self.api.handle(event, context: .test(function: "analytics-api"))
    }

    /// The report for `from` to `to`, as staff.
    func report(from: String, to: String) async throws -> AnalyticsReport {
        let response = try await self.get(["from": from, "to": to])
        precondition(response.statusCode == 200, "report failed: \(response.body ?? "")")
        return try JSONDecoder().decode(AnalyticsReport.self, from: Data((response.body ?? "").utf8))
    }
}
