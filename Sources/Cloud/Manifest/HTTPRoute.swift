/// An HTTP API route key: a method (or `ANY`) and a path template such as `/orders/{id}` or `/files/{proxy+}`.
public struct HTTPRoute: Sendable, Hashable, CustomStringConvertible {
    /// The route key exactly as declared, e.g. `GET /orders/{id}`.
    public let routeKey: String
    /// Who may call the route; the gateway's JWT authorizer enforces it before the function runs.
    public let authorization: RouteAuthorization

    public init(routeKey: String, authorization: RouteAuthorization = .none) {
        self.routeKey = routeKey
        self.authorization = authorization
    }

    /// Two routes are the same route when their keys are: a key can be claimed once, whatever its authorization.
    public static func == (lhs: HTTPRoute, rhs: HTTPRoute) -> Bool {
        lhs.routeKey == rhs.routeKey
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.routeKey)
    }

    /// The method part, upper-cased as declared.
    public var method: String {
        String(self.routeKey.prefix { $0 != " " })
    }

    /// The path template part.
    public var path: String {
        guard let space = self.routeKey.firstIndex(of: " ") else { return "" }
        return String(self.routeKey[self.routeKey.index(after: space)...])
    }

    /// Whether the key is `METHOD /path`, with a method API Gateway knows (or `ANY`) and a path starting with `/`.
    public var isWellFormed: Bool {
        let methods: Set = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY"]
        return methods.contains(self.method) && self.path.hasPrefix("/") && !self.path.contains(" ")
    }

    public var description: String { self.routeKey }
}
