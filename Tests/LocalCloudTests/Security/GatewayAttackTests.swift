import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import LocalCloud
import Logging
import StratusTesting
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Attacks on the gateway over HTTP: answers HTTP cannot carry, bodies sent where no function will read them, and
/// connections that never say anything.
@Suite("Gateway attacks")
struct GatewayAttackTests {
    /// Answers whatever status the request's `status` query parameter names.
    struct AnswersStatus: LambdaHandler {
        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> APIGatewayV2Response {
            APIGatewayV2Response(statusCode: Int(event.queryStringParameters?["status"] ?? "") ?? 200)
        }
    }

    /// Runs a ``GatewayServer`` for a manifest with just ``AnswersStatus``, on a free port, for the time of `body`.
    static func withStatusServer(_ body: @Sendable (URL) async throws -> Void) async throws {
        let manifest = AppManifest("status-fixture", version: "test") {
            Function("status") { _ in AnswersStatus() }.http("GET /status")
        }
        let gateway = APIGateway(manifest: manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink())
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = GatewayServer(gateway: gateway, host: "127.0.0.1", port: 0)
        try await withThrowingTaskGroup { group in
            group.addTask {
                try await server.run(logger: Logger(label: "gateway-attacks") { _ in SwiftLogNoOpLogHandler() }) {
                    port in
                    portContinuation.yield(port)
                }
            }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(URL(string: "http://127.0.0.1:\(port)")!)
            group.cancelAll()
        }
        await gateway.shutdown()
    }

    @Test(.timeLimit(.minutes(1))) func aFunctionAnsweringAStatusHTTPCannotCarryIs502AndTheServerKeepsServing()
        async throws
    {
        try await Self.withStatusServer { url in
            for status in [1000, -1, 99, 600] {
                let (code, problem, _) = try await StratusServe.send(
                    "GET", URL(string: "\(url)/status?status=\(status)")!, token: nil)
                #expect(code == 502, "status \(status)")
                #expect(problem["status"] as? Int == 502)
                #expect(problem["title"] as? String == "Bad Gateway")
                #expect((problem["detail"] as? String)?.contains("\(status)") == true)
                #expect(problem["requestId"] as? String != nil)
            }
            let (fine, _, _) = try await StratusServe.send(
                "GET", URL(string: "\(url)/status?status=204")!, token: nil)
            #expect(fine == 204, "the server still serves after the bad answers")
        }
    }

    /// API Gateway's quota of 10,240 bytes for the request line and the header values together: one byte over is a
    /// 431 with a problem body, whatever the route, and the count is of values, not names.
    @Test(.timeLimit(.minutes(1))) func aHeadOverAPIGatewaysQuotaIs431BeforeItIsRouted() async throws {
        try await Self.withStatusServer { url in
            // "GET /status?status=204 HTTP/1.1" and the values URLSession sends on its own fill part of the quota.
            let line = "GET /status?status=204 HTTP/1.1".utf8.count
            let fixed = ["application/json", "*/*", "gzip, deflate", url.host! + ":\(url.port!)"]
            var fitting = APIGateway.maximumHeadBytes - line - fixed.map(\.utf8.count).reduce(0, +)
            var lastCode = 0
            // The client's own headers vary; shrink the padding until the request fits, which it must well before 1 KB.
            for _ in 0..<1024 {
                let (code, _, _) = try await StratusServe.send(
                    "GET", URL(string: "\(url)/status?status=204")!, token: nil,
                    headers: ["x-padding": String(repeating: "a", count: fitting)])
                lastCode = code
                if code != 431 { break }
                fitting -= 1
            }
            #expect(lastCode == 204, "a request within the quota is served")
            let (code, problem, _) = try await StratusServe.send(
                "GET", URL(string: "\(url)/status?status=204")!, token: nil,
                headers: ["x-padding": String(repeating: "a", count: fitting + 1)])
            #expect(code == 431, "one byte over")
            #expect(problem["title"] as? String == "Request Header Fields Too Large")
            #expect(problem["requestId"] as? String != nil)
            let (unrouted, _, _) = try await StratusServe.send(
                "GET", URL(string: "\(url)/nowhere")!, token: nil,
                headers: ["x-padding": String(repeating: "a", count: fitting + 100)])
            #expect(unrouted == 431, "counted before the request is routed")
            // 60 names of about 200 bytes: 12 KB, over the quota if names were counted.
            let names = (0..<60).map { "x-\(String(repeating: "n", count: 200))-\($0)" }
            let (named, _, _) = try await StratusServe.send(
                "GET", URL(string: "\(url)/status?status=204")!, token: nil,
                headers: Dictionary(uniqueKeysWithValues: names.map { ($0, "v") }))
            #expect(named == 204, "12 KB of names with short values is within the quota")
        }
    }

    /// Requests that are not HTTP/1.1 get a problem body like every other refusal (Hummingbird's own answer is a
    /// bare 400), a head over the decoder's limit the 431 of API Gateway's quota, and a transfer coding the gateway
    /// cannot read a 501; the gateway's own answers carry the same security headers as a function's.
    @Test(.timeLimit(.minutes(1))) func malformedRequestsGetProblemBodiesAndTheGatewaysAnswersSecurityHeaders()
        async throws
    {
        try await Self.withStatusServer { url in
            let port = try #require(url.port)
            let cases: [(request: String, status: String)] = [
                ("GET /status HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "400"),
                ("GET /status HTTP/1.1\r\nHost: a\r\nBad Header: x\r\n\r\n", "400"),
                ("GET /status HTTP/1.1\r\nHost: a\r\nX: \(String(repeating: "a", count: 90_000))\r\n\r\n", "431"),
                ("POST /status HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n", "501"),
            ]
            for (request, status) in cases {
                let answer = try await RawTCPConnection.answer(to: request, port: port, timeout: .seconds(10))
                #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(request.prefix(60)): \(answer.prefix(60))")
                let lowered = answer.lowercased()
                #expect(lowered.contains("content-type: application/problem+json"), "\(answer.prefix(300))")
                #expect(lowered.contains("x-content-type-options: nosniff"), "\(answer.prefix(300))")
                #expect(lowered.contains("\"requestid\""), "\(answer.prefix(400))")
                if status == "501" { #expect(lowered.contains("connection: close"), "\(answer.prefix(300))") }
            }
            let (code, problem, response) = try await StratusServe.send(
                "GET", URL(string: "\(url)/\(String(repeating: "n", count: 5000))")!, token: nil)
            #expect(code == 404)
            #expect(response.value(forHTTPHeaderField: "x-content-type-options") == "nosniff")
            #expect(response.value(forHTTPHeaderField: "cache-control") == "no-store")
            #expect((problem["detail"] as? String)?.count ?? .max < 300, "the path is repeated up to 256 characters")
        }
    }

    /// A request head announcing a 10 MB body, sent without the body: the answer must come before it.
    static func headOfLargeRequest(
        _ method: String, _ path: String, headers: [String] = [], bytes: Int = APIGateway.maximumRequestBytes
    ) -> String {
        ([
            "\(method) \(path) HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json",
            "Content-Length: \(bytes)",
        ] + headers).joined(separator: "\r\n") + "\r\n\r\n"
    }

    @Test(.timeLimit(.minutes(1))) func aLargeBodyToNoRouteWithoutAValidTokenOrOverTheLimitIsRefusedBeforeItIsSent()
        async throws
    {
        let directory = try TemporaryDirectory()
        let (process, url, _) = try await StratusServe.start(dataDirectory: directory.path("data"))
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(url.port)
        let token = try await StratusServe.token(["--sub", "alice"], dataDirectory: directory.path("data"))
        let cases: [(head: String, status: String)] = [
            (Self.headOfLargeRequest("POST", "/no-such-route"), "404"),
            (Self.headOfLargeRequest("POST", "/orders"), "401"),
            (Self.headOfLargeRequest("PUT", "/users/me", headers: ["Authorization: Bearer not-a-token"]), "401"),
            (
                Self.headOfLargeRequest(
                    "POST", "/orders", headers: ["Authorization: Bearer \(token)"],
                    bytes: APIGateway.maximumRequestBytes + 1), "413"
            ),
            // The AWS endpoint reads its own bodies: a coding it cannot read is refused before it waits for one.
            (
                "POST /_aws HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: AmazonSQS.ListQueues\r\n"
                    + "Transfer-Encoding: xchunked\r\n\r\n", "501"
            ),
        ]
        for (head, status) in cases {
            // Generous: a gateway that read the body first would wait for the 10 MB and never answer.
            let answer = try await RawTCPConnection.answer(to: head, port: port, headOnly: true, timeout: .seconds(15))
            #expect(answer.hasPrefix("HTTP/1.1 \(status)"), "\(head.prefix(20)): \(answer.prefix(40))")
            #expect(answer.lowercased().contains("content-type: application/problem+json"))
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    @Test(.timeLimit(.minutes(2))) func aThousandIdleConnectionsDoNotStopARealRequestAndAreClosedAfterTheTimeout()
        async throws
    {
        try Self.allowOpenFiles(4096)
        let directory = try TemporaryDirectory()
        let (process, url, _) = try await StratusServe.start(
            dataDirectory: directory.path("data"), arguments: ["--idle-timeout", "2s"])
        defer { if process.isRunning { process.terminate() } }
        let port = try #require(url.port)
        let idle = try await RawTCPConnection.offThePool {
            try (0..<1000).map { index in
                let connection = try RawTCPConnection(port: port)
                // One in ten starts a request and never finishes it (slowloris); the rest say nothing at all.
                if index.isMultiple(of: 10) { try connection.send("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n") }
                return connection
            }
        }
        var request = URLRequest(url: url.appendingPathComponent("health"))
        request.timeoutInterval = 10
        let (_, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)

        // The timeout is two seconds; the bound is far above it, so a busy machine does not fail the test.
        let stillOpen = try await RawTCPConnection.offThePool {
            RawTCPConnection.waitUntilClosed(idle, timeout: .seconds(45))
        }
        #expect(stillOpen == 0, "\(stillOpen) idle connections were never closed")
        let (_, again) = try await URLSession.shared.data(for: request)
        #expect((again as? HTTPURLResponse)?.statusCode == 200)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }

    /// Raises this process's soft limit on open files to `count` (its children, the server, inherit it).
    static func allowOpenFiles(_ count: rlim_t) throws {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        guard limit.rlim_cur < count else { return }
        limit.rlim_cur = min(count, limit.rlim_max)
        try #require(setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0)
    }
}

extension GatewayAttackTests {
    @Test(.timeLimit(.minutes(1))) func aForgedCursorIsA400AndNeverACrash() async throws {
        let directory = try TemporaryDirectory()
        let data = directory.path("data")
        let (process, url, _) = try await StratusServe.start(dataDirectory: data)
        defer { if process.isRunning { process.terminate() } }
        let token = try await StratusServe.token(["--sub", "alice"], dataDirectory: data)
        // An item of thousands of nested lists, near the 8 KB a cursor may have, and a count of attributes no
        // cursor could hold (found by schemathesis).
        let levels: [UInt8] = Array(repeating: [7, 1] as [UInt8], count: 3_000).flatMap { $0 }
        let nested: [UInt8] = [1, 1, UInt8(ascii: "n")] + levels + [6]
        let forged = Data(nested).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(
                of: "=", with: "")
        for cursor in [forged, "__main__"] {
            let (status, problem, _) = try await StratusServe.send(
                "GET", URL(string: "\(url)/orders?cursor=\(cursor)")!, token: token)
            #expect(status == 400, "cursor \(cursor.prefix(12))")
            #expect(problem["status"] as? Int == 400)
        }
        let (healthy, _, _) = try await StratusServe.send("GET", url.appendingPathComponent("health"), token: nil)
        #expect(healthy == 200, "the server is still up")
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}

extension GatewayAttackTests {
    @Test(.timeLimit(.minutes(1))) func aMegabyteNameOfCombiningMarksIs422NotAServerError() async throws {
        let directory = try TemporaryDirectory()
        let (process, url, _) = try await StratusServe.start(dataDirectory: directory.path("data"))
        defer { if process.isRunning { process.terminate() } }
        // One character long, a megabyte of UTF-8: past the store's 400 KB item limit if it got that far.
        let name = "a" + String(repeating: "\u{0301}", count: 500_000)
        let body = try JSONSerialization.data(withJSONObject: [
            "name": name, "email": "marks@example.com", "password": "Correct-Horse-Battery-9",
        ])
        let (status, problem, _) = try await StratusServe.send(
            "POST", url.appendingPathComponent("auth/register"), token: nil, bytes: body)
        #expect(status == 422)
        let errors = try #require(problem["errors"] as? [[String: Any]])
        #expect(errors.map { $0["field"] as? String } == ["name"])
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
    }
}
