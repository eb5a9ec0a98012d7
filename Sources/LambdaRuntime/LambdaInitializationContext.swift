public import Logging

/// What a handler's initialiser may know at the cold start, before the first invocation.
public struct LambdaInitializationContext: Sendable {
    /// The handler name the function was configured with (`_HANDLER`).
    public let handlerName: String
    /// The function's own configuration.
    public let function: FunctionMetadata
    /// The process environment, as the function was started with it.
    public let environment: [String: String]
    /// A logger for initialisation messages.
    public let logger: Logger
    /// Where the function's own lines go (structured logs, EMF documents): standard output on Lambda, the local
    /// cloud's collector for in-process functions.
    public let logSink: any LogSink

    /// Creates an initialisation context; log lines go to standard output unless another `logSink` is given.
    public init(
        handlerName: String,
        function: FunctionMetadata,
        environment: [String: String],
        logger: Logger,
        logSink: any LogSink = StandardOutputLogSink()
    ) {
        self.handlerName = handlerName
        self.function = function
        self.environment = environment
        self.logger = logger
        self.logSink = logSink
    }
}

/// Builds a function's handler once per container.
public typealias LambdaHandlerFactory =
    @Sendable (LambdaInitializationContext) async throws -> any ByteBufferLambdaHandler
