import Cloud
import HTTPTypes

/// An error of a handler's own that answers for itself: 429 with a `Retry-After`.
struct Throttled: HTTPProblemError {
    var status: HTTPResponse.Status { .tooManyRequests }
    var detail: String { "Slow down" }
    var headers: HTTPFields { [.retryAfter: "3"] }
}
