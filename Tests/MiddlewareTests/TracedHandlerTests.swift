import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Middleware
import Observability
import StratusTesting
import Testing

/// A sampled invocation's subsegment under the Runtime API loop: it waits for the response to be sent, and still
/// records the handler's own time.
@Suite struct TracedHandlerTests {
    struct Failure: Error {}

    /// Answers `{"ok":true}`, or throws ``Failure`` when the event is `"fail"`.
    struct Answering: LambdaHandler {
        func handle(_ event: String, context: LambdaContext) async throws -> [String: Bool] {
            if event == "fail" { throw Failure() }
            return ["ok": true]
        }
    }

    /// Answers the same HTTP API response to any event.
    struct RespondingHTTP: LambdaHandler {
        let response: APIGatewayV2Response

        func handle(_ event: String, context: LambdaContext) async throws -> APIGatewayV2Response {
            self.response
        }
    }

    /// Runs `event` through a traced `handler` as the Runtime API loop would, and answers what was emitted before
    /// the work left for after the response ran, what after, and when the handler had returned.
    static func invoke<Handler: LambdaHandler>(_ event: String, handledBy handler: Handler) async throws -> (
        beforeResponse: [SegmentDocument], afterResponse: [SegmentDocument], returnedAt: Double
    ) where Handler.Event == String {
        let emitter = CollectingSegmentEmitter()
        let handler = TracedHandler(
            handler, tracer: XRayTracer(emitter: emitter),
            configuration: TracerConfiguration(daemonAddress: nil, service: "orders"))
        let afterResponseWork = AfterResponseWork()
        let context = try LambdaContext(
            metadata: InvocationMetadata(
                requestID: "req-1", deadline: .after(.seconds(10)),
                invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:orders",
                traceID: "Root=1-6b0f5ebc-891b82213344a78cc2a622a1;Parent=0123456789abcdef;Sampled=1"),
            function: FunctionMetadata(name: "orders"), isColdStart: false,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() },
            afterResponseWork: afterResponseWork
        )
        _ = try? await handler.handle(event, context: context)
        let returnedAt = Date().timeIntervalSince1970
        let beforeResponse = emitter.emitted
        try await Task.sleep(for: .milliseconds(20))
        afterResponseWork.runAll()
        return (beforeResponse, emitter.emitted, returnedAt)
    }

    /// Runs `event` through a traced ``Answering``.
    static func invoke(_ event: String) async throws -> (
        beforeResponse: [SegmentDocument], afterResponse: [SegmentDocument], returnedAt: Double
    ) {
        try await Self.invoke(event, handledBy: Answering())
    }

    @Test func theSubsegmentIsSentAfterTheResponseWithTheResponseAndTheHandlersEndTime() async throws {
        let (beforeResponse, afterResponse, returnedAt) = try await Self.invoke("hello")
        #expect(beforeResponse.isEmpty, "nothing is encoded or sent while the caller waits")
        let subsegment = try #require(afterResponse.only)
        #expect(subsegment.name == "## orders")
        let endTime = try #require(subsegment.endTime)
        #expect(endTime <= returnedAt, "the subsegment ends when the handler returned, not when it was sent")
        #expect(subsegment.metadata?["orders"]?["## orders response"] == ["ok": true])
    }

    /// An HTTP API response is captured from the JSON text it writes for the Runtime API rather than through an
    /// `Encoder`: what the trace keeps must be what its encoding gives, escapes, other scripts, cookies and all.
    @Test func anHTTPResponseIsCapturedAsItsEncodingGivesIt() async throws {
        let response = APIGatewayV2Response(
            statusCode: 201,
            headers: ["content-type": "application/json", "x-note": "tab\there \"quoted\" é ✓"],
            cookies: ["session=abc; HttpOnly"],
            body: #"{"id":"o-1","total":{"amount":1999,"currency":"EUR"},"email":"ada@example.com","ratio":0.5}"#,
            isBase64Encoded: false
        )
        let (_, afterResponse, _) = try await Self.invoke("hello", handledBy: RespondingHTTP(response: response))
        let subsegment = try #require(afterResponse.only)
        let captured = try #require(subsegment.metadata?["orders"]?["## orders response"])
        #expect(captured == Redaction.traceMetadata.redacted(try JSONValue(encoding: response)))
        #expect(captured["body"]?["email"] == .string(SensitiveKeys.redacted))
        #expect(captured["statusCode"] == .integer(201))
    }

    @Test func aFailedInvocationsSubsegmentIsSentAfterTheErrorWithItsCause() async throws {
        let (beforeResponse, afterResponse, returnedAt) = try await Self.invoke("fail")
        #expect(beforeResponse.isEmpty)
        let subsegment = try #require(afterResponse.only)
        #expect(subsegment.fault == true)
        #expect(subsegment.cause?.exceptions.count == 1)
        #expect(try #require(subsegment.endTime) <= returnedAt)
    }
}
