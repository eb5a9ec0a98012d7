import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Middleware
import Observability
import StratusTesting
import Testing

/// What a traced function's subsegment carries of its response where it is captured, before any store sees it (as
/// X-Ray on AWS would receive it): the shape and status, no token and no personal data.
@Suite struct CapturedResponseTests {
    /// Answers every event with `body`.
    struct Answering: LambdaHandler {
        let body: String
        func handle(_ event: String, context: LambdaContext) async throws -> APIGatewayV2Response {
            APIGatewayV2Response(statusCode: 200, headers: ["content-type": "application/json"], body: self.body)
        }
    }

    /// The response metadata `body` leaves in a sampled invocation's subsegment.
    static func captured(_ body: String) async throws -> JSONValue {
        let emitted = CollectingSegmentEmitter()
        let handler = TracedHandler(
            Answering(body: body), tracer: XRayTracer(emitter: emitted),
            configuration: TracerConfiguration(daemonAddress: nil, service: "auth"))
        let context = LambdaContext(
            requestID: "req-1", traceID: "Root=1-6b0f5ebc-891b82213344a78cc2a622a1;Parent=0123456789abcdef;Sampled=1",
            invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:auth", deadline: .after(.seconds(10)),
            function: FunctionMetadata(name: "auth"), isColdStart: false,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
        _ = try await handler.handle("event", context: context)
        let subsegment = try #require(emitted.emitted.first { $0.name == "## auth" })
        return try #require(subsegment.metadata?["auth"]?["## auth response"])
    }

    @Test func aLoginResponseIsCapturedWithoutItsTokens() async throws {
        let response = try await Self.captured(
            #"{"accessToken":"at-secret","idToken":"id-secret","refreshToken":"rt-secret","expiresIn":3600}"#)
        #expect(response["statusCode"] == .integer(200))
        #expect(
            response["body"] == [
                "accessToken": "[REDACTED]", "idToken": "[REDACTED]", "refreshToken": "[REDACTED]", "expiresIn": 3600,
            ])
    }

    @Test func aProfileIsCapturedWithoutPersonalDataAndTextAsItsSize() async throws {
        let profile = try await Self.captured(
            #"{"userId":"u1","email":"ada@example.com","phone":"+14155550123","address":{"city":"Paris"},"name":"Ada"}"#
        )
        #expect(
            profile["body"] == [
                "userId": "u1", "email": "[REDACTED]", "phone": "[REDACTED]", "address": "[REDACTED]",
                "name": "[REDACTED]",
            ])
        #expect(try await Self.captured("token=at-secret")["body"] == .string("[REDACTED: 15 bytes]"))
    }
}
