public import Cloud

/// A route of the local API gateway: a route key of the manifest and the function it invokes. A class, since every
/// request reads the routes and the chosen one travels with the request: a copy is one reference, not its strings and
/// arrays each retained and released.
public final class GatewayRoute: Sendable, RankedRoute {
    public let routeKey: String
    public let method: RequestMethod
    public let path: PathTemplate
    public let functionName: String
    public let authorization: RouteAuthorization

    /// The route for `route` of the function `functionName`; `nil` unless its key is `METHOD /path`.
    public init?(_ route: HTTPRoute, functionName: String) {
        guard case .route(let method, let path) = route.key else { return nil }
        self.routeKey = route.routeKey
        self.authorization = route.authorization
        self.method = method.rankedMethod
        self.path = PathTemplate(path)
        self.functionName = functionName
    }
}
