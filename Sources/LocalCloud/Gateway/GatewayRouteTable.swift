public import Cloud

/// Chooses the route for a request as API Gateway does: among the routes whose path matches, the most specific path
/// wins (literal segments over `{name}`, over a greedy `{name+}`), and a route for the request's method wins over
/// `ANY`.
public struct GatewayRouteTable: Sendable {
    public let routes: [GatewayRoute]

    /// The routes of every function of `manifest`.
    public init(_ manifest: AppManifest) {
        self.routes = manifest.functions.flatMap { function in
            function.routes.map { GatewayRoute($0, functionName: function.name) }
        }
    }

    /// The route for `method` and `path`, with its path parameters, if any route matches.
    public func route(method: String, path: String) -> (route: GatewayRoute, parameters: [String: String])? {
        let parts = PathTemplate.parts(of: path)
        var best: (route: GatewayRoute, parameters: [String: String])?
        for route in self.routes where route.method == method || route.method == "ANY" {
            guard let parameters = route.path.match(parts: parts) else { continue }
            if let current = best, !Self.isMoreSpecific(route, than: current.route) { continue }
            best = (route, parameters)
        }
        return best
    }

    private static func isMoreSpecific(_ route: GatewayRoute, than other: GatewayRoute) -> Bool {
        if route.path.ranks != other.path.ranks {
            return route.path.ranks.lexicographicallyPrecedes(other.path.ranks)
        }
        return route.method != "ANY" && other.method == "ANY"
    }

    /// The methods of the routes whose path matches `path`, in declaration order (for CORS preflights).
    public func methods(forPath path: String) -> [String] {
        let parts = PathTemplate.parts(of: path)
        var methods: [String] = []
        for route in self.routes where route.path.match(parts: parts) != nil && !methods.contains(route.method) {
            methods.append(route.method)
        }
        return methods
    }
}
