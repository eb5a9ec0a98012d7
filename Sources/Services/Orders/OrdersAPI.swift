public import Cloud
public import Middleware

/// The orders function: create, read, list and move orders through their states. Every route needs a valid token;
/// customers see and cancel their own orders, staff manage every order. Each change writes its event to the outbox
/// in the same transaction.
public struct OrdersAPI: LambdaHandler {
    /// The events' `source`.
    public static let eventSource = "stratus.orders"

    private let router: HTTPRouter

    public init(store: any ItemStore, idempotency: Idempotency? = nil) {
        let orders = OrderRepository(store: store)
        let idempotency = idempotency ?? Idempotency(store: store, scope: "orders")
        self.router = HTTPRouter {
            Route("POST", "/orders", authorization: .jwt(), idempotency: idempotency, body: CreateOrderRequest.self) {
                request, body, _ in
                let order = try await orders.create(body, for: try request.caller())
                return HTTPResponse(
                    status: 201,
                    headers: ["location": "/orders/\(order.orderId)", "etag": "\"\(order.version)\""],
                    body: order
                )
            }
            Route("GET", "/orders/{id}", authorization: .jwt()) { request, _ in
                let order = try await orders.find(request.pathParameters["id"] ?? "", for: try request.caller())
                return HTTPResponse(headers: ["etag": "\"\(order.version)\""], body: order)
            }
            Route("GET", "/orders", authorization: .jwt()) { request, _ in
                HTTPResponse(body: try await orders.list(for: try request.caller(), query: try OrderListQuery(request)))
            }
            Route("PATCH", "/orders/{id}/status", authorization: .jwt(), body: UpdateOrderStatusRequest.self) {
                request, body, _ in
                let order = try await orders.move(
                    request.pathParameters["id"] ?? "",
                    to: body.status,
                    expectedVersion: try Self.expectedVersion(request),
                    by: try request.caller()
                )
                return HTTPResponse(headers: ["etag": "\"\(order.version)\""], body: order)
            }
        }
    }

    public func handle(_ request: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        try await self.router.handle(request, context: context)
    }

    /// The version `If-Match` names: `"3"` (or `3`); 428 without it, 400 when it is not a version.
    static func expectedVersion(_ request: HTTPRequest) throws(HTTPError) -> Int {
        guard let header = request.header("if-match") else {
            throw HTTPError(status: 428, title: "Precondition Required",
                detail: "Send If-Match with the order's version (its ETag) to change it")
        }
        let text = header.utf8.filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\"") }
        guard let version = Int(String(decoding: text, as: UTF8.self)), version > 0 else {
            throw .badRequest("If-Match must be the order's version, such as \"3\"")
        }
        return version
    }
}
