public import HTTPTypes

/// What a route handler answers: a status, headers, and a body encoded as JSON.
public struct HTTPResponse<Body: Encodable & Sendable>: Sendable {
    /// The status; `nil` answers the route's declared success status.
    public var status: HTTPTypes.HTTPResponse.Status?
    public var headers: HTTPFields
    public var body: Body?

    public init(status: HTTPTypes.HTTPResponse.Status? = nil, headers: HTTPFields = [:], body: Body?) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The body of an answer that has none, such as 204.
public struct NoContent: Codable, Sendable, Equatable {
    public init() {}
}

extension HTTPResponse where Body == NoContent {
    /// A `204 No Content` answer.
    public static func noContent(headers: HTTPFields = [:]) -> HTTPResponse {
        HTTPResponse(status: .noContent, headers: headers, body: nil)
    }
}
