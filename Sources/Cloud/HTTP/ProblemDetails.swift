import JSONCoding

/// The JSON body of every HTTP error answer (RFC 9457 `application/problem+json`), from the function router, the
/// local gateway and the telemetry API alike: the error's status, title and detail, the request id, and for 422 every
/// field error.
public struct ProblemDetails: Codable, Sendable, Equatable {
    /// The media type of a problem body.
    public static let mediaType = "application/problem+json"

    /// The problem type; `about:blank`, as the status says it all.
    public var type: String
    /// The status's reason phrase, e.g. `Not Found`.
    public var title: String
    /// The answer's status code.
    public var status: Int
    /// What went wrong, for the client; never internals.
    public var detail: String
    /// The request's id, to quote when reporting the problem.
    public var requestId: String
    /// Every field error, for 422 answers.
    public var errors: [FieldError]?
    /// The title again, as API Gateway names it in its own error answers (`{"message":"Not Found"}`): the local
    /// gateway sets it, so clients of either shape read its answers.
    public var message: String?

    /// The problem body for `error`, answered to the request `requestID`; `withGatewayMessage` adds API Gateway's
    /// `message`.
    public init(_ error: some HTTPProblemError, requestID: String, withGatewayMessage: Bool = false) {
        self.type = "about:blank"
        self.title = error.title
        self.status = error.status.code
        self.detail = error.detail
        self.requestId = requestID
        self.errors = error.fieldErrors
        self.message = withGatewayMessage ? error.title : nil
    }

    /// The body as JSON, its members in declaration order.
    public func json() -> [UInt8] {
        // Strings, an integer and an array of string pairs always encode.
        (try? StreamingJSONEncoder().encode(self)) ?? Array("{}".utf8)
    }
}
