public import Cloud

/// An HTTP error answer: status, title, detail, any field errors, and the headers the status calls for.
///
/// Throw one from a route handler; the router answers it as a ``ProblemDetails`` body with the request id added.
public struct HTTPError: HTTPProblemError, Sendable, Equatable {
    /// The answer's status.
    public var status: ResponseStatus
    /// The problem's title, by default the status's reason phrase.
    public var title: String
    /// What went wrong, for the client.
    public var detail: String
    /// Every field error, for 422 answers.
    public var fieldErrors: [FieldError]?
    /// The headers the status calls for.
    public var headers: ResponseHeaders

    /// An error answered with `status`; `title` defaults to the status's reason phrase.
    public init(
        _ status: ResponseStatus, title: String? = nil, detail: String, fieldErrors: [FieldError]? = nil,
        headers: ResponseHeaders = [:]
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    /// 400: a malformed body, parameter or header.
    public static func badRequest(_ detail: String) -> HTTPError {
        HTTPError(.badRequest, detail: detail)
    }

    /// 401 with a `Bearer` challenge.
    public static func unauthorized(_ detail: String) -> HTTPError {
        HTTPError(.unauthorized, detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    /// 403: the caller may not do this.
    public static func forbidden(_ detail: String) -> HTTPError {
        HTTPError(.forbidden, detail: detail)
    }

    /// 404.
    public static func notFound(_ detail: String) -> HTTPError {
        HTTPError(.notFound, detail: detail)
    }

    /// 405, with the methods the path answers in `Allow`.
    public static func methodNotAllowed(_ detail: String, allow: [RequestMethod]) -> HTTPError {
        HTTPError(.methodNotAllowed, detail: detail, headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
    }

    /// 409: the request conflicts with the resource's state.
    public static func conflict(_ detail: String) -> HTTPError {
        HTTPError(.conflict, detail: detail)
    }

    /// 412: the version in `If-Match` is not current.
    public static func preconditionFailed(_ detail: String) -> HTTPError {
        HTTPError(.preconditionFailed, detail: detail)
    }

    /// 413: the body is over the limit.
    public static func contentTooLarge(_ detail: String) -> HTTPError {
        HTTPError(.contentTooLarge, detail: detail)
    }

    /// 415: the body is not in a type the route reads.
    public static func unsupportedMediaType(_ detail: String) -> HTTPError {
        HTTPError(.unsupportedMediaType, detail: detail)
    }

    /// 422, listing every rule the body breaks.
    public static func unprocessable(_ fieldErrors: [FieldError]) -> HTTPError {
        HTTPError(
            .unprocessableContent,
            detail: "The request body breaks \(fieldErrors.count) rule\(fieldErrors.count == 1 ? "" : "s")",
            fieldErrors: fieldErrors
        )
    }

    /// 429, with `Retry-After`.
    public static func tooManyRequests(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(.tooManyRequests, detail: detail, headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// A 503: a dependency cannot answer now; the client may retry after `retryAfterSeconds`.
    public static func serviceUnavailable(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(.serviceUnavailable, detail: detail, headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// The answer to an unexpected error: nothing about its cause reaches the client.
    public static let internalServerError = HTTPError(
        .internalServerError,
        detail: "The request could not be completed. Quote the request id when reporting it."
    )
}
