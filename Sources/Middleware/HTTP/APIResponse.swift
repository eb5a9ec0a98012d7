public import HTTPTypes

/// What a route handler answers: a status, headers, and a body encoded as JSON.
public struct APIResponse<Body: Encodable & Sendable>: Sendable {
    /// The status; `nil` answers the route's declared success status.
    public var status: HTTPResponse.Status?
    /// Headers added to the answer, after the router's content type and security headers.
    public var headers: HTTPFields
    /// The body, encoded as JSON; `nil` answers no body.
    public var body: Body?

    /// An answer with `status` (the route's success status when `nil`), `headers` and `body`.
    public init(status: HTTPResponse.Status? = nil, headers: HTTPFields = [:], body: Body?) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
