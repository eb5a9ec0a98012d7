/// The method part of a route key: one HTTP method, or `ANY`, which answers every method.
public enum RouteMethod: Sendable, Hashable, CustomStringConvertible {
    /// `ANY`: the route answers every method.
    case any
    /// The route answers this method only.
    case method(RequestMethod)

    /// The methods API Gateway accepts in a route key besides `ANY`.
    public static let declarable: [RequestMethod] = [.get, .post, .put, .patch, .delete, .head, .options]

    /// The method a route key names: `ANY`, or one of ``declarable`` written in upper case as API Gateway requires;
    /// `nil` for anything else.
    public init?(routeKeyMethod text: Substring) {
        if text == "ANY" {
            self = .any
            return
        }
        guard let method = Self.declarable.first(where: { $0.rawValue == text }) else { return nil }
        self = .method(method)
    }

    /// The method as ``RouteRanking`` compares it: ``RouteRanking/anyMethod`` for `ANY`.
    public var rankedMethod: RequestMethod {
        switch self {
        case .any: RouteRanking.anyMethod
        case .method(let method): method
        }
    }

    /// The method as a route key writes it.
    public var description: String { self.rankedMethod.rawValue }
}
