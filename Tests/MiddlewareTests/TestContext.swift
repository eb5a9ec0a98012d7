import LambdaRuntime
import Logging

extension LambdaContext {
    /// A context for handlers run directly in tests.
    static func test(requestID: String = "req-1") -> LambdaContext {
        LambdaContext(
            requestID: requestID,
            invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:test",
            deadline: .after(.seconds(3)),
            function: FunctionMetadata(name: "test"),
            isColdStart: false,
            logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }
        )
    }
}
