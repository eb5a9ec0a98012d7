public import Cloud

/// The body of an answer that has none, such as 204.
public struct NoContent: Codable, Sendable, Equatable {
    /// The empty body.
    public init() {}
}

extension APIResponse where Body == NoContent {
    /// A `204 No Content` answer.
    public static func noContent(headers: ResponseHeaders = [:]) -> APIResponse {
        APIResponse(status: .noContent, headers: headers, body: nil)
    }
}
