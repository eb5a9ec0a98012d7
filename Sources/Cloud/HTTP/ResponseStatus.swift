/// An HTTP response status: its code and reason phrase (RFC 9110 §15).
///
/// The functions' own type rather than `HTTPTypes`' `HTTPResponse.Status`, for the reason ``RequestMethod`` gives.
public struct ResponseStatus: Sendable, Hashable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    /// The three-digit code, e.g. `404`.
    public let code: Int
    /// The reason phrase, e.g. `Not Found`.
    public let reasonPhrase: String

    /// A status with `code`, 100 to 999, and `reasonPhrase` (the RFC's phrase for the codes listed here when empty).
    public init(code: Int, reasonPhrase: String = "") {
        precondition((100...999).contains(code), "An HTTP status code has three digits")
        self.code = code
        self.reasonPhrase = reasonPhrase.isEmpty ? Self.phrase(for: code) ?? "" : reasonPhrase
    }

    /// The status with the code of a literal (`404`), with the RFC's phrase.
    public init(integerLiteral code: Int) {
        self.init(code: code)
    }

    /// Equal codes are equal statuses, whatever their phrases.
    public static func == (lhs: ResponseStatus, rhs: ResponseStatus) -> Bool {
        lhs.code == rhs.code
    }

    /// Hashes the code alone, as equality compares it.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.code)
    }

    /// The code and phrase, e.g. `404 Not Found`.
    public var description: String { "\(self.code) \(self.reasonPhrase)" }

    /// 200.
    public static let ok = ResponseStatus(code: 200)
    /// 201.
    public static let created = ResponseStatus(code: 201)
    /// 202.
    public static let accepted = ResponseStatus(code: 202)
    /// 204.
    public static let noContent = ResponseStatus(code: 204)
    /// 400.
    public static let badRequest = ResponseStatus(code: 400)
    /// 401.
    public static let unauthorized = ResponseStatus(code: 401)
    /// 403.
    public static let forbidden = ResponseStatus(code: 403)
    /// 404.
    public static let notFound = ResponseStatus(code: 404)
    /// 405.
    public static let methodNotAllowed = ResponseStatus(code: 405)
    /// 409.
    public static let conflict = ResponseStatus(code: 409)
    /// 412.
    public static let preconditionFailed = ResponseStatus(code: 412)
    /// 413.
    public static let contentTooLarge = ResponseStatus(code: 413)
    /// 428.
    public static let preconditionRequired = ResponseStatus(code: 428)
    /// 415.
    public static let unsupportedMediaType = ResponseStatus(code: 415)
    /// 421.
    public static let misdirectedRequest = ResponseStatus(code: 421)
    /// 422.
    public static let unprocessableContent = ResponseStatus(code: 422)
    /// 429.
    public static let tooManyRequests = ResponseStatus(code: 429)
    /// 431.
    public static let requestHeaderFieldsTooLarge = ResponseStatus(code: 431)
    /// 500.
    public static let internalServerError = ResponseStatus(code: 500)
    /// 501.
    public static let notImplemented = ResponseStatus(code: 501)
    /// 502.
    public static let badGateway = ResponseStatus(code: 502)
    /// 503.
    public static let serviceUnavailable = ResponseStatus(code: 503)
    /// 504.
    public static let gatewayTimeout = ResponseStatus(code: 504)

    /// The RFC's phrase for `code`, for the codes the platform answers with. A switch rather than a dictionary: the
    /// dictionary was built, every code hashed, at a cold start's first status.
    private static func phrase(for code: Int) -> String? {
        switch code {
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 412: "Precondition Failed"
        case 413: "Content Too Large"
        case 415: "Unsupported Media Type"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        default: nil
        }
    }
}
