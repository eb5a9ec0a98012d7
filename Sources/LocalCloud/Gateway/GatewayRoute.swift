public import Cloud

/// A route of the local API gateway: a route key of the manifest and the function it invokes.
public struct GatewayRoute: Sendable, RankedRoute {
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
