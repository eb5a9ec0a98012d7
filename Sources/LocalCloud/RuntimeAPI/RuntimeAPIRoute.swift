import NIOHTTP1

/// The Runtime API endpoint a request asks for, read from its method and path (a query string is ignored).
enum RuntimeAPIRoute: Equatable, Sendable {
    /// `GET /2018-06-01/runtime/invocation/next`
    case next
    /// `POST /2018-06-01/runtime/invocation/{requestID}/response`
    case response(requestID: String)
    /// `POST /2018-06-01/runtime/invocation/{requestID}/error`
    case error(requestID: String)
    /// `POST /2018-06-01/runtime/init/error`
    case initError

    private static let base = "/2018-06-01/runtime/"

    /// The endpoint of `method` and `uri`, or `nil` when the Runtime API has none there.
    init?(method: HTTPMethod, uri: String) {
        let path = uri.utf8.firstIndex(of: UInt8(ascii: "?")).map { uri[..<$0] } ?? uri[...]
        guard path.hasPrefix(Self.base) else { return nil }
        let segments = path.dropFirst(Self.base.count).split(separator: "/", omittingEmptySubsequences: false)
        switch (method, segments.count, segments.first) {
        case (.GET, 2, "invocation") where segments[1] == "next":
            self = .next
        case (.POST, 3, "invocation") where segments[2] == "response" && !segments[1].isEmpty:
            self = .response(requestID: String(segments[1]))
        case (.POST, 3, "invocation") where segments[2] == "error" && !segments[1].isEmpty:
            self = .error(requestID: String(segments[1]))
        case (.POST, 2, "init") where segments[1] == "error":
            self = .initError
        default:
            return nil
        }
    }
}
