public import Cloud
public import HTTPTypes

/// A route of the local API gateway: a route key of the manifest and the function it invokes.
public struct GatewayRoute: Sendable, RankedRoute {
    public let routeKey: String
    public let method: HTTPRequest.Method
    public let path: PathTemplate
    public let functionName: String
    public let authorization: RouteAuthorization

    /// The route for `route` of the function `functionName`; `nil` when the route key's method is not an HTTP method.
    public init?(_ route: HTTPRoute, functionName: String) {
        guard let method = HTTPRequest.Method(route.method) else { return nil }
        self.routeKey = route.routeKey
        self.authorization = route.authorization
        self.method = method
        self.path = PathTemplate(route.path)
        self.functionName = functionName
    }
}
