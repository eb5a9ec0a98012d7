import JSONCoding
public import Logging

/// Everything a handler may know about the invocation it serves and the function it runs in.
public struct LambdaContext: Sendable {
    /// The invocation's request id, unique per invocation.
    public let requestID: String
    /// The X-Ray trace header (`Root=...;Parent=...;Sampled=...`), when the invocation is traced.
    public let traceID: String?
    /// The ARN the caller invoked, including a version or alias qualifier when one was used.
    public let invokedFunctionARN: String
    /// When the invocation must have answered.
    public let deadline: LambdaDeadline
    /// The mobile client context, when the caller sent one.
    public let clientContext: ClientContext?
    /// The caller's Cognito identity, when the caller sent one.
    public let cognitoIdentity: CognitoIdentity?
    /// The tenant of a tenant-isolated function, when Lambda names one.
    public let tenantID: String?
    /// The function's own configuration.
    public let function: FunctionMetadata
    /// Whether this is the first invocation this container serves.
    public let isColdStart: Bool
    /// A logger that tags each line with the request id.
    public var logger: Logger
    /// Where ``afterResponse(_:)`` leaves work when the Runtime API loop serves the invocation.
    private var afterResponseWork: AfterResponseWork? = nil

    /// Creates a context, e.g. to call a handler in a test; the logger gets the request ID as metadata.
    public init(
        requestID: String,
        traceID: String? = nil,
        invokedFunctionARN: String,
        deadline: LambdaDeadline,
        clientContext: ClientContext? = nil,
        cognitoIdentity: CognitoIdentity? = nil,
        tenantID: String? = nil,
        function: FunctionMetadata,
        isColdStart: Bool,
        logger: Logger
    ) {
        self.requestID = requestID
        self.traceID = traceID
        self.invokedFunctionARN = invokedFunctionARN
        self.deadline = deadline
        self.clientContext = clientContext
        self.cognitoIdentity = cognitoIdentity
        self.tenantID = tenantID
        self.function = function
        self.isColdStart = isColdStart
        var logger = logger
        logger[metadataKey: LambdaContext.requestIDMetadataKey] = .string(requestID)
        self.logger = logger
    }

    /// Builds the context of an invocation from the Runtime API's metadata.
    /// - Parameter afterResponseWork: Collects what ``afterResponse(_:)`` is given, for the caller to run once the
    ///   response is sent; without it, that work runs at once.
    /// - Throws: ``LambdaRuntimeError/Code/invalidContext`` when the client context or Cognito identity header is not the JSON it must be.
    package init(
        metadata: InvocationMetadata,
        function: FunctionMetadata,
        isColdStart: Bool,
        logger: Logger,
        afterResponseWork: AfterResponseWork? = nil
    ) throws(LambdaRuntimeError) {
        self.init(
            requestID: metadata.requestID,
            traceID: metadata.traceID,
            invokedFunctionARN: metadata.invokedFunctionARN,
            deadline: metadata.deadline,
            clientContext: try Self.decodeHeader(ClientContext.self, metadata.clientContext, name: "client context"),
            cognitoIdentity: try Self.decodeHeader(
                CognitoIdentity.self, metadata.cognitoIdentity, name: "Cognito identity"),
            tenantID: metadata.tenantID,
            function: function,
            isColdStart: isColdStart,
            logger: logger
        )
        self.afterResponseWork = afterResponseWork
    }

    /// Runs `work` once the response has been posted to the Runtime API, before the runtime asks for the next
    /// invocation: Lambda has answered the caller by then and bills the time, but nobody waits for it. For telemetry
    /// that needs no answer, such as sending a trace segment. Where no Runtime API loop serves the invocation (in
    /// process, or a context made in a test), `work` runs at once. Work left when the deadline passes does not run:
    /// the process ends.
    public func afterResponse(_ work: @escaping @Sendable () -> Void) {
        guard let afterResponseWork else { return work() }
        afterResponseWork.add(work)
    }

    /// The time left until ``deadline``.
    public var remainingTime: Duration {
        self.deadline.remainingTime()
    }

    /// The logger metadata key under which each line carries the request id.
    public static let requestIDMetadataKey = "aws-request-id"

    private static func decodeHeader<Value: Decodable>(
        _ type: Value.Type,
        _ header: String?,
        name: String
    ) throws(LambdaRuntimeError) -> Value? {
        guard let header, !header.isEmpty else { return nil }
        do {
            return try JSONValueDecoder().decode(Value.self, from: header.utf8)
        } catch {
            throw LambdaRuntimeError(.invalidContext, "Unable to parse \(name) JSON: \(error)")
        }
    }
}
