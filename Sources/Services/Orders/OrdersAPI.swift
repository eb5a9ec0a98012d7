package import Cloud
package import Middleware
package import Observability

/// The orders function: create, read, list and move orders through their states. Every route needs a valid token;
/// customers see and cancel their own orders, staff manage every order. Each change writes its event to the outbox
/// in the same transaction. With `metrics`, it records `OrderCreated` and `OrderValue` (the total in minor units),
/// both by `currency`, and `OrderStatusChanged` (by `status`).
package struct OrdersAPI: HTTPAPI {
    /// The events' `source`.
    package static let eventSource = "stratus.orders"

    package let router: HTTPRouter

    /// Orders kept in `store`, stamped with `clock`'s time, their ids from `identifiers`; `POST /orders` is
    /// idempotent through `idempotency` (records in `store` on `clock` by default).
    package init(
        store: any ItemStore, clock: any Clock = SystemClock(),
        identifiers: any IdentifierSource = SystemIdentifierSource(), idempotency: Idempotency? = nil,
        metrics: EMFMetrics? = nil
    ) {
        let orders = OrderRepository(store: store, clock: clock, identifiers: identifiers)
        let idempotency = idempotency ?? Idempotency(store: store, scope: "orders", clock: clock)
        self.router = HTTPRouter {
            Route(
                .post, "/orders", authorization: .jwt(), idempotency: idempotency, summary: "Place an order",
                status: 201, body: CreateOrderRequest.self
            ) { request, body, _ in
                let order = try await orders.create(body, for: try request.caller())
                // Both by currency: one EMF document per order.
                try? metrics?.add("OrderCreated", value: 1, dimensions: [("currency", order.currency)])
                try? metrics?.add(
                    "OrderValue", value: Double(order.total), unit: .none, dimensions: [("currency", order.currency)])
                return APIResponse(
                    headers: [.location: "/orders/\(order.orderId)", .eTag: "\"\(order.version)\""],
                    body: order
                )
            }
            Route(
                .get, "/orders/{id}", authorization: .jwt(), summary: "One order: the caller's own, or any for staff",
                errors: [404]
            ) { request, _ in
                let order = try await orders.find(request.pathParameters["id"] ?? "", for: try request.caller())
                return APIResponse(headers: [.eTag: "\"\(order.version)\""], body: order)
            }
            Route(
                .get, "/orders", authorization: .jwt(), summary: "The caller's orders, newest first",
                query: OrderListQuery.parameters, errors: [400]
            ) { request, _ in
                APIResponse(body: try await orders.list(for: try request.caller(), query: try OrderListQuery(request)))
            }
            Route(
                .patch, "/orders/{id}/status", authorization: .jwt(), summary: "Move an order to another status",
                body: UpdateOrderStatusRequest.self, errors: [403, 404, 409, 412, 428]
            ) { request, body, _ in
                let order = try await orders.move(
                    request.pathParameters["id"] ?? "",
                    to: body.status,
                    expectedVersion: try request.expectedVersion(of: "order"),
                    by: try request.caller()
                )
                try? metrics?.add("OrderStatusChanged", value: 1, dimensions: [("status", order.status.rawValue)])
                return APIResponse(headers: [.eTag: "\"\(order.version)\""], body: order)
            }
        }
    }
}
