public import LambdaRuntime
public import Logging

extension LambdaContext {
    /// A context for a handler run directly in a test, as Lambda would pass it for `function`; with `logSink`, its
    /// log lines from `logLevel` up go there in Lambda's format, and nowhere otherwise.
    public static func test(
        requestID: String = "req-1",
        traceID: String? = nil,
        function: String = "test",
        deadline: LambdaDeadline = .after(.seconds(10)),
        isColdStart: Bool = false,
        logSink: (any LogSink)? = nil,
        logLevel: Logger.Level = .trace
    ) -> LambdaContext {
        LambdaContext(
            requestID: requestID,
            traceID: traceID,
            invokedFunctionARN: "arn:aws:lambda:us-east-1:123456789012:function:\(function)",
            deadline: deadline,
            function: FunctionMetadata(name: function),
            isColdStart: isColdStart,
            logger: Logger(label: "test") { _ in
                if let logSink { LambdaLogHandler(sink: logSink, logLevel: logLevel) } else { SwiftLogNoOpLogHandler() }
            }
        )
    }
}
