import JSONCoding
public import Logging

/// Everything a handler may know about the invocation it serves and the function it runs in.
///
/// The invocation's facts are kept in one shared, immutable object: the context is handed down and copied through
/// every middleware of an invocation, and a copy then costs one reference (and the logger's) instead of one per field.
public struct LambdaContext: Sendable {
    /// The facts of one invocation, shared by every copy of its context.
    @usableFromInline
    final class Facts: Sendable {
        @usableFromInline let requestID: String
        @usableFromInline let traceID: String?
        @usableFromInline let invokedFunctionARN: String
        @usableFromInline let deadline: LambdaDeadline
        @usableFromInline let clientContext: ClientContext?
        @usableFromInline let cognitoIdentity: CognitoIdentity?
        @usableFromInline let tenantID: String?
        @usableFromInline let function: FunctionMetadata
        @usableFromInline let isColdStart: Bool
        let afterResponseWork: AfterResponseWork?
        /// The runtime's logger, before the request ID is added to it.
        let runtimeLogger: Logger

        init(
            requestID: String, traceID: String?, invokedFunctionARN: String, deadline: LambdaDeadline,
            clientContext: ClientContext?, cognitoIdentity: CognitoIdentity?, tenantID: String?,
            function: FunctionMetadata, isColdStart: Bool, afterResponseWork: AfterResponseWork?, runtimeLogger: Logger
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
            self.afterResponseWork = afterResponseWork
            self.runtimeLogger = runtimeLogger
        }
    }

    @usableFromInline let facts: Facts

    /// The invocation's request id, unique per invocation.
    @inlinable public var requestID: String { self.facts.requestID }
    /// The X-Ray trace header (`Root=...;Parent=...;Sampled=...`), when the invocation is traced.
    @inlinable public var traceID: String? { self.facts.traceID }
    /// The ARN the caller invoked, including a version or alias qualifier when one was used.
    @inlinable public var invokedFunctionARN: String { self.facts.invokedFunctionARN }
    /// When the invocation must have answered.
    @inlinable public var deadline: LambdaDeadline { self.facts.deadline }
    /// The mobile client context, when the caller sent one.
    @inlinable public var clientContext: ClientContext? { self.facts.clientContext }
    /// The caller's Cognito identity, when the caller sent one.
    @inlinable public var cognitoIdentity: CognitoIdentity? { self.facts.cognitoIdentity }
    /// The tenant of a tenant-isolated function, when Lambda names one.
    @inlinable public var tenantID: String? { self.facts.tenantID }
    /// The function's own configuration.
    @inlinable public var function: FunctionMetadata { self.facts.function }
    /// Whether this is the first invocation this container serves.
    @inlinable public var isColdStart: Bool { self.facts.isColdStart }
    /// A logger that tags each line with the request id, until a middleware sets its own (the observability
    /// middleware sets the Powertools logger on every invocation). The runtime's logger gets the request ID only when
    /// it is read, so that an invocation whose middleware replaces it never pays for the tagging.
    public var logger: Logger {
        get {
            if let replacedLogger { return replacedLogger }
            var logger = self.facts.runtimeLogger
            logger[metadataKey: LambdaContext.requestIDMetadataKey] = .string(self.facts.requestID)
            return logger
        }
        set { self.replacedLogger = newValue }
    }

    /// The logger set through ``logger``, when one was.
    private var replacedLogger: Logger?

    /// ``logger`` without the request ID it adds to the runtime's: for a middleware that makes a logger of its own
    /// from the metadata set so far.
    package var loggerWithoutRequestID: Logger {
        self.replacedLogger ?? self.facts.runtimeLogger
    }

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
        self.init(
            facts: Facts(
                requestID: requestID, traceID: traceID, invokedFunctionARN: invokedFunctionARN, deadline: deadline,
                clientContext: clientContext, cognitoIdentity: cognitoIdentity, tenantID: tenantID,
                function: function, isColdStart: isColdStart, afterResponseWork: nil, runtimeLogger: logger))
    }

    private init(facts: Facts) {
        self.facts = facts
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
            facts: Facts(
                requestID: metadata.requestID,
                traceID: metadata.traceID,
                invokedFunctionARN: metadata.invokedFunctionARN,
                deadline: metadata.deadline,
                clientContext: try Self.decodeHeader(
                    ClientContext.self, metadata.clientContext, name: "client context"),
                cognitoIdentity: try Self.decodeHeader(
                    CognitoIdentity.self, metadata.cognitoIdentity, name: "Cognito identity"),
                tenantID: metadata.tenantID,
                function: function,
                isColdStart: isColdStart,
                afterResponseWork: afterResponseWork,
                runtimeLogger: logger))
    }

    /// Runs `work` once the response has been posted to the Runtime API, before the runtime asks for the next
    /// invocation: Lambda has answered the caller by then and bills the time, but nobody waits for it. For telemetry
    /// that needs no answer, such as sending a trace segment. Where no Runtime API loop serves the invocation (in
    /// process, or a context made in a test), `work` runs at once. Work left when the deadline passes does not run:
    /// the process ends.
    public func afterResponse(_ work: @escaping @Sendable () -> Void) {
        guard let afterResponseWork = self.facts.afterResponseWork else { return work() }
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
