import Foundation
import LambdaEvents
import Middleware
import Testing

@testable import Services

/// An order's own JSON writing must give the bytes the streaming encoder gives for its `Encodable` conformance, so
/// that the routes answer exactly what they answered through the encoder.
@Suite("Orders written as JSON by themselves")
struct OrderJSONBytesTests {
    static let orders = [
        Order(
            orderId: "01J9ZK3Q8Y7W6V5T4S3R2Q1P0N", customerId: "user-1", status: .pending,
            items: [
                OrderLine(sku: "A-1", quantity: 2, unitPrice: 1999),
                OrderLine(sku: "B_2", quantity: 1000, unitPrice: 10_000_000),
            ],
            currency: "EUR", total: 10_003_998, createdAt: "2026-12-06T11:00:00.000Z",
            updatedAt: "2026-12-06T11:05:00.000Z", version: 3),
        Order(
            orderId: "o\"quoted\\ é 😀\n", customerId: "", status: .cancelled, items: [], currency: "JPY",
            total: 0, createdAt: "", updatedAt: "", version: Int.max),
    ]

    @Test(arguments: Self.orders)
    func anOrderWritesTheBytesOfTheStreamingEncoder(order: Order) throws {
        #expect(order.jsonBytes == (try StreamingJSONEncoder().encode(order)))
        #expect(try JSONDecoder().decode(Order.self, from: Data(order.jsonBytes)) == order)
    }

    @Test(arguments: [
        OrderPage(orders: Self.orders, nextCursor: "eyJQSyI6Ik9SREVSIzEifQ"),
        OrderPage(orders: Self.orders, nextCursor: nil),
        OrderPage(orders: [], nextCursor: nil),
    ])
    func aPageWritesTheBytesOfTheStreamingEncoder(page: OrderPage) throws {
        #expect(page.jsonBytes == (try StreamingJSONEncoder().encode(page)))
        #expect(try JSONDecoder().decode(OrderPage.self, from: Data(page.jsonBytes)) == page)
    }

    @Test func aLastPageHasNoCursorMember() {
        let text = String(decoding: OrderPage(orders: [], nextCursor: nil).jsonBytes, as: UTF8.self)
        #expect(text == #"{"orders":[]}"#)
    }

    /// The order routes answer `APIResponse`s of orders and pages: the compiler picks the initializer for bodies that
    /// write themselves.
    @Test func answersOfOrdersAreWrittenByTheOrdersThemselves() throws {
        let order = Self.orders[0]
        let writer = try #require(APIResponse(status: .ok, body: order).bodyWriter)
        #expect(writer(order) == order.jsonBytes)
        let page = OrderPage(orders: [order], nextCursor: nil)
        let pageWriter = try #require(APIResponse(status: .ok, body: page).bodyWriter)
        #expect(pageWriter(page) == page.jsonBytes)
    }
}
