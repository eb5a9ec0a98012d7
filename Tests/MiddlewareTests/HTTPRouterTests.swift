import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import Logging
import Middleware
import StratusTesting
import Testing

/// An order request with rules declared next to it.
struct CreateOrder: Codable, Sendable, Validatable {
    struct Item: Codable, Sendable, Validatable {
        var sku: String
        var quantity: Int
        var unitPrice: Int

        func validate(_ validator: inout Validator) {
            validator.check(self.sku, "sku", .pattern("[A-Z0-9-]{1,32}", "1–32 upper-case letters, digits or hyphens"))
            validator.check(self.quantity, "quantity", .range(1...1000))
            validator.check(self.unitPrice, "unitPrice", .range(0...10_000_000))
        }
    }

    var items: [Item]
    var currency: String
    var note: String?

    func validate(_ validator: inout Validator) {
        validator.check(self.items, "items", .count(1...100))
        validator.each(self.items, "items")
        validator.check(self.currency, "currency", .oneOf(["EUR", "GBP", "USD"]))
        validator.check(self.note, "note", required: false, .length(1...200))
    }
}

struct Created: Codable, Sendable, Equatable {
    var lines: Int
    var total: Int
}

struct Unexpected: Error, CustomStringConvertible {
    var description: String { "database password=hunter2 rejected" }
}

enum RouterFixture {
    static let router = HTTPRouter(
        configuration: .init(maxBodyBytes: 1024, cors: CORSConfiguration(allowedOrigins: ["https://app.example.com"]))
    ) {
        Route(.get, "/orders/{id}") { request, _ in
            APIResponse(body: ["id": request.pathParameters["id"] ?? ""])
        }
        Route(.get, "/orders/latest") { _, _ in
            APIResponse(body: ["id": "latest"])
        }
        Route(.delete, "/orders/{id}", authorization: .jwt()) { _, _ in
            APIResponse.noContent()
        }
        Route(.post, "/orders", authorization: .jwt(scopes: ["orders/write"]), body: CreateOrder.self) { _, order, _ in
            APIResponse(
                status: 201, headers: [.location: "/orders/1"],
                body: Created(
                    lines: order.items.count, total: order.items.reduce(0) { $0 + $1.quantity * $1.unitPrice }))
        }
        Route(.get, "/files/{path+}") { request, _ in
            APIResponse(body: ["path": request.pathParameters["path"] ?? ""])
        }
        Route(.get, "/boom") { _, _ -> APIResponse<NoContent> in
            throw Unexpected()
        }
        Route(.get, "/cached") { _, _ in
            APIResponse(headers: [ResponseHeaders.Name("Cache-Control")!: "max-age=60"], body: ["cached": true])
        }
        Route(.get, "/taken") { _, _ -> APIResponse<NoContent> in
            throw HTTPError.conflict("That name is taken")
        }
        Route(.get, "/locked") { _, _ -> APIResponse<NoContent> in
            throw ItemStoreError.unavailable("database is locked at /srv/store.sqlite")
        }
    }

    /// An event as API Gateway sends it after its JWT authorizer accepted a token for `alice` with `scopes`
    /// (`nil`: no token).
    static func event(
        _ method: String,
        _ path: String,
        body: String? = nil,
        headers: [String: String] = ["content-type": "application/json"],
        scopes: [String]? = ["orders/write"]
    ) -> APIGatewayV2Request {
        APIGatewayV2Request(
            routeKey: "$default",
            rawPath: path,
            headers: .init(headers),
            requestContext: .init(
                accountId: "123456789012",
                apiId: "local",
                authorizer: scopes.map { .init(jwt: .init(claims: ["sub": "alice"], scopes: $0)) },
                domainName: "localhost",
                domainPrefix: "localhost",
                http: .init(method: method, path: path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "test"),
                requestId: "req-42",
                routeKey: "$default",
                time: "22/Nov/2026:21:36:49 +0000",
                timeEpoch: 1_795_383_409_000
            ),
            body: body
        )
    }

    static func send(_ event: APIGatewayV2Request, context: LambdaContext = .test()) async throws
        -> APIGatewayV2Response
    {
        try await Self.router.handle(event, context: context)
    }
}

extension APIGatewayV2Response {
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data((self.body ?? "").utf8)) as? [String: Any])
    }

    func problems() throws -> [[String: String]] {
        try #require(try self.json()["errors"] as? [[String: String]])
    }
}

@Suite("HTTP router")
struct HTTPRouterTests {
    @Test func pathParametersAreDecodedAndTheMostSpecificRouteWins() async throws {
        #expect(
            try await RouterFixture.send(RouterFixture.event("GET", "/orders/a%20b")).json()["id"] as? String == "a b")
        #expect(
            try await RouterFixture.send(RouterFixture.event("GET", "/orders/latest")).json()["id"] as? String
                == "latest")
        #expect(
            try await RouterFixture.send(RouterFixture.event("GET", "/files/a/b/c.txt")).json()["path"] as? String
                == "a/b/c.txt")
    }

    /// Any error that answers for itself (``HTTPProblemError``), not only ``HTTPError``, is answered with its status,
    /// its headers and its problem body, as the gateway and the telemetry API answer theirs.
    @Test func anyErrorThatAnswersForItselfIsAnsweredAsItsProblem() async throws {
        let router = HTTPRouter {
            Route(.get, "/slow") { _, _ -> APIResponse<NoContent> in throw Throttled() }
        }
        let response = try await router.handle(RouterFixture.event("GET", "/slow"), context: .test())
        #expect(response.statusCode == 429)
        #expect(
            response.headers?["retry-after"] == "3" && response.headers?["content-type"] == "application/problem+json")
        let problem = try response.json()
        #expect(problem["title"] as? String == "Too Many Requests" && problem["detail"] as? String == "Slow down")
        #expect(problem["requestId"] as? String == "req-42" && problem["status"] as? Int == 429)
    }

    /// The router ranks routes as the local gateway does (``RouteRanking``): of two equally specific routes, the one
    /// for the request's method wins over `ANY`, even when `ANY` is declared first.
    @Test func onATieTheMethodsOwnRouteWinsOverAnyDeclaredBeforeIt() async throws {
        let router = HTTPRouter {
            Route(RouteRanking.anyMethod, "/orders/{id}") { _, _ in APIResponse(body: ["route": "any"]) }
            Route(.get, "/orders/{id}") { _, _ in APIResponse(body: ["route": "get"]) }
        }
        let get = try await router.handle(RouterFixture.event("GET", "/orders/7"), context: .test())
        #expect(try get.json()["route"] as? String == "get")
        let delete = try await router.handle(RouterFixture.event("DELETE", "/orders/7"), context: .test())
        #expect(try delete.json()["route"] as? String == "any")
    }

    /// A handler sees the method as a `RequestMethod`, upper-cased as API Gateway matches routes, whatever the
    /// case the client sent; an `ANY` route learns which method it is answering.
    @Test func theHandlerSeesTheMethodUpperCasedAsAnHTTPMethod() async throws {
        let router = HTTPRouter {
            Route(RouteRanking.anyMethod, "/echo") { request, _ in
                APIResponse(body: ["method": request.method.rawValue])
            }
        }
        for (sent, seen) in [("get", "GET"), ("Delete", "DELETE"), ("PATCH", "PATCH")] {
            let response = try await router.handle(RouterFixture.event(sent, "/echo"), context: .test())
            #expect(try response.json()["method"] as? String == seen, "\(sent)")
        }
    }

    /// Behind a named stage `rawPath` starts with the stage, and API Gateway matches routes without it: so does the
    /// router. The route the event's `routeKey` names is tried first, and an event whose route key does not fit its
    /// method and path (or names no route of this router) is routed on its path alone.
    @Test func routesMatchWithoutTheStageAndTheRouteKeyIsOnlyAHint() async throws {
        var staged = RouterFixture.event("GET", "/prod/orders/a%2Fb")
        staged.routeKey = "GET /orders/{id}"
        #expect(try await RouterFixture.send(staged).statusCode == 404)
        staged.requestContext.stage = "prod"
        #expect(try await RouterFixture.send(staged).json()["id"] as? String == "a/b")
        staged.routeKey = "$default"
        #expect(try await RouterFixture.send(staged).json()["id"] as? String == "a/b")

        var mismatched = RouterFixture.event("DELETE", "/orders/latest")
        mismatched.routeKey = "GET /orders/latest"
        #expect(try await RouterFixture.send(mismatched).statusCode == 204)
        var undeclared = RouterFixture.event("GET", "/orders/7")
        undeclared.routeKey = "GET /somewhere/{else}"
        #expect(try await RouterFixture.send(undeclared).json()["id"] as? String == "7")
    }

    @Test func anUnknownPathIsA404ProblemWithTheRequestID() async throws {
        let response = try await RouterFixture.send(RouterFixture.event("GET", "/nowhere"))
        #expect(response.statusCode == 404)
        #expect(response.headers?["content-type"] == "application/problem+json")
        let problem = try response.json()
        #expect(problem["type"] as? String == "about:blank")
        #expect(problem["title"] as? String == "Not Found")
        #expect(problem["status"] as? Int == 404)
        #expect(problem["detail"] as? String == "No route for /nowhere")
        #expect(problem["requestId"] as? String == "req-42")
    }

    @Test func aKnownPathWithAnotherMethodIsA405WithAllow() async throws {
        let response = try await RouterFixture.send(RouterFixture.event("PUT", "/orders/7"))
        #expect(response.statusCode == 405)
        #expect(response.headers?["allow"] == "GET, DELETE")
    }

    @Test func aValidBodyReachesTheHandler() async throws {
        let body = #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1999}],"currency":"EUR"}"#
        let response = try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: body))
        #expect(response.statusCode == 201)
        #expect(response.headers?["location"] == "/orders/1")
        #expect(try response.json()["total"] as? Int == 3998)
    }

    @Test func everyBrokenRuleIsListedWithItsFieldPath() async throws {
        let body =
            #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":1},{"sku":"bad sku","quantity":0,"unitPrice":-5}],"currency":"XYZ","note":""}"#
        let response = try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: body))
        #expect(response.statusCode == 422)
        let problems = Set(try response.problems().map { "\($0["field"]!): \($0["reason"]!)" })
        #expect(
            problems == [
                "items[1].sku: must be 1–32 upper-case letters, digits or hyphens",
                "items[1].quantity: must be between 1 and 1000",
                "items[1].unitPrice: must be between 0 and 10000000",
                "currency: must be one of EUR, GBP, USD",
                "note: must be 1–200 characters long",
            ])
    }

    @Test func aMissingOrMistypedFieldIs422WithItsPath() async throws {
        let missing = try await RouterFixture.send(
            RouterFixture.event("POST", "/orders", body: #"{"items":[{"sku":"A","unitPrice":1}],"currency":"EUR"}"#))
        #expect(missing.statusCode == 422)
        #expect(try missing.problems() == [["field": "items[0].quantity", "reason": "is required"]])
        let mistyped = try await RouterFixture.send(
            RouterFixture.event("POST", "/orders", body: #"{"items":[],"currency":7}"#))
        #expect(try mistyped.problems() == [["field": "currency", "reason": "must be a string"]])
    }

    /// A number that does not fit its field, or a fraction for an integer, names the field (Foundation's decoder
    /// reported it with no path, which read as a body that is not JSON).
    @Test(arguments: ["1.5", "99999999999999999999", "-1e400"])
    func aNumberThatDoesNotFitItsFieldIs422AtItsPath(_ quantity: String) async throws {
        let body = #"{"items":[{"sku":"A","quantity":\#(quantity),"unitPrice":1}],"currency":"EUR"}"#
        let response = try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: body))
        if quantity == "-1e400" {
            #expect(response.statusCode == 400, "a number JSON cannot hold is not valid JSON")
        } else {
            #expect(response.statusCode == 422)
            #expect(try response.problems() == [["field": "items[0].quantity", "reason": "is not valid"]])
        }
    }

    /// A base64 body is decoded before it is read; one that is not base64 is a 400, not a crash or a 500.
    @Test func aBase64BodyIsReadAndAForgedOneIs400() async throws {
        let json = #"{"items":[{"sku":"A-1","quantity":2,"unitPrice":5}],"currency":"EUR"}"#
        var encoded = RouterFixture.event("POST", "/orders", body: Base64.encode(Array(json.utf8)))
        encoded.isBase64Encoded = true
        #expect(try await RouterFixture.send(encoded).statusCode == 201)
        for forged in ["eyJpdGVtcyI6W10=x", "eyJp dGVt", "====", "eyJpdGVtcyI6W119\n"] {
            var event = RouterFixture.event("POST", "/orders", body: forged)
            event.isBase64Encoded = true
            let response = try await RouterFixture.send(event)
            #expect(response.statusCode == 400, "\(forged)")
            #expect(response.body?.contains("The body is not valid base64") == true, "\(forged)")
        }
    }

    @Test func aRouteThatNeedsATokenIs401WithoutOneAnd403WithoutItsScope() async throws {
        let body = #"{"items":[],"currency":"EUR"}"#
        let anonymous = try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: body, scopes: nil))
        #expect(anonymous.statusCode == 401)
        #expect(anonymous.headers?["www-authenticate"] == "Bearer")
        let readOnly = try await RouterFixture.send(
            RouterFixture.event("POST", "/orders", body: body, scopes: ["orders/read"]))
        #expect(readOnly.statusCode == 403)
        let allowed = try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: body))
        #expect(allowed.statusCode == 422, "with the scope the body is checked")
    }

    @Test func malformedJSONIs400AndAnotherContentTypeIs415() async throws {
        #expect(try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: "{items:")).statusCode == 400)
        #expect(try await RouterFixture.send(RouterFixture.event("POST", "/orders", body: nil)).statusCode == 400)
        let form = RouterFixture.event(
            "POST", "/orders", body: "items=1", headers: ["content-type": "application/x-www-form-urlencoded"])
        #expect(try await RouterFixture.send(form).statusCode == 415)
        let charset = RouterFixture.event(
            "POST", "/orders", body: #"{"items":[],"currency":"EUR"}"#,
            headers: ["content-type": "application/json; charset=utf-8"])
        #expect(try await RouterFixture.send(charset).statusCode == 422)
        for json in ["Application/JSON", "application/vnd.api+json", " application/json ;charset=utf-8"] {
            let event = RouterFixture.event(
                "POST", "/orders", body: #"{"items":[],"currency":"EUR"}"#, headers: ["content-type": json])
            #expect(try await RouterFixture.send(event).statusCode == 422, "\(json) is JSON")
        }
        for other in ["text/json", "application/jsonx", "application/+json", "application/x-json-seq"] {
            let event = RouterFixture.event(
                "POST", "/orders", body: #"{"items":[],"currency":"EUR"}"#, headers: ["content-type": other])
            #expect(try await RouterFixture.send(event).statusCode == 415, "\(other) is not JSON")
        }
    }

    @Test func aBodyOverTheLimitIs413() async throws {
        let big = RouterFixture.event("POST", "/orders", body: String(repeating: " ", count: 1025))
        #expect(try await RouterFixture.send(big).statusCode == 413)
    }

    @Test func anUnexpectedErrorIs500WithoutInternalsAndIsLoggedWithItsCause() async throws {
        let sink = InMemoryLogSink()
        let context = LambdaContext.test(requestID: "req-42", function: "orders", logSink: sink, logLevel: .info)
        let response = try await RouterFixture.send(RouterFixture.event("GET", "/boom"), context: context)
        #expect(response.statusCode == 500)
        #expect(response.body?.contains("hunter2") == false)
        #expect(response.body?.contains("Unexpected") == false)
        #expect(sink.lines.contains { $0.contains("error.type=Unexpected") })
        let conflict = try await RouterFixture.send(RouterFixture.event("GET", "/taken"))
        #expect(conflict.statusCode == 409)
        #expect(try conflict.json()["detail"] as? String == "That name is taken")
    }

    /// A store that cannot answer now (another writer holds its lock past the busy timeout) is a 503 the client may
    /// retry after a second, which says nothing about the store.
    @Test func anUnavailableStoreIs503WithRetryAfterAndNoInternals() async throws {
        let response = try await RouterFixture.send(RouterFixture.event("GET", "/locked"))
        #expect(response.statusCode == 503)
        #expect(response.headers?["retry-after"] == "1")
        #expect(response.headers?["content-type"] == "application/problem+json")
        let problem = try response.json()
        #expect(problem["status"] as? Int == 503)
        #expect(problem["title"] as? String == "Service Unavailable")
        #expect(problem["requestId"] as? String == "req-42")
        #expect(response.body?.contains("sqlite") == false)
    }

    @Test func corsPreflightAndHeadersFollowTheConfiguration() async throws {
        let preflight = RouterFixture.event(
            "OPTIONS",
            "/orders/7",
            headers: ["origin": "https://app.example.com", "access-control-request-method": "DELETE"]
        )
        let answer = try await RouterFixture.send(preflight)
        #expect(answer.statusCode == 204)
        #expect(answer.headers?["access-control-allow-origin"] == "https://app.example.com")
        #expect(answer.headers?["access-control-allow-methods"] == "GET, DELETE")
        #expect(answer.headers?["access-control-allow-headers"]?.contains("authorization") == true)

        let allowed = try await RouterFixture.send(
            RouterFixture.event("GET", "/orders/7", headers: ["origin": "https://app.example.com"]))
        #expect(allowed.headers?["access-control-allow-origin"] == "https://app.example.com")
        let foreign = try await RouterFixture.send(
            RouterFixture.event("GET", "/orders/7", headers: ["origin": "https://evil.example"]))
        #expect(foreign.headers?["access-control-allow-origin"] == nil)
    }

    @Test func everyAnswerCarriesTheSecurityHeaders() async throws {
        for event in [
            RouterFixture.event("GET", "/orders/7"), RouterFixture.event("GET", "/nowhere"),
            RouterFixture.event("GET", "/boom"),
        ] {
            let headers = try await RouterFixture.send(event).headers ?? [:]
            #expect(headers["x-content-type-options"] == "nosniff")
            #expect(headers["cache-control"] == "no-store")
            #expect(headers["content-security-policy"] == "default-src 'none'; frame-ancestors 'none'")
        }
    }

    @Test func anAnswersOwnHeaderWinsOverTheSecurityHeadersWhichWinOverCORS() async throws {
        let headers =
            try await RouterFixture.send(
                RouterFixture.event("GET", "/cached", headers: ["origin": "https://app.example.com"])
            ).headers ?? [:]
        #expect(headers["cache-control"] == "max-age=60", "the route's own caching, not the default no-store")
        #expect(headers["x-frame-options"] == "DENY")
        #expect(headers["access-control-allow-origin"] == "https://app.example.com")
        #expect(headers["vary"] == "origin")
        #expect(headers.keys.allSatisfy { $0 == $0.lowercased() })

        // A security header named as CORS names one (`vary`) is kept over CORS's; the answer's own wins over both.
        var security = HTTPRouter.Configuration.defaultSecurityHeaders
        security["vary"] = "accept-encoding"
        let router = HTTPRouter(
            configuration: .init(
                cors: CORSConfiguration(allowedOrigins: ["https://app.example.com"]), securityHeaders: security)
        ) {
            Route(.get, "/plain") { _, _ in APIResponse(body: ["plain": true]) }
            Route(.get, "/own") { _, _ in
                APIResponse(headers: [ResponseHeaders.Name("Vary")!: "cookie"], body: ["own": true])
            }
        }
        let context = LambdaContext.test()
        let plain = try await router.handle(
            RouterFixture.event("GET", "/plain", headers: ["origin": "https://app.example.com"]), context: context)
        #expect(plain.headers?["vary"] == "accept-encoding")
        #expect(plain.headers?["access-control-allow-origin"] == "https://app.example.com")
        let own = try await router.handle(
            RouterFixture.event("GET", "/own", headers: ["origin": "https://app.example.com"]), context: context)
        #expect(own.headers?["vary"] == "cookie")
    }

    @Test func routesKeepTheirDeclarationForTheGatewayAndOpenAPI() {
        let post = RouterFixture.router.routes.first { $0.routeKey == "POST /orders" }
        #expect(post?.authorization == .jwt(scopes: ["orders/write"]))
        #expect(post?.inputType == CreateOrder.self)
        #expect(post?.outputType == Created.self)
        #expect(
            RouterFixture.router.routes.first { $0.routeKey == "GET /files/{path+}" }?.path.parameterNames == ["path"])
    }
}
