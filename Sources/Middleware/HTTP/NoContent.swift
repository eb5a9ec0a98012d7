public import HTTPTypes

/// The body of an answer that has none, such as 204.
public struct NoContent: Codable, Sendable, Equatable {
    /// The empty body.
    public init() {}
}

extension APIResponse where Body == NoContent {
    /// A `204 No Content` answer.
    public static func noContent(headers: HTTPFields = [:]) -> APIResponse {
        APIResponse(status: .noContent, headers: headers, body: nil)
    }
}
