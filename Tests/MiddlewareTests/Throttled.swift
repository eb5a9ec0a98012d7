import Cloud

/// An error of a handler's own that answers for itself: 429 with a `Retry-After`.
struct Throttled: HTTPProblemError {
    var status: ResponseStatus { .tooManyRequests }
    var detail: String { "Slow down" }
    var headers: ResponseHeaders { [.retryAfter: "3"] }
}
