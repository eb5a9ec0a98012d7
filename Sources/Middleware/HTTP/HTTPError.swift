/// An HTTP error answer: status, an RFC 9457 problem body, and any headers the status calls for.
///
/// Throw one from a route handler; the router answers it as `application/problem+json` with the request id added.
public struct HTTPError: Error, Sendable, Equatable {
    public var status: Int
    public var title: String
    public var detail: String
    /// Every field problem, for 422 answers.
    public var problems: [FieldProblem]?
    public var headers: [String: String]

    public init(status: Int, title: String, detail: String, problems: [FieldProblem]? = nil, headers: [String: String] = [:]) {
        self.status = status
        self.title = title
        self.detail = detail
        self.problems = problems
        self.headers = headers
    }

    public static func badRequest(_ detail: String) -> HTTPError {
        HTTPError(status: 400, title: "Bad Request", detail: detail)
    }

    public static func unauthorized(_ detail: String) -> HTTPError {
        HTTPError(status: 401, title: "Unauthorized", detail: detail, headers: ["www-authenticate": "Bearer"])
    }

    public static func forbidden(_ detail: String) -> HTTPError {
        HTTPError(status: 403, title: "Forbidden", detail: detail)
    }

    public static func notFound(_ detail: String) -> HTTPError {
        HTTPError(status: 404, title: "Not Found", detail: detail)
    }

    public static func methodNotAllowed(_ detail: String, allow: [String]) -> HTTPError {
        HTTPError(status: 405, title: "Method Not Allowed", detail: detail, headers: ["allow": allow.joined(separator: ", ")])
    }

    public static func conflict(_ detail: String) -> HTTPError {
        HTTPError(status: 409, title: "Conflict", detail: detail)
    }

    public static func preconditionFailed(_ detail: String) -> HTTPError {
        HTTPError(status: 412, title: "Precondition Failed", detail: detail)
    }

    public static func contentTooLarge(_ detail: String) -> HTTPError {
        HTTPError(status: 413, title: "Content Too Large", detail: detail)
    }

    public static func unsupportedMediaType(_ detail: String) -> HTTPError {
        HTTPError(status: 415, title: "Unsupported Media Type", detail: detail)
    }

    public static func unprocessable(_ problems: [FieldProblem]) -> HTTPError {
        HTTPError(
            status: 422,
            title: "Unprocessable Content",
            detail: "The request body breaks \(problems.count) rule\(problems.count == 1 ? "" : "s")",
            problems: problems
        )
    }

    public static func tooManyRequests(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(status: 429, title: "Too Many Requests", detail: detail, headers: ["retry-after": String(retryAfterSeconds)])
    }

    /// A 503: a dependency cannot answer now; the client may retry after `retryAfterSeconds`.
    public static func serviceUnavailable(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(status: 503, title: "Service Unavailable", detail: detail, headers: ["retry-after": String(retryAfterSeconds)])
    }

    /// The answer to an unexpected error: nothing about its cause reaches the client.
    public static let internalServerError = HTTPError(
        status: 500,
        title: "Internal Server Error",
        detail: "The request could not be completed. Quote the request id when reporting it."
    )
}
