/// An error that answers for itself, as Hummingbird's `HTTPResponseError` does: its status, the headers the status
/// calls for, and what its ``ProblemDetails`` body says. The function router, the local gateway and the telemetry API
/// answer every such error the same way.
public protocol HTTPProblemError: Error {
    /// The answer's status.
    var status: ResponseStatus { get }
    /// The problem's title; by default the status's reason phrase.
    var title: String { get }
    /// What went wrong, for the client; never internals such as a store's error text or a secret.
    var detail: String { get }
    /// The headers the status calls for: `WWW-Authenticate` with a 401, `Allow` with a 405, `Retry-After` with a 429.
    var headers: ResponseHeaders { get }
    /// Every field error, for a 422; `nil` otherwise.
    var fieldErrors: [FieldError]? { get }
}

extension HTTPProblemError {
    /// The status's reason phrase, e.g. `Not Found`.
    public var title: String { self.status.reasonPhrase }
    /// No headers beyond the problem's own.
    public var headers: ResponseHeaders { [:] }
    /// No field errors.
    public var fieldErrors: [FieldError]? { nil }
}
