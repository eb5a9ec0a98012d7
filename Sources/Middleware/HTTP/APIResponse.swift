public import HTTPTypes

/// What a route handler answers: a status, headers, and a body encoded as JSON.
public struct APIResponse<Body: Encodable & Sendable>: Sendable {
    /// The status; `nil` answers the route's declared success status.
    public var status: HTTPResponse.Status?
    public var headers: HTTPFields
    public var body: Body?

    public init(status: HTTPResponse.Status? = nil, headers: HTTPFields = [:], body: Body?) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}
