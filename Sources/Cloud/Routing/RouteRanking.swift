/// A route as the ranking sees it: a method (or ``RouteRanking/anyMethod``) and a path template. The local gateway's
/// routes and the function router's routes both are, so both choose among matching routes the same way.
public protocol RankedRoute {
    /// The method the route answers, upper-cased, or ``RouteRanking/anyMethod``.
    var method: RequestMethod { get }
    /// The path the route answers.
    var path: PathTemplate { get }
}

/// The one rule that picks a route when several match a request, as API Gateway picks them:
///
/// 1. the most specific path wins, segment by segment: a literal segment over `{name}`, over a greedy `{name+}`;
/// 2. between equally specific paths, a route for the request's own method wins over ``anyMethod``;
/// 3. between routes that are still tied, the one declared first wins.
public enum RouteRanking {
    /// The method of a route that answers every method.
    public static let anyMethod = RequestMethod("ANY")!

    /// Whether `route` wins over `other` when both match the same request.
    @inlinable
    public static func outranks(_ route: some RankedRoute, _ other: some RankedRoute) -> Bool {
        if route.path.ranks != other.path.ranks {
            return route.path.ranks.lexicographicallyPrecedes(other.path.ranks)
        }
        return route.method != Self.anyMethod && other.method == Self.anyMethod
    }

    /// Whether a route declared for `routeMethod` answers a request with `method`.
    @inlinable
    public static func answers(_ routeMethod: RequestMethod, _ method: RequestMethod) -> Bool {
        routeMethod == method || routeMethod == Self.anyMethod
    }
}

extension Collection where Element: RankedRoute {
    /// The route that answers `method` on the path split into `parts` (``PathTemplate/parts(of:)``), chosen by
    /// ``RouteRanking``, with its path parameters; `nil` when no route matches both. Inlinable, so that it is
    /// specialised for the caller's routes: generic, each route was read through its protocol's witnesses and copied
    /// out of the sequence by its value witnesses, on every request. The routes are read where they lie, by index,
    /// and only the winner is copied out: a route holds several strings and arrays, each retained and released again
    /// by a copy.
    @inlinable
    public func bestMatch(method: RequestMethod, parts: [Substring]) -> (
        route: Element, parameters: [String: String]
    )? {
        var best: (index: Index, parameters: [String: String])?
        for index in self.indices where RouteRanking.answers(self[index].method, method) {
            if let current = best, !RouteRanking.outranks(self[index], self[current.index]) { continue }
            guard let parameters = self[index].path.match(parts: parts) else { continue }
            best = (index, parameters)
        }
        return best.map { (self[$0.index], $0.parameters) }
    }

    /// The methods of the routes whose path matches `parts`, in declaration order, each once: what a `405`'s
    /// `Allow` header and a CORS preflight list.
    @inlinable
    public func methods(matching parts: [Substring]) -> [RequestMethod] {
        var methods: [RequestMethod] = []
        for route in self where !methods.contains(route.method) && route.path.match(parts: parts) != nil {
            methods.append(route.method)
        }
        return methods
    }
}
