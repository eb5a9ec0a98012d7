public import Cloud

/// A route of the local API gateway: a route key of the manifest and the function it invokes.
public struct GatewayRoute: Sendable, RankedRoute {
    public let routeKey: String
    public let method: String
    public let path: PathTemplate
    public let functionName: String
    public let authorization: RouteAuthorization

    public init(_ route: HTTPRoute, functionName: String) {
        self.routeKey = route.routeKey
        self.authorization = route.authorization
        self.method = route.method
        self.path = PathTemplate(route.path)
        self.functionName = functionName
    }
}
