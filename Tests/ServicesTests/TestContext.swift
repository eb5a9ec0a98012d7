import LambdaRuntime
import Logging

extension LambdaContext {
    /// A context for handlers run directly in tests; with `logSink`, its log lines (every level) go there.
    static func test(logSink: (any LogSink)? = nil) -> LambdaContext {
        LambdaContext(
            requestID: "req-1",
            invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:orders",
            deadline: .after(.seconds(10)),
            function: FunctionMetadata(name: "orders"),
            isColdStart: false,
            logger: Logger(label: "test") { _ in
                if let logSink { LambdaLogHandler(sink: logSink, logLevel: .trace) } else { SwiftLogNoOpLogHandler() }
            }
        )
    }
}
