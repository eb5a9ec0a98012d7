package import Middleware

/// Returns the event it received together with what its context said: a probe for wiring and for the runtime.
package struct EchoHandler: LambdaHandler {
    package init() {}

    package func handle(_ event: JSONValue, context: LambdaContext) async throws -> EchoResponse {
        context.logger.info("Echoing an event")
        return EchoResponse(event: event, context: EchoedContext(context))
    }
}

/// What ``EchoHandler`` answers.
package struct EchoResponse: Codable, Sendable, Equatable {
    package var event: JSONValue
    package var context: EchoedContext
}

/// The parts of a ``LambdaContext`` that ``EchoHandler`` reports.
package struct EchoedContext: Codable, Sendable, Equatable {
    package var requestId: String
    package var functionName: String
    package var functionVersion: String
    package var memoryLimitInMB: Int
    package var invokedFunctionArn: String
    package var logGroupName: String
    package var logStreamName: String
    package var traceId: String?
    package var remainingTimeMs: Int64
    package var coldStart: Bool
    package var clientContext: ClientContext?
    package var identity: CognitoIdentity?
    package var tenantId: String?

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
