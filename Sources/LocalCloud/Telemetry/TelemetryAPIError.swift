import Cloud

/// Why the telemetry API refused a request.
enum TelemetryAPIError: HTTPProblemError {
    case badParameter(String)
    case unauthorized(String)
    case notFound(String)
    case methodNotAllowed
    case misdirected(String)
    case storeUnavailable(String)
    case unreadable

    var status: ResponseStatus {
        switch self {
        case .badParameter: .badRequest
        case .unauthorized: .unauthorized
        case .notFound: .notFound
        case .methodNotAllowed: .methodNotAllowed
        case .misdirected: .misdirectedRequest
        case .storeUnavailable, .unreadable: .internalServerError
        }
    }

    var detail: String {
        switch self {
        case .badParameter(let detail), .unauthorized(let detail), .notFound(let detail), .misdirected(let detail):
            detail
        case .methodNotAllowed: "The telemetry API only reads (GET)"
        case .storeUnavailable(let reason): "The telemetry store cannot be read: \(reason)"
        case .unreadable: "The answer could not be encoded"
        }
    }

    /// The challenge a 401 carries.
    var headers: ResponseHeaders {
        if case .unauthorized = self { [.wwwAuthenticate: #"Bearer realm="stratus""#] } else { [:] }
    }
}
