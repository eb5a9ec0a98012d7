public import Middleware

/// Returns the event it received together with what its context said: a probe for wiring and for the runtime.
public struct EchoHandler: LambdaHandler {
    public init() {}

    public func handle(_ event: JSONValue, context: LambdaContext) async throws -> EchoResponse {
        context.logger.info("Echoing an event")
        return EchoResponse(event: event, context: EchoedContext(context))
    }
}

/// What ``EchoHandler`` answers.
public struct EchoResponse: Codable, Sendable, Equatable {
    public var event: JSONValue
    public var context: EchoedContext
}

/// The parts of a ``LambdaContext`` that ``EchoHandler`` reports.
public struct EchoedContext: Codable, Sendable, Equatable {
    public var requestId: String
    public var functionName: String
    public var functionVersion: String
    public var memoryLimitInMB: Int
    public var invokedFunctionArn: String
    public var logGroupName: String
    public var logStreamName: String
    public var traceId: String?
    public var remainingTimeMs: Int64
    public var coldStart: Bool
    public var clientContext: ClientContext?
    public var identity: CognitoIdentity?
    public var tenantId: String?

    init(_ context: LambdaContext) {
        self.requestId = context.requestID
        self.functionName = context.function.name
        self.functionVersion = context.function.version
        self.memoryLimitInMB = context.function.memoryLimitInMB
        self.invokedFunctionArn = context.invokedFunctionARN
        self.logGroupName = context.function.logGroupName
        self.logStreamName = context.function.logStreamName
        self.traceId = context.traceID
        self.remainingTimeMs = context.remainingTime.wholeMilliseconds
        self.coldStart = context.isColdStart
        self.clientContext = context.clientContext
        self.identity = context.cognitoIdentity
        self.tenantId = context.tenantID
    }
}
