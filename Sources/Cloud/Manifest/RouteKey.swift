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
        // Searched as UTF-8 bytes, not as Characters: the keys are parsed on every cold start of a Lambda function,
        // and a search by Character breaks the text into grapheme clusters.
        let space = UInt8(ascii: " ")
        guard let methodEnd = text.utf8.firstIndex(of: space),
            let method = RouteMethod(routeKeyMethod: text[..<methodEnd])
        else { return nil }
        let path = text[text.utf8.index(after: methodEnd)...]
        guard path.utf8.first == UInt8(ascii: "/"), !path.utf8.contains(space) else { return nil }
        self = .route(method, path: String(path))
    }
}
