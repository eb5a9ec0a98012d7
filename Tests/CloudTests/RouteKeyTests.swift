import Cloud
import HTTPTypes
import Testing

/// Route keys are parsed once, into a method (or `ANY`) and a path, or the catch-all `$default`.
@Suite("Route keys")
struct RouteKeyTests {
    @Test func aMethodAndAPathParseIntoTheHTTPMethodAndTheTemplate() {
        #expect(RouteKey(parsing: "GET /orders/{id}") == .route(.method(.get), path: "/orders/{id}"))
        #expect(RouteKey(parsing: "PATCH /orders/{id}") == .route(.method(.patch), path: "/orders/{id}"))
        #expect(RouteKey(parsing: "DELETE /files/{proxy+}") == .route(.method(.delete), path: "/files/{proxy+}"))
        #expect(RouteKey(parsing: "GET /café/{id}") == .route(.method(.get), path: "/café/{id}"))
    }

    @Test func anyAnswersEveryMethodAndRanksAsTheAnyMethod() {
        let key = RouteKey(parsing: "ANY /orders")
        #expect(key == .route(.any, path: "/orders"))
        #expect(RouteMethod.any.rankedMethod == RouteRanking.anyMethod)
        #expect(RouteMethod.any.description == "ANY")
        #expect(RouteMethod.method(.put).rankedMethod == .put)
    }

    @Test func defaultIsTheCatchAllRoute() {
        #expect(RouteKey(parsing: "$default") == .catchAll)
        #expect(!HTTPRoute(routeKey: "$default").isWellFormed)
    }

    @Test(arguments: [
        "FETCH /orders", "get /orders", "GET", "GET orders", "GET /orders extra", "CONNECT /orders", "TRACE /x",
        "", " /orders", "$default /orders", "GET /orders \u{301}x", "GET  /orders",
    ])
    func keysAPIGatewayWouldRefuseParseToNothing(_ text: String) {
        #expect(RouteKey(parsing: text) == nil)
        #expect(HTTPRoute(routeKey: text).key == nil)
        #expect(!HTTPRoute(routeKey: text).isWellFormed)
    }

    @Test func aRouteKeepsItsKeyAsDeclaredAndIsIdentifiedByIt() {
        let route = HTTPRoute(routeKey: "GET /orders/{id}", authorization: .jwt(scopes: []))
        #expect(route.routeKey == "GET /orders/{id}")
        #expect(route.key == .route(.method(.get), path: "/orders/{id}"))
        #expect(route == HTTPRoute(routeKey: "GET /orders/{id}"))
        #expect(route.isWellFormed)
    }
}
