import Benchmark
import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Middleware
import Observability

/// Answers without looking at the request: the floor the stack's figures are compared with.
struct BareHandler: LambdaHandler {
    func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        APIGatewayV2Response(
            statusCode: 201, headers: ["content-type": "application/json"], body: #"{"orderId":"o-1"}"#)
    }
}

/// A handler that does what the orders function does with observability: a log line below the level and a metric.
struct MeasuredHandler: LambdaHandler {
    let metrics: EMFMetrics

    func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
        context.logger.debug("Placing the order", metadata: ["items": .stringConvertible(3)])
        try? self.metrics.add("OrderCreated", value: 1)
        return APIGatewayV2Response(
            statusCode: 201, headers: ["content-type": "application/json"], body: #"{"orderId":"o-1"}"#)
    }
}

let event = APIGatewayV2Request(
    routeKey: "POST /orders",
    rawPath: "/orders",
    headers: ["content-type": "application/json", "user-agent": "bench", "x-correlation-id": "c-1"],
    requestContext: .init(
        accountId: "123456789012", apiId: "local", domainName: "localhost", domainPrefix: "localhost",
        http: .init(method: "POST", path: "/orders", protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench"),
        requestId: "req-1", routeKey: "POST /orders", time: "22/Nov/2026:21:36:49 +0000", timeEpoch: 1_795_383_409_000
    ),
    body: #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999}],"currency":"EUR"}"#
)

func context(sampled: Bool) -> LambdaContext {
    LambdaContext(
        requestID: "req-1",
        traceID: "Root=1-6b0f5ebc-891b82213344a78cc2a622a1;Parent=0123456789abcdef;Sampled=\(sampled ? 1 : 0)",
        invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:orders",
        deadline: .after(.seconds(900)),
        function: FunctionMetadata(name: "orders"),
        isColdStart: false,
        logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() }
    )
}

/// The function's observability as Lambda would configure it: INFO lines, tracing on (to a daemon port nobody
/// listens on, as sending is fire and forget), lines and metrics written as on Lambda (one system call each) but to
/// standard error, which the script sends to /dev/null.
let observability = FunctionObservability(
    LambdaInitializationContext(
        handlerName: "orders",
        function: FunctionMetadata(name: "orders"),
        environment: [
            "POWERTOOLS_SERVICE_NAME": "orders", "POWERTOOLS_METRICS_NAMESPACE": "stratus",
            "AWS_XRAY_DAEMON_ADDRESS": "127.0.0.1:9",
        ],
        logger: Logger(label: "bench") { _ in SwiftLogNoOpLogHandler() },
        logSink: StandardOutputLogSink(descriptor: STDERR_FILENO)
    ))

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .throughput, .mallocCountTotal],
        // A thousand invocations (or lines) a sample: the figures are per invocation, in steady state.
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 1_000
    )

    Benchmark("Bare handler (baseline)") { benchmark in
        let handler = BareHandler()
        let context = context(sampled: false)
        for _ in benchmark.scaledIterations {
            blackHole(try await handler.handle(event, context: context))
        }
    }

    Benchmark("Observed stack: unsampled trace") { benchmark in
        let handler = MeasuredHandler(metrics: observability.metrics).observed(by: observability)
        let context = context(sampled: false)
        for _ in benchmark.scaledIterations {
            blackHole(try await handler.handle(event, context: context))
        }
    }

    Benchmark("Observed stack: sampled trace (informative)") { benchmark in
        let handler = MeasuredHandler(metrics: observability.metrics).observed(by: observability)
        let context = context(sampled: true)
        for _ in benchmark.scaledIterations {
            blackHole(try await handler.handle(event, context: context))
        }
    }

    Benchmark("Logger: swift-log StreamLogHandler (baseline)") { benchmark in
        let logger = Logger(label: "orders") { StreamLogHandler.standardError(label: $0) }
        for _ in benchmark.scaledIterations {
            logger.info("Order placed", metadata: ["orderId": "o-1", "total": "3998"])
        }
    }

    Benchmark("Logger: Powertools JSON") { benchmark in
        let logger = observability.logger.startInvocation(context(sampled: false), correlationID: "c-1").logger
        for _ in benchmark.scaledIterations {
            logger.info("Order placed", metadata: ["orderId": "o-1", "total": .stringConvertible(3998)])
        }
    }
}
