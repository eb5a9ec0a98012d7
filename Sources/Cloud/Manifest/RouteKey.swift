/// What an HTTP API route key says, parsed once: `$default`, or a method (or `ANY`) and a path template such as
/// `/orders/{id}` or `/files/{proxy+}`.
public enum RouteKey: Sendable, Hashable {
    /// `$default`: the route API Gateway chooses when no other route matches.
    case catchAll
    /// `METHOD /path`.
    case route(RouteMethod, path: String)

    /// The route key `$default` names the catch-all route with.
    public static let catchAllKey = "$default"

    /// The key `text` parses to: `$default`, or a method API Gateway knows (or `ANY`), one space, and a path starting
    /// with `/` and holding no space; `nil` for anything else.
    public init?(parsing text: String) {
        if text == Self.catchAllKey {
            self = .catchAll
            return
        }
        guard let space = text.firstIndex(of: " "),
            let method = RouteMethod(routeKeyMethod: text[..<space])
        else { return nil }
        let path = text[text.index(after: space)...]
        guard path.hasPrefix("/"), !path.contains(" ") else { return nil }
        self = .route(method, path: String(path))
    }
}
