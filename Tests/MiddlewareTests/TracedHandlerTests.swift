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

    /// Runs `event` through a traced ``Answering`` as the Runtime API loop would, and answers what was emitted
    /// before the work left for after the response ran, what after, and when the handler had returned.
    static func invoke(_ event: String) async throws -> (
        beforeResponse: [SegmentDocument], afterResponse: [SegmentDocument], returnedAt: Double
    ) {
        let emitter = CollectingSegmentEmitter()
        let handler = TracedHandler(
            Answering(), tracer: XRayTracer(emitter: emitter),
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

    @Test func theSubsegmentIsSentAfterTheResponseWithTheResponseAndTheHandlersEndTime() async throws {
        let (beforeResponse, afterResponse, returnedAt) = try await Self.invoke("hello")
        #expect(beforeResponse.isEmpty, "nothing is encoded or sent while the caller waits")
        let subsegment = try #require(afterResponse.only)
        #expect(subsegment.name == "## orders")
        let endTime = try #require(subsegment.endTime)
        #expect(endTime <= returnedAt, "the subsegment ends when the handler returned, not when it was sent")
        #expect(subsegment.metadata?["orders"]?["## orders response"] == ["ok": true])
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
