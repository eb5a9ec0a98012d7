public import Cloud

/// Chooses the route for a request as API Gateway does, by the one ``RouteRanking`` the function router uses too.
public struct GatewayRouteTable: Sendable {
    public let routes: [GatewayRoute]

    /// The routes of every function of `manifest`.
    public init(_ manifest: AppManifest) {
        self.routes = manifest.functions.flatMap { function in
            function.routes.compactMap { GatewayRoute($0, functionName: function.name) }
        }
    }

    /// The route for `method` and `path`, with its path parameters, if any route matches (``RouteRanking``).
    public func route(method: RequestMethod, path: String) -> (route: GatewayRoute, parameters: [String: String])? {
        self.routes.bestMatch(method: method, parts: PathTemplate.parts(of: path))
    }

    /// The methods of the routes whose path matches `path`, in declaration order (for CORS preflights).
    public func methods(forPath path: String) -> [RequestMethod] {
        self.routes.methods(matching: PathTemplate.parts(of: path))
    }
}
