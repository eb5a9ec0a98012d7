import Cloud
import Foundation
import HTTPTypes
import LambdaEvents
import LambdaRuntime
import LocalCloud
import StratusTesting
import Synchronization
import Testing

/// Functions that show what the gateway hands over and how it treats their answers.
enum GatewayFixture {
    struct Describe: LambdaHandler {
        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Request { event }
    }

    struct Sleep: LambdaHandler {
        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> [String: String] {
            try await Task.sleep(for: .milliseconds(Int(event.queryStringParameters?["ms"] ?? "0") ?? 0))
            return ["slept": "yes", "memory": "\(context.function.memoryLimitInMB)"]
        }
    }

    /// Holds every invocation until the test releases them, so a test keeps a function's slots taken as long as it
    /// needs, however busy the machine.
    struct Hold: LambdaHandler {
        static let state = Mutex((holding: 0, released: false))

        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> [String: String] {
            Self.state.withLock { $0.holding += 1 }
            try await eventually { Self.state.withLock { $0.released } }
            return ["held": "yes"]
        }
    }

    struct Cookies: LambdaHandler {
        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
            APIGatewayV2Response(
                statusCode: 201,
                headers: ["content-type": "application/octet-stream"],
                cookies: ["session=abc; HttpOnly", "theme=dark"],
                body: Data([0, 1, 2, 255]).base64EncodedString(),
                isBase64Encoded: true
            )
        }
    }

    struct Failure: Error {}

    struct Boom: LambdaHandler {
        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> [String: String] {
            throw Failure()
        }
    }

    static let manifest = AppManifest("gateway-fixture", version: "test") {
        Function("describe", memoryMB: 256) { _ in Describe() }.http(
            "GET /items/{id}", "POST /items/{id}", "ANY /files/{proxy+}")
        Function("special") { _ in Describe() }.http("GET /items/special")
        Function("sleep", timeout: .milliseconds(300)) { _ in Sleep() }.http("GET /sleep")
        // Its own function with a long timeout: a busy test machine must not turn the shortcut's check into a 504.
        Function("shortcut", timeout: .seconds(60)) { _ in Sleep() }.http("GET /shortcut")
        Function("single", timeout: .seconds(60), reservedConcurrency: 1) { _ in Hold() }.http("GET /single")
        Function("cookies") { _ in Cookies() }.http("GET /cookies")
        Function("boom") { _ in Boom() }.http("GET /boom")
    }

    static let gateway = APIGateway(
        manifest: manifest, ports: .unconfigured("The gateway fixture has no store"), logSink: InMemoryLogSink())

    static func send(
        _ method: String,
        _ path: String,
        query: String = "",
        headers: HTTPFields = [:],
        body: [UInt8] = []
    ) async -> GatewayResponse {
        await gateway.handle(
            GatewayRequest(
                method: HTTPRequest.Method(method)!, path: path, rawQueryString: query, headers: headers, body: body))
    }
}

extension GatewayResponse {
    func json() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(self.body)) as? [String: Any])
    }
}

@Suite("Local API gateway")
struct APIGatewayTests {
    @Test func theEventIsAnHTTPAPIPayload2Event() async throws {
        let sentAt = Int64(Date().timeIntervalSince1970 * 1000)
        let response = await GatewayFixture.send(
            "POST", "/items/a%20b", query: "tag=x&tag=y&q=hello+world",
            headers: [
                .contentType: "application/json", HTTPField.Name("X-Custom")!: "1", HTTPField.Name("x-custom")!: "2",
                .cookie: "a=1; b=2", .userAgent: "curl/8",
            ],
            body: Array(#"{"n":1}"#.utf8)
        )
        let answeredAt = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(response.status == 200)
        let requestID = try #require(response.headers[.apigwRequestID])
        #expect(requestID.wholeMatch(of: /[A-Za-z0-9_-]{15}=/) != nil, "API Gateway's shape: \(requestID)")
        let event = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(response.body))
        #expect(event.version == "2.0")
        #expect(event.routeKey == "POST /items/{id}")
        #expect(event.rawPath == "/items/a%20b")
        #expect(event.rawQueryString == "tag=x&tag=y&q=hello+world")
        #expect(event.queryStringParameters == ["tag": "x,y", "q": "hello world"])
        #expect(event.pathParameters == ["id": "a b"])
        #expect(event.headers["x-custom"] == "1,2")
        #expect(event.headers["cookie"] == nil)
        #expect(event.cookies == ["a=1", "b=2"])
        #expect(event.body == #"{"n":1}"#)
        #expect(event.isBase64Encoded == false)
        #expect(event.requestContext.requestId == requestID)
        #expect(event.requestContext.stage == "$default")
        #expect(event.requestContext.http.method == "POST")
        #expect(event.requestContext.http.sourceIp == "127.0.0.1")
        #expect(event.requestContext.http.userAgent == "curl/8")
        #expect(event.requestContext.routeKey == "POST /items/{id}")
        #expect(event.requestContext.time.wholeMatch(of: /\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000/) != nil)
        // The time the gateway received the request: between sending and the answer, however long a busy machine took.
        #expect((sentAt...answeredAt).contains(event.requestContext.timeEpoch))
    }

    /// Header lines reach the event as API Gateway sends them: every name lower-cased whatever the client's spelling,
    /// repeated lines joined with commas in the order sent, and every `Cookie` line's cookies, in order, in `cookies`.
    @Test func repeatedHeaderLinesAndCookieLinesBecomeTheEventsHeadersAndCookies() async throws {
        let response = await GatewayFixture.send(
            "GET", "/items/7",
            headers: [
                HTTPField.Name("Accept-Language")!: "de", .cookie: "a=1; b=2", HTTPField.Name("ACCEPT-LANGUAGE")!: "en",
                HTTPField.Name("COOKIE")!: "c=3", HTTPField.Name("X-Request-Tag")!: "one",
            ]
        )
        #expect(response.status == 200)
        let event = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(response.body))
        #expect(event.headers["accept-language"] == "de,en")
        #expect(event.headers["x-request-tag"] == "one")
        #expect(event.headers.dictionary.keys.allSatisfy { $0 == $0.lowercased() }, "\(event.headers.dictionary.keys)")
        #expect(event.cookies == ["a=1", "b=2", "c=3"])
    }
    @Test func binaryBodiesArriveBase64Encoded() async throws {
        let response = await GatewayFixture.send(
            "POST", "/items/1", headers: [.contentType: "image/png"], body: [0x89, 0x50, 0xFF])
        let event = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(response.body))
        #expect(event.isBase64Encoded == true)
        #expect(event.body == Data([0x89, 0x50, 0xFF]).base64EncodedString())
    }

    @Test func theMostSpecificRouteWinsAndUnknownRoutesAre404Problems() async throws {
        let special = try JSONDecoder().decode(
            APIGatewayV2Request.self, from: Data(await GatewayFixture.send("GET", "/items/special").body))
        #expect(special.routeKey == "GET /items/special")
        let item = try JSONDecoder().decode(
            APIGatewayV2Request.self, from: Data(await GatewayFixture.send("GET", "/items/7").body))
        #expect(item.routeKey == "GET /items/{id}")
        let greedy = try JSONDecoder().decode(
            APIGatewayV2Request.self, from: Data(await GatewayFixture.send("DELETE", "/files/a/b/c").body))
        #expect(greedy.routeKey == "ANY /files/{proxy+}")
        #expect(greedy.pathParameters == ["proxy": "a/b/c"])
        let missing = await GatewayFixture.send("POST", "/sleep")
        #expect(missing.status == 404)
        #expect(missing.headers[.contentType] == "application/problem+json")
        #expect(try missing.json()["requestId"] as? String == missing.headers[.apigwRequestID])
    }

    @Test func theAnswerIsMappedBackWithCookiesAndDecodedBinary() async throws {
        let response = await GatewayFixture.send("GET", "/cookies")
        #expect(response.status == 201)
        #expect(response.body == [0, 1, 2, 255])
        #expect(
            response.headers[values: .setCookie] == ["session=abc; HttpOnly", "theme=dark"])
        #expect(response.headers[.apigwRequestID] != nil)
        let shortcut = await GatewayFixture.send("GET", "/shortcut")
        #expect(shortcut.status == 200)
        #expect(shortcut.headers[.contentType] == "application/json")
        #expect(try shortcut.json()["memory"] as? String == "128")
    }

    /// The gateway's load counts every request it answers: as many at once as ``GatewayLoad/saturation`` saturate it
    /// for the work that waits.
    @Test(.timeLimit(.minutes(1))) func requestsInFlightAreTheGatewaysLoad() async throws {
        let gateway = APIGateway(
            manifest: GatewayFixture.manifest, ports: .unconfigured("No store"), logSink: InMemoryLogSink())
        let request = GatewayRequest(method: .get, path: "/shortcut", rawQueryString: "ms=5000", headers: [:], body: [])
        let answers = Task {
            await withTaskGroup(of: Int.self) { group in
                for _ in 0..<GatewayLoad.crowd { group.addTask { await gateway.handle(request).status.code } }
                return await group.reduce(into: []) { $0.append($1) }
            }
        }
        // The requests start when the test machine lets them: the load must show them once they are all in flight.
        try await eventually(timeout: .seconds(20)) {
            await gateway.load.waitForSpareCapacity(atMost: .milliseconds(50)) == false
        }
        #expect(await answers.value == Array(repeating: 200, count: GatewayLoad.crowd))
        #expect(await gateway.load.waitForSpareCapacity(atMost: .seconds(30)))
    }

    @Test func timeoutsAre504ErrorsAre500AndOversizedBodiesAre413() async throws {
        let started = ContinuousClock.now
        let timedOut = await GatewayFixture.send("GET", "/sleep", query: "ms=600000")
        #expect(timedOut.status == 504)
        // Answered at the 300 ms timeout, not when the handler's ten-minute sleep ends. The bound is far from both: a
        // test process starved of CPU while the suite's servers start has stalled for over 20 s on two cores.
        #expect(ContinuousClock.now - started < .seconds(120))
        let failed = await GatewayFixture.send("GET", "/boom")
        #expect(failed.status == 500)
        #expect(String(decoding: failed.body, as: UTF8.self).contains("Failure") == false)
        let oversized = await GatewayFixture.send(
            "POST", "/items/1", body: [UInt8](repeating: 0x20, count: APIGateway.maximumRequestBytes + 1))
        #expect(oversized.status == 413)
    }

    @Test func reservedConcurrencyThrottlesWith429() async throws {
        async let first = GatewayFixture.send("GET", "/single")
        try await eventually { GatewayFixture.Hold.state.withLock { $0.holding == 1 } }
        let second = await GatewayFixture.send("GET", "/single")
        #expect(second.status == 429)
        #expect(second.headers[.retryAfter] == "1", "a refusal a client can act on")
        GatewayFixture.Hold.state.withLock { $0.released = true }
        #expect(await first.status == 200)
        #expect(await GatewayFixture.send("GET", "/single").status == 200, "the slot is free again")
    }

    @Test func withCORSTheGatewayAnswersPreflightsAndMarksEveryAnswer() async throws {
        let gateway = APIGateway(
            manifest: GatewayFixture.manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink(),
            cors: CORSConfiguration(allowedOrigins: ["https://app.example.com"])
        )
        let preflight = await gateway.handle(
            GatewayRequest(
                method: .options, path: "/items/7",
                headers: [
                    .origin: "https://app.example.com", .accessControlRequestMethod: "POST",
                ]))
        #expect(preflight.status == 204)
        #expect(preflight.headers[.accessControlAllowOrigin] == "https://app.example.com")
        #expect(preflight.headers[.accessControlAllowMethods] == "GET, POST")
        #expect(preflight.headers[.accessControlAllowHeaders]?.contains("authorization") == true)
        let answer = await gateway.handle(
            GatewayRequest(method: .get, path: "/cookies", headers: [.origin: "https://app.example.com"]))
        #expect(answer.status == 201)
        #expect(answer.headers[.accessControlAllowOrigin] == "https://app.example.com")
        #expect(answer.headers[.accessControlExposeHeaders]?.contains("apigw-requestid") == true)
        let stranger = await gateway.handle(
            GatewayRequest(method: .get, path: "/cookies", headers: [.origin: "https://evil.example"]))
        #expect(stranger.headers[.accessControlAllowOrigin] == nil)
        let unknown = await gateway.handle(
            GatewayRequest(
                method: .options, path: "/nowhere",
                headers: [
                    .origin: "https://app.example.com", .accessControlRequestMethod: "GET",
                ]))
        #expect(unknown.status == 404)
    }
}
