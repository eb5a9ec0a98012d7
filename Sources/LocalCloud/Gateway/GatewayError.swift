public import Cloud

/// Why the local API gateway answered a request itself rather than with a function's answer, as API Gateway does.
public enum GatewayError: HTTPProblemError, Sendable, Equatable {
    /// No route matches the request (`what` names it: its path, or its method and path).
    case noRoute(_ what: String)
    /// The request is not HTTP/1.1; `reason` is the parser's complaint.
    case malformedRequest(_ reason: String)
    /// The request's body comes in a transfer coding other than `chunked`.
    case unsupportedTransferEncoding
    /// The request body is over API Gateway's limit.
    case bodyTooLarge(limitBytes: Int)
    /// The request line and header values together are over API Gateway's limit.
    case headersTooLarge(limitBytes: Int)
    /// The function is at its reserved concurrency.
    case throttled(function: String, limit: Int)
    /// The function did not answer within its timeout.
    case functionTimedOut
    /// The function failed.
    case functionFailed
    /// The function answered with a status HTTP cannot carry.
    case invalidStatus(Int)
    /// The function's answer is over Lambda's response limit.
    case answerTooLarge
    /// The function's answer is not an HTTP API response.
    case malformedAnswer

    /// The status API Gateway answers with.
    public var status: ResponseStatus {
        switch self {
        case .noRoute: .notFound
        case .malformedRequest: .badRequest
        case .unsupportedTransferEncoding: .notImplemented
        case .bodyTooLarge: .contentTooLarge
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .throttled: .tooManyRequests
        case .functionTimedOut: .gatewayTimeout
        case .functionFailed, .answerTooLarge, .malformedAnswer: .internalServerError
        case .invalidStatus: .badGateway
        }
    }

    /// The status's reason phrase, or API Gateway's own words.
    public var title: String {
        // API Gateway's own words for its 413.
        if case .bodyTooLarge = self { "Request Entity Too Large" } else { self.status.reasonPhrase }
    }

    /// What happened, without the function's internals.
    public var detail: String {
        switch self {
        case .noRoute(let what): "No route for \(what.prefix(Self.echoedLength))"
        case .malformedRequest(let reason): "The request is not valid HTTP/1.1 (\(reason))"
        case .unsupportedTransferEncoding: "Request bodies come whole or in the chunked transfer coding only"
        case .bodyTooLarge(let limit): "The request body is over \(limit) bytes"
        case .headersTooLarge(let limit): "The request line and header values are over \(limit) bytes together"
        case .throttled(let function, let limit): "\(function) is at its reserved concurrency of \(limit)"
        case .functionTimedOut: "The function did not answer within its timeout"
        case .functionFailed: "The function failed; its log has the cause"
        case .invalidStatus(let status):
            "The function answered status \(status), outside \(APIGateway.validStatusCodes)"
        case .answerTooLarge: "The function's answer is over the 6 MB response limit"
        case .malformedAnswer: "The function's answer is not a valid HTTP API response"
        }
    }

    /// The most characters of a request's path an answer repeats.
    static let echoedLength = 256

    /// `Retry-After` for a throttled request.
    public var headers: ResponseHeaders {
        // A slot frees as soon as an invocation ends: the client may retry at once, after a second at the most.
        if case .throttled = self { [.retryAfter: "1"] } else { [:] }
    }
}
