/// The JSON body of every HTTP error answer (RFC 9457 `application/problem+json`), with the request id and, for 422,
/// every field problem.
public struct ProblemDetails: Codable, Sendable, Equatable {
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String
    public var requestId: String
    public var errors: [FieldProblem]?

    public init(_ error: HTTPError, requestID: String) {
        self.type = "about:blank"
        self.title = error.title
        self.status = error.status
        self.detail = error.detail
        self.requestId = requestID
        self.errors = error.problems
    }
}
