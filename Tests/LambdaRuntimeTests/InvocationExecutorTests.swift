import Foundation
import LambdaRuntime
import Logging
import NIOCore
import Testing

@Suite("Running one invocation")
struct InvocationExecutorTests {
    struct Greeter: LambdaHandler {
        struct Event: Codable, Sendable { var name: String }
        func handle(_ event: Event, context: LambdaContext) async throws -> [String: String] {
            ["greeting": "Hello, \(event.name)"]
        }
    }

    struct Oversized: ByteBufferLambdaHandler {
        func handle(_ event: ByteBuffer, context: LambdaContext) async throws -> ByteBuffer {
            ByteBuffer(repeating: UInt8(ascii: "x"), count: LambdaLimits.maxResponseBytes + 1)
        }
    }

    struct Declining: LambdaHandler {
        struct PaymentDeclined: Error, CustomStringConvertible { var description: String { "card expired" } }
        func handle(_ event: [String: String], context: LambdaContext) async throws -> [String: String] {
            throw PaymentDeclined()
        }
    }

    static func context() -> LambdaContext {
        LambdaContext(
            requestID: "r-1",
            invokedFunctionARN: "arn",
            deadline: .after(.seconds(3)),
            function: FunctionMetadata(name: "f"),
            isColdStart: false,
            logger: Logger(label: "t") { _ in SwiftLogNoOpLogHandler() }
        )
    }

    @Test func aTypedHandlerSpeaksJSON() async throws {
        let executor = InvocationExecutor(handler: CodableLambdaHandler(Greeter()))
        let outcome = await executor.invoke(event: ByteBuffer(string: #"{"name":"Ada"}"#), context: Self.context())
        #expect(outcome == .response(ByteBuffer(string: #"{"greeting":"Hello, Ada"}"#)))
    }

    @Test func anEventOfTheWrongShapeIsReportedAsSuch() async {
        let executor = InvocationExecutor(handler: CodableLambdaHandler(Greeter()))
        guard
            case .error(let report) = await executor.invoke(
                event: ByteBuffer(string: #"{"nom":1}"#), context: Self.context())
        else {
            Issue.record("expected an error")
            return
        }
        #expect(report.errorType == "Runtime.EventDecodingError")
        #expect(report.errorMessage.contains("The event is not a valid Event"))
    }

    @Test func aThrownErrorIsNamedByItsType() async {
        let executor = InvocationExecutor(handler: CodableLambdaHandler(Declining()))
        let outcome = await executor.invoke(event: ByteBuffer(string: "{}"), context: Self.context())
        #expect(outcome == .error(LambdaFunctionError(errorMessage: "card expired", errorType: "PaymentDeclined")))
    }

    @Test func aResponseOverSixMegabytesIsAnErrorNotACrash() async {
        let outcome = await InvocationExecutor(handler: Oversized()).invoke(
            event: ByteBuffer(), context: Self.context())
        #expect(
            outcome
                == .error(
                    LambdaFunctionError(
                        errorMessage:
                            "Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).",
                        errorType: "Function.ResponseSizeTooLarge"
                    )
                )
        )
    }

    @Test func errorReportsUseTheRuntimeAPIFieldNames() throws {
        let json = try JSONEncoder().encode(LambdaFunctionError.timeout(after: .milliseconds(3004)))
        let object = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect(object["errorType"] as? String == "Sandbox.Timedout")
        #expect(object["errorMessage"] as? String == "Task timed out after 3.00 seconds")
        #expect((object["stackTrace"] as? [String]) == [])
    }
}
