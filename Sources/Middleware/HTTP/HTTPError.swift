public import Cloud
public import HTTPTypes

/// An HTTP error answer: status, title, detail, any field errors, and the headers the status calls for.
///
/// Throw one from a route handler; the router answers it as a ``ProblemDetails`` body with the request id added.
public struct HTTPError: HTTPProblemError, Sendable, Equatable {
    public var status: HTTPTypes.HTTPResponse.Status
    public var title: String
    public var detail: String
    public var fieldErrors: [FieldError]?
    public var headers: HTTPFields

    /// An error answered with `status`; `title` defaults to the status's reason phrase.
    public init(
        _ status: HTTPTypes.HTTPResponse.Status, title: String? = nil, detail: String, fieldErrors: [FieldError]? = nil,
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
    }

    public static func badRequest(_ detail: String) -> HTTPError {
        HTTPError(.badRequest, detail: detail)
    }

    public static func unauthorized(_ detail: String) -> HTTPError {
        HTTPError(.unauthorized, detail: detail, headers: [.wwwAuthenticate: "Bearer"])
    }

    public static func forbidden(_ detail: String) -> HTTPError {
        HTTPError(.forbidden, detail: detail)
    }

    public static func notFound(_ detail: String) -> HTTPError {
        HTTPError(.notFound, detail: detail)
    }

    public static func methodNotAllowed(_ detail: String, allow: [HTTPTypes.HTTPRequest.Method]) -> HTTPError {
        HTTPError(.methodNotAllowed, detail: detail, headers: [.allow: allow.map(\.rawValue).joined(separator: ", ")])
    }

    public static func conflict(_ detail: String) -> HTTPError {
        HTTPError(.conflict, detail: detail)
    }

    public static func preconditionFailed(_ detail: String) -> HTTPError {
        HTTPError(.preconditionFailed, detail: detail)
    }

    public static func contentTooLarge(_ detail: String) -> HTTPError {
        HTTPError(.contentTooLarge, detail: detail)
    }

    public static func unsupportedMediaType(_ detail: String) -> HTTPError {
        HTTPError(.unsupportedMediaType, detail: detail)
    }

    public static func unprocessable(_ fieldErrors: [FieldError]) -> HTTPError {
        HTTPError(
            .unprocessableContent,
            detail: "The request body breaks \(fieldErrors.count) rule\(fieldErrors.count == 1 ? "" : "s")",
            fieldErrors: fieldErrors
        )
    }

    public static func tooManyRequests(_ detail: String, retryAfterSeconds: Int) -> HTTPError {
        HTTPError(.tooManyRequests, detail: detail, headers: [.retryAfter: String(retryAfterSeconds)])
    }

    /// The answer to an unexpected error: nothing about its cause reaches the client.
    public static let internalServerError = HTTPError(
        .internalServerError,
        detail: "The request could not be completed. Quote the request id when reporting it."
    )
}
