import Cloud
import Testing

/// The one rule that picks among matching routes, for the local gateway and the function router alike.
@Suite("Route ranking")
struct RouteRankingTests {
    struct Declared: RankedRoute {
        let method: RequestMethod
        let path: PathTemplate

        init(_ routeKey: String) {
            guard case .route(let method, let path) = RouteKey(parsing: routeKey) else {
                preconditionFailure("\(routeKey) is not METHOD /path")
            }
            self.method = method.rankedMethod
            self.path = PathTemplate(path)
        }
    }

    /// The route key of the route `routes` choose for `method` on `path`.
    static func chosen(_ routes: [String], _ method: String, _ path: String) -> String? {
        let match = routes.map(Declared.init).bestMatch(
            method: RequestMethod(method)!, parts: PathTemplate.parts(of: path))
        return match.map { "\($0.route.method) \($0.route.path.template)" }
    }

    @Test func theMostSpecificPathWinsSegmentBySegmentWhateverTheOrder() {
        let routes = ["GET /{proxy+}", "GET /orders/{id}", "GET /orders/latest", "ANY /orders/{id}/{rest+}"]
        #expect(Self.chosen(routes, "GET", "/orders/latest") == "GET /orders/latest")
        #expect(Self.chosen(routes.reversed(), "GET", "/orders/latest") == "GET /orders/latest")
        #expect(Self.chosen(routes, "GET", "/orders/7") == "GET /orders/{id}")
        #expect(Self.chosen(routes, "GET", "/orders/7/lines/2") == "ANY /orders/{id}/{rest+}")
        #expect(Self.chosen(routes, "GET", "/users/7") == "GET /{proxy+}")
        #expect(Self.chosen(routes, "POST", "/orders/7") == nil)
    }

    /// Where the gateway's and the router's copies disagreed: the router let the first declared of two equally
    /// specific routes win even when it was `ANY`; the method's own route wins, wherever it is declared.
    @Test func onATieTheMethodsOwnRouteWinsOverAnyThenTheFirstDeclared() {
        #expect(Self.chosen(["ANY /orders/{id}", "GET /orders/{id}"], "GET", "/orders/7") == "GET /orders/{id}")
        #expect(Self.chosen(["GET /orders/{id}", "ANY /orders/{id}"], "GET", "/orders/7") == "GET /orders/{id}")
        #expect(Self.chosen(["ANY /orders/{id}", "GET /orders/{id}"], "DELETE", "/orders/7") == "ANY /orders/{id}")
        #expect(Self.chosen(["GET /orders/{id}", "GET /orders/{key}"], "GET", "/orders/7") == "GET /orders/{id}")
        #expect(Self.chosen(["ANY /files/{a+}", "GET /files/{b+}"], "GET", "/files/x/y") == "GET /files/{b+}")
    }

    @Test func theMethodsOfAPathAreListedOnceInDeclarationOrder() {
        let routes = ["GET /orders/{id}", "PATCH /orders/{id}", "GET /orders/latest", "ANY /orders/{id}"].map(
            Declared.init)
        #expect(
            routes.methods(matching: PathTemplate.parts(of: "/orders/latest")) == [
                .get, .patch, RouteRanking.anyMethod,
            ])
        #expect(routes.methods(matching: PathTemplate.parts(of: "/users")).isEmpty)
    }

    /// API Gateway matches a method whatever its case; anything that is not a method token matches nothing.
    @Test func methodsAreFoldedToUpperCase() {
        #expect(RequestMethod(folding: "get") == .get && RequestMethod(folding: "Patch") == .patch)
        #expect(RequestMethod(folding: "DELETE") == .delete && RequestMethod("options")!.folded == .options)
        #expect(RequestMethod(folding: "GET /") == nil && RequestMethod(folding: "") == nil)
    }
}
