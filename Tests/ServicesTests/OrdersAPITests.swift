import Cloud
import Foundation
import Middleware
import Services
import StratusTesting
import Testing

@Suite("Orders")
struct OrdersAPITests {
    @Test func creatingAnOrderAnswers201WithItsLocationTotalAndVersionAndWritesOrderCreated() async throws {
        let fixture = try OrdersFixture()
        let response = try await fixture.send("POST", "/orders", body: OrdersFixture.twoLines)
        #expect(response.statusCode == 201)
        let order = try response.order()
        #expect(response.headers?["location"] == "/orders/\(order.orderId)")
        #expect(response.headers?["etag"] == "\"1\"")
        #expect(order.customerId == "alice")
        #expect(order.status == .pending)
        #expect(order.total == 2 * 1999 + 4500)
        #expect(order.currency == "EUR")
        #expect(order.version == 1)
        #expect(order.createdAt == order.updatedAt)
        #expect(order.createdAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil)
        let events = try await fixture.outbox()
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event["detail-type"] as? String == "OrderCreated")
        #expect(event["source"] as? String == "stratus.orders")
        #expect((event["detail"] as? [String: Any])?["orderId"] as? String == order.orderId)
        #expect((event["id"] as? String)?.isEmpty == false)
    }

    @Test func newOrdersTakeTheirIdsFromTheIdentifierPort() async throws {
        let fixture = try OrdersFixture()
        let first = try await fixture.create(as: "alice")
        let second = try await fixture.create(as: "bob")
        #expect(first.orderId == SequentialIdentifierSource.identifier(1))
        #expect(second.orderId == SequentialIdentifierSource.identifier(2))
        let found = try await fixture.send("GET", "/orders/\(SequentialIdentifierSource.identifier(2))", as: "bob")
        #expect(try found.order() == second)
    }

    /// New orders' ids sort after older ones, so the store's index takes each at its end.
    @Test func theSystemsIdsSortInTheOrderTheyWereMade() async throws {
        var ids: [String] = []
        for _ in 0..<5 {
            ids.append(SystemIdentifierSource().makeIdentifier())
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(ids == ids.sorted(), "\(ids)")
    }

    @Test func anIdNotShapedLikeThePortsIdsNamesNoOrder() {
        let identifiers = SequentialIdentifierSource()
        #expect(identifiers.isWellFormed(identifiers.makeIdentifier()))
        #expect(SystemIdentifierSource().isWellFormed(SystemIdentifierSource().makeIdentifier()))
        #expect(SystemIdentifierSource().makeIdentifier() != SystemIdentifierSource().makeIdentifier())
        for text in ["", "not-a-uuid", "00000000-0000-4000-8000-00000000000g", "00000000000040008000000000000001"] {
            #expect(!identifiers.isWellFormed(text), "\(text)")
        }
    }

    @Test(arguments: [
        (#"{"items":[],"currency":"EUR"}"#, "items"),
        (#"{"items":[{"sku":"A","quantity":0,"unitPrice":1}],"currency":"EUR"}"#, "items[0].quantity"),
        (#"{"items":[{"sku":"A","quantity":1001,"unitPrice":1}],"currency":"EUR"}"#, "items[0].quantity"),
        (#"{"items":[{"sku":"A","quantity":1,"unitPrice":-5}],"currency":"EUR"}"#, "items[0].unitPrice"),
        (#"{"items":[{"sku":"A B","quantity":1,"unitPrice":1}],"currency":"EUR"}"#, "items[0].sku"),
        (#"{"items":[{"sku":"A","quantity":1,"unitPrice":1}],"currency":"EURO"}"#, "currency"),
        (#"{"items":[{"sku":"A","quantity":1,"unitPrice":1}],"currency":"eur"}"#, "currency"),
        (#"{"items":[{"sku":"A","quantity":"two","unitPrice":1}],"currency":"EUR"}"#, "items[0].quantity"),
    ])
    func badOrdersAre422WithTheField(_ body: String, _ field: String) async throws {
        let fixture = try OrdersFixture()
        let response = try await fixture.send("POST", "/orders", body: body)
        #expect(response.statusCode == 422)
        let problems = try #require(try response.json()["errors"] as? [[String: String]])
        #expect(problems.contains { $0["field"] == field }, "\(problems)")
        #expect(try await fixture.outbox().isEmpty, "nothing is written for a refused order")
    }

    @Test func moreThanAHundredLinesIsRefused() async throws {
        let fixture = try OrdersFixture()
        let lines = Array(repeating: #"{"sku":"A","quantity":1,"unitPrice":1}"#, count: 101).joined(separator: ",")
        let response = try await fixture.send("POST", "/orders", body: #"{"items":[\#(lines)],"currency":"EUR"}"#)
        #expect(response.statusCode == 422)
    }

    @Test func withoutATokenEveryRouteIs401() async throws {
        let fixture = try OrdersFixture()
        for (method, path) in [
            ("POST", "/orders"), ("GET", "/orders"), ("GET", "/orders/x"), ("PATCH", "/orders/x/status"),
        ] {
            let response = try await fixture.send(method, path, body: OrdersFixture.twoLines, as: nil)
            #expect(response.statusCode == 401, "\(method) \(path)")
            #expect(response.headers?["www-authenticate"] == "Bearer")
        }
    }

    @Test func anOrderIsVisibleToItsCustomerAndStaffOnly() async throws {
        let fixture = try OrdersFixture()
        let order = try await fixture.create(as: "alice")
        let own = try await fixture.send("GET", "/orders/\(order.orderId)", as: "alice")
        #expect(own.statusCode == 200)
        #expect(try own.order() == order)
        #expect(own.headers?["etag"] == "\"1\"")
        #expect(try await fixture.send("GET", "/orders/\(order.orderId)", as: "mallory").statusCode == 404)
        #expect(
            try await fixture.send("GET", "/orders/\(order.orderId)", as: "sam", groups: "[staff]").statusCode == 200)
        #expect(try await fixture.send("GET", "/orders/not-a-uuid", as: "alice").statusCode == 404)
        #expect(
            try await fixture.send("GET", "/orders/\(UUID().uuidString.lowercased())", as: "alice").statusCode == 404)
    }

    @Test func theCustomersOrdersAreListedNewestFirstAPageAtATime() async throws {
        let fixture = try OrdersFixture()
        var created: [String] = []
        for _ in 0..<5 {
            created.append(try await fixture.create(as: "alice").orderId)
            fixture.clock.advance(by: .milliseconds(1))
        }
        _ = try await fixture.create(as: "bob")
        var listed: [String] = []
        var cursor: String?
        repeat {
            var query = ["limit": "2"]
            query["cursor"] = cursor
            let response = try await fixture.send("GET", "/orders", as: "alice", query: query)
            #expect(response.statusCode == 200)
            let page = try JSONDecoder().decode(OrderPage.self, from: Data((response.body ?? "").utf8))
            #expect(page.orders.count <= 2)
            listed += page.orders.map(\.orderId)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(listed == created.reversed())
        let defaultPage = try JSONDecoder().decode(
            OrderPage.self, from: Data((try await fixture.send("GET", "/orders", as: "alice").body ?? "").utf8))
        #expect(defaultPage.orders.count == 5)
    }

    @Test func listingRefusesBadLimitsCursorsAndStatuses() async throws {
        let fixture = try OrdersFixture()
        _ = try await fixture.create(as: "alice")
        _ = try await fixture.create(as: "alice")
        for query in [["limit": "0"], ["limit": "101"], ["limit": "ten"], ["status": "LOST"], ["cursor": "garbage"]] {
            #expect(try await fixture.send("GET", "/orders", as: "alice", query: query).statusCode == 400, "\(query)")
        }
        let first = try await fixture.send("GET", "/orders", as: "alice", query: ["limit": "1"])
        let cursor = try #require(
            try JSONDecoder().decode(OrderPage.self, from: Data((first.body ?? "").utf8)).nextCursor)
        let stolen = try await fixture.send("GET", "/orders", as: "mallory", query: ["cursor": cursor])
        #expect(stolen.statusCode == 400, "a cursor from another customer's listing is refused")
        let pending = try await fixture.send("GET", "/orders", as: "alice", query: ["status": "PENDING"])
        #expect(try JSONDecoder().decode(OrderPage.self, from: Data((pending.body ?? "").utf8)).orders.count == 2)
        let shipped = try await fixture.send("GET", "/orders", as: "alice", query: ["status": "SHIPPED"])
        #expect(try JSONDecoder().decode(OrderPage.self, from: Data((shipped.body ?? "").utf8)).orders.isEmpty)
    }

    @Test func statusChangesFollowTheStateMachineAndWhoMayMakeThem() async throws {
        let fixture = try OrdersFixture()
        let order = try await fixture.create(as: "alice")
        let path = "/orders/\(order.orderId)/status"
        func move(_ status: String, version: String?, as user: String = "alice", groups: String? = nil) async throws
            -> APIGatewayV2Response
        {
            try await fixture.send(
                "PATCH", path, body: #"{"status":"\#(status)"}"#, as: user, groups: groups,
                headers: version.map { ["if-match": $0] } ?? [:])
        }
        #expect(try await move("CONFIRMED", version: nil).statusCode == 428)
        #expect(try await move("CONFIRMED", version: "\"x\"").statusCode == 400)
        #expect(try await move("CONFIRMED", version: "\"1\"").statusCode == 403, "customers may only cancel")
        #expect(try await move("CONFIRMED", version: "\"1\"", as: "mallory").statusCode == 404)
        #expect(try await move("DELIVERED", version: "\"1\"", as: "sam", groups: "staff").statusCode == 409)
        #expect(try await move("LOST", version: "\"1\"", as: "sam", groups: "staff").statusCode == 422)

        let confirmed = try await move("CONFIRMED", version: "\"1\"", as: "sam", groups: "staff")
        #expect(confirmed.statusCode == 200)
        #expect(try confirmed.order().status == .confirmed)
        #expect(try confirmed.order().version == 2)
        #expect(confirmed.headers?["etag"] == "\"2\"")
        #expect(
            try await move("SHIPPED", version: "\"1\"", as: "sam", groups: "staff").statusCode == 412, "stale version")
        let cancelled = try await move("CANCELLED", version: "2")
        #expect(cancelled.statusCode == 200)
        #expect(try cancelled.order().status == .cancelled)
        #expect(try await move("CONFIRMED", version: "\"3\"", as: "sam", groups: "staff").statusCode == 409)

        let changes = try await fixture.outbox().filter { $0["detail-type"] as? String == "OrderStatusChanged" }
        #expect(changes.count == 2)
        let details = changes.compactMap { $0["detail"] as? [String: Any] }
        #expect(Set(details.compactMap { $0["to"] as? String }) == ["CONFIRMED", "CANCELLED"])
    }

    @Test func racingUpdatesOfOneVersionLetExactlyOneWin() async throws {
        let fixture = try OrdersFixture()
        let order = try await fixture.create(as: "alice")
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    try await fixture.send(
                        "PATCH", "/orders/\(order.orderId)/status", body: #"{"status":"CONFIRMED"}"#,
                        as: "sam", groups: "staff", headers: ["if-match": "\"1\""]
                    ).statusCode
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses.filter { $0 == 200 }.count == 1)
        #expect(statuses.filter { $0 == 412 }.count == 7)
        #expect(try await fixture.outbox().filter { $0["detail-type"] as? String == "OrderStatusChanged" }.count == 1)
    }

    @Test func anIdempotencyKeyCreatesOneOrderAndRefusesAnotherBody() async throws {
        let fixture = try OrdersFixture()
        let first = try await fixture.send(
            "POST", "/orders", body: OrdersFixture.twoLines, headers: ["idempotency-key": "k-1"])
        let again = try await fixture.send(
            "POST", "/orders", body: OrdersFixture.twoLines, headers: ["idempotency-key": "k-1"])
        #expect(first.statusCode == 201)
        #expect(again == first)
        let other = try await fixture.send(
            "POST", "/orders", body: #"{"items":[{"sku":"Z","quantity":1,"unitPrice":1}],"currency":"EUR"}"#,
            headers: ["idempotency-key": "k-1"])
        #expect(other.statusCode == 422)
        #expect(try await fixture.outbox().count == 1, "one order, one event")
    }
}
