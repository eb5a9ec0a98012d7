import Cloud
import Foundation
import Middleware
import Services
import StratusTesting

/// The orders function on an in-memory store, on a clock the test moves, with ids numbered from 1, and events as the
/// gateway would send them.
final class OrdersFixture: Sendable {
    let clock: ManualClock
    let store: InMemoryItemStore
    let api: OrdersAPI

    init() throws {
        let clock = ManualClock()
        self.clock = clock
        self.store = InMemoryItemStore(clock: clock)
        self.api = OrdersAPI(store: self.store, clock: clock, identifiers: SequentialIdentifierSource())
    }

    /// Sends a request as `user` (nil: no token), returning the answer.
    func send(
        _ method: String,
        _ path: String,
        body: String? = nil,
        as user: String? = "alice",
        groups: String? = nil,
        headers: [String: String] = [:],
        query: [String: String]? = nil
    ) async throws -> APIGatewayV2Response {
        var claims: [String: String] = [:]
        claims["sub"] = user
        claims["cognito:groups"] = groups
        let event = APIGatewayV2Request.test(
            method, path, body: body, claims: user == nil ? nil : claims, headers: headers, query: query)
        return try await self.api.handle(event, context: .test(function: "orders"))
    }

    /// Creates an order for `user` and returns it.
    func create(as user: String = "alice", body: String = OrdersFixture.twoLines) async throws -> Order {
        let response = try await self.send("POST", "/orders", body: body, as: user)
        precondition(response.statusCode == 201, "create failed: \(response.body ?? "")")
        return try JSONDecoder().decode(Order.self, from: Data((response.body ?? "").utf8))
    }

    /// Every outbox envelope, parsed.
    func outbox() async throws -> [[String: Any]] {
        try await self.store.outboxEnvelopes()
    }

    static let twoLines =
        #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999},{"sku":"B-2","quantity":1,"unitPrice":4500}],"currency":"EUR"}"#
}

extension InMemoryItemStore {
    /// Every outbox envelope, parsed.
    func outboxEnvelopes() async throws -> [[String: Any]] {
        var events: [[String: Any]] = []
        for shard in 0..<OutboxEvent.shardCount {
            for item in try await self.query(ItemQuery(partition: "OUTBOX#\(shard)")).items {
                let envelope = try JSONSerialization.jsonObject(with: Data((item.string("envelope") ?? "").utf8))
                events.append(envelope as? [String: Any] ?? [:])
            }
        }
        return events
    }
}

extension APIGatewayV2Response {
    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: Data((self.body ?? "").utf8)) as? [String: Any]) ?? [:]
    }

    func order() throws -> Order {
        try JSONDecoder().decode(Order.self, from: Data((self.body ?? "").utf8))
    }
}
