/// An HTTP API route of a function: its route key as declared, the key parsed, and who may call it.
public struct HTTPRoute: Sendable, Hashable, CustomStringConvertible {
    /// The route key exactly as declared, e.g. `GET /orders/{id}`.
    public let routeKey: String
    /// The route key parsed; `nil` when it is neither `$default` nor `METHOD /path`.
    public let key: RouteKey?
    /// Who may call the route; the gateway's JWT authorizer enforces it before the function runs.
    public let authorization: RouteAuthorization

    /// The route `routeKey` names, parsed once here.
    public init(routeKey: String, authorization: RouteAuthorization = .none) {
        self.routeKey = routeKey
        self.key = RouteKey(parsing: routeKey)
        self.authorization = authorization
    }

    /// Two routes are the same route when their keys are: a key can be claimed once, whatever its authorization.
    public static func == (lhs: HTTPRoute, rhs: HTTPRoute) -> Bool {
        lhs.routeKey == rhs.routeKey
    }

    /// Hashes the route key, the route's identity.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(self.routeKey)
    }

    /// Whether the key is `METHOD /path`, which the local gateway and the function router both route.
    /// `$default` is not: a function's router declares methods and paths, so nothing could answer it.
    public var isWellFormed: Bool {
        if case .route = self.key { return true }
        return false
    }

    /// The route key as declared.
    public var description: String { self.routeKey }
}
