import Benchmark
import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Middleware

/// The typical order request of the reference system, with its rules.
struct CreateOrder: Codable, Sendable, Validatable {
    struct Item: Codable, Sendable, Validatable {
        var sku: String
        var quantity: Int
        var unitPrice: Int

        func validate(_ validator: inout Validator) {
            validator.check(self.sku, "sku", .length(1...32))
            validator.check(self.quantity, "quantity", .range(1...1000))
            validator.check(self.unitPrice, "unitPrice", .range(0...10_000_000))
        }
    }

    var items: [Item]
    var currency: String

    func validate(_ validator: inout Validator) {
        validator.check(self.items, "items", .count(1...100))
        validator.each(self.items, "items")
        validator.check(self.currency, "currency", .oneOf(["EUR", "GBP", "USD"]))
    }
}

struct OrderCreated: Codable, Sendable {
    var orderId: String
    var total: Int
    var currency: String
}

/// Answers without looking at the request: the floor every other figure is compared with.
struct BareHandler: LambdaHandler {
    func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        APIGatewayV2Response(
            statusCode: 201, headers: ["content-type": "application/json"], body: #"{"orderId":"o-1"}"#)
    }
}

let router = HTTPRouter {
    Route(.get, "/orders/{id}") { request, _ in APIResponse(body: ["id": request.pathParameters["id"] ?? ""]) }
    Route(.post, "/orders", authorization: .jwt(), body: CreateOrder.self) { _, order, _ in
        let total = order.items.reduce(0) { $0 + $1.quantity * $1.unitPrice }
        return APIResponse(status: 201, body: OrderCreated(orderId: "o-1", total: total, currency: order.currency))
    }
    Route(.patch, "/orders/{id}/status") { _, _ in APIResponse.noContent() }
}

let orderBody =
    #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999},{"sku":"B-2","quantity":1,"unitPrice":4500},{"sku":"C-3","quantity":5,"unitPrice":250}],"currency":"EUR"}"#

let event = APIGatewayV2Request(
    routeKey: "POST /orders",
    rawPath: "/orders",
    headers: ["content-type": "application/json", "authorization": "Bearer x", "user-agent": "bench"],
    requestContext: .init(
        accountId: "123456789012",
        apiId: "local",
        authorizer: .init(jwt: .init(claims: ["sub": "alice"], scopes: [])),
        domainName: "localhost",
        domainPrefix: "localhost",
        http: .init(method: "POST", path: "/orders", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench"),
        requestId: "req-1",
        routeKey: "POST /orders",
        time: "22/Nov/2026:21:36:49 +0000",
        timeEpoch: 1_795_383_409_000
    ),
    body: orderBody
)

let context = LambdaContext(
    requestID: "req-1",
    invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:orders",
    deadline: .after(.seconds(900)),
    function: FunctionMetadata(name: "orders"),
    isColdStart: false,
    logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        // A thousand requests a sample: the figures are per request, in steady state.
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000
    )

    Benchmark("Bare handler (baseline)") { benchmark in
        let handler = BareHandler()
        for _ in benchmark.scaledIterations {
            blackHole(try await handler.handle(event, context: context))
        }
    }

    Benchmark("Router + validation + JSON: POST /orders") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try await router.handle(event, context: context))
        }
    }
}
