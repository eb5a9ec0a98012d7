import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Middleware
import Observability
import StratusTesting
import Testing

/// The observability middleware's lines and metrics name the same invocation: its request, correlation and trace ids.
@Suite struct ObserveTests {
    /// Logs one line and adds one metric.
    struct CountingHandler: LambdaHandler {
        let metrics: EMFMetrics

        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
            context.logger.info("Counting")
            try self.metrics.add("Counted", value: 1)
            return APIGatewayV2Response(statusCode: 200)
        }
    }

    /// Replaces the invocation's logger with one of its own, after ``Observe`` gave it, before the handler runs.
    struct ReplacingLogger: MiddlewareProtocol {
        func before(_ request: inout MiddlewareRequest<APIGatewayV2Request, APIGatewayV2Response>) async throws
            -> APIGatewayV2Response?
        {
            request.context.logger = Logger(label: "other") { _ in SwiftLogNoOpLogHandler() }
            return nil
        }
    }

    static let root = "1-6b0f5ebc-891b82213344a78cc2a622a1"

    func invoke(replacingLogger: Bool) async throws -> [[String: Any]] {
        let sink = InMemoryLogSink()
        let observability = FunctionObservability(
            LambdaInitializationContext(
                handlerName: "counter", function: FunctionMetadata(name: "counter"),
                environment: ["POWERTOOLS_SERVICE_NAME": "counter", "POWERTOOLS_METRICS_NAMESPACE": "stratus"],
                logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }, logSink: sink))
        var observed = MiddlewareStack(observability.traced(CountingHandler(metrics: observability.metrics)))
            .use(Observe(observability) { $0.correlationID })
        if replacingLogger { observed = observed.use(ReplacingLogger()) }
        let context = LambdaContext.test(
            requestID: "req-7", traceID: "Root=\(Self.root);Parent=53995c3f42cd8ad8;Sampled=0", function: "counter")
        _ = try await observed.handle(
            .test("GET", "/count", headers: ["x-correlation-id": "corr-7"]), context: context)
        return try sink.lines.map { try #require(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    @Test(arguments: [false, true])
    func linesAndMetricsCarryTheInvocationsIDs(replacingLogger: Bool) async throws {
        let written = try await self.invoke(replacingLogger: replacingLogger)
        let metrics = try #require(written.first { $0["_aws"] != nil })
        #expect(metrics["function_request_id"] as? String == "req-7")
        #expect(metrics["correlation_id"] as? String == "corr-7")
        #expect(metrics["xray_trace_id"] as? String == Self.root)
        let line = written.first { $0["message"] as? String == "Counting" }
        if replacingLogger {
            #expect(line == nil, "the handler logged to the logger put in place of the invocation's")
        } else {
            let line = try #require(line)
            #expect(line["function_request_id"] as? String == "req-7")
            #expect(line["correlation_id"] as? String == "corr-7")
            #expect(line["xray_trace_id"] as? String == Self.root)
        }
    }
}
