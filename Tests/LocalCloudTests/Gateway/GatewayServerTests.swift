import Cloud
import Foundation
import LambdaEvents
import LambdaRuntime
import LocalCloud
import Logging
import StratusTesting
import Testing

/// The Hummingbird bridge: header lines go from the client to the event, and from the function's answer to the
/// client, line for line.
@Suite("Gateway server")
struct GatewayServerTests {
    /// Runs a ``GatewayServer`` for the gateway fixture's functions on a free port for the time of `body`, which
    /// receives the port.
    static func withServer(_ body: @Sendable (Int) async throws -> Void) async throws {
        let gateway = APIGateway(
            manifest: GatewayFixture.manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink())
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = GatewayServer(gateway: gateway, host: "127.0.0.1", port: 0)
        try await withThrowingTaskGroup { group in
            group.addTask {
                try await server.run(logger: Logger(label: "gateway-server") { _ in SwiftLogNoOpLogHandler() }) {
                    port in portContinuation.yield(port)
                }
            }
            var iterator = ports.makeAsyncIterator()
            try await body(try #require(await iterator.next()))
            group.cancelAll()
        }
        await gateway.shutdown()
    }

    /// The whole answer to `lines` sent as one request that closes the connection.
    static func exchange(_ lines: [String], port: Int) async throws -> (head: String, body: String) {
        let request = (lines + ["Connection: close", "", ""]).joined(separator: "\r\n")
        let answer = try await RawTCPConnection.answer(to: request, port: port, timeout: .seconds(20))
        let parts = answer.components(separatedBy: "\r\n\r\n")
        return (parts[0], parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    @Test(.timeLimit(.minutes(1))) func repeatedLinesReachTheEventAndEveryCookieReachesTheClientOnItsOwnLine()
        async throws
    {
        try await Self.withServer { port in
            let (head, body) = try await Self.exchange(
                [
                    "GET /items/7 HTTP/1.1", "Host: 127.0.0.1:\(port)", "X-Tag: one", "x-tag: two", "Cookie: a=1",
                    "Cookie: b=2; c=3",
                ], port: port)
            #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
            let event = try JSONDecoder().decode(APIGatewayV2Request.self, from: Data(body.utf8))
            #expect(event.headers["host"] == "127.0.0.1:\(port)")
            #expect(event.headers["x-tag"] == "one,two")
            #expect(event.cookies == ["a=1", "b=2", "c=3"])

            let (cookieHead, _) = try await Self.exchange(["GET /cookies HTTP/1.1", "Host: 127.0.0.1"], port: port)
            let setCookies = cookieHead.components(separatedBy: "\r\n").filter {
                $0.hasPrefix("set-cookie:")
            }
            #expect(
                setCookies.map { $0.drop { $0 != ":" }.dropFirst().trimmingCharacters(in: .whitespaces) }
                    == ["session=abc; HttpOnly", "theme=dark"])
            #expect(cookieHead.lowercased().contains("apigw-requestid: "))
        }
    }

    /// The gateway's own refusals name their headers in lower case, as API Gateway's do.
    @Test(.timeLimit(.minutes(1))) func aRefusalsHeaderNamesAreLowerCase() async throws {
        try await Self.withServer { port in
            let (head, _) = try await Self.exchange(["GET /nowhere HTTP/1.1", "Host: 127.0.0.1"], port: port)
            #expect(head.hasPrefix("HTTP/1.1 404"), "\(head)")
            #expect(head.contains("\r\ncontent-type: application/problem+json"), "\(head)")
            #expect(head.contains("\r\napigw-requestid: "), "\(head)")
        }
    }
}

extension GatewayServerTests {
    /// Tells the test its request has reached the function, then takes a second to answer.
    struct ArrivesThenAnswersLate: LambdaHandler {
        static let arrivals = AsyncStream.makeStream(of: Void.self)

        func handle(_ event: APIGatewayV2Request, context: LambdaContext) async throws -> [String: String] {
            Self.arrivals.continuation.yield()
            try await Task.sleep(for: .seconds(1))
            return ["answered": "late"]
        }
    }

    /// Cancelling the server's task stops it gracefully: the request under way still gets its whole answer, and the
    /// connections accepted at that moment, some perhaps not yet handed to the server, are all closed. Dropping one
    /// of those instead traps in NIO and takes the process down (swift-nio#2637).
    @Test(.timeLimit(.minutes(1))) func cancellingTheServerAnswersTheRequestUnderWayAndClosesEveryConnection()
        async throws
    {
        let manifest = AppManifest("late-fixture", version: "test") {
            Function("late", timeout: .seconds(30)) { _ in ArrivesThenAnswersLate() }.http("GET /late")
        }
        let gateway = APIGateway(manifest: manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink())
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            try await GatewayServer(gateway: gateway, host: "127.0.0.1", port: 0).run(
                logger: Logger(label: "gateway-server") { _ in SwiftLogNoOpLogHandler() }
            ) { port in portContinuation.yield(port) }
        }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())
        async let answer = Self.exchange(["GET /late HTTP/1.1", "Host: 127.0.0.1"], port: port)
        var arrivals = ArrivesThenAnswersLate.arrivals.stream.makeAsyncIterator()
        await arrivals.next()
        let idle = try await RawTCPConnection.offThePool { try (0..<64).map { _ in try RawTCPConnection(port: port) } }

        server.cancel()
        let (head, body) = try await answer
        #expect(head.hasPrefix("HTTP/1.1 200"), "\(head)")
        #expect(body.contains(#""answered":"late""#), "\(body)")
        try await server.value
        let stillOpen = try await RawTCPConnection.offThePool {
            RawTCPConnection.waitUntilClosed(idle, timeout: .seconds(20))
        }
        #expect(stillOpen == 0, "\(stillOpen) connections outlived the server")
        await gateway.shutdown()
    }

    /// A client that sends a request's head and then a body that never comes does not hold a graceful stop past its
    /// grace period (it would until the idle timeout): its connection is closed and the server returns.
    @Test(.timeLimit(.minutes(1))) func aRequestWhoseBodyNeverComesIsCutOffAtTheEndOfTheGracePeriod() async throws {
        let gateway = APIGateway(
            manifest: GatewayFixture.manifest, ports: .unconfigured("no store"), logSink: InMemoryLogSink())
        let (ports, portContinuation) = AsyncStream.makeStream(of: Int.self)
        let server = Task {
            try await GatewayServer(
                gateway: gateway, host: "127.0.0.1", port: 0, idleTimeout: .seconds(40),
                shutdownGracePeriod: .seconds(1)
            ).run(logger: Logger(label: "gateway-server") { _ in SwiftLogNoOpLogHandler() }) { port in
                portContinuation.yield(port)
            }
        }
        var portIterator = ports.makeAsyncIterator()
        let port = try #require(await portIterator.next())
        let slow = try await RawTCPConnection.offThePool {
            let connection = try RawTCPConnection(port: port)
            try connection.send("POST /items/7 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"a\":")
            return connection
        }
        try await Task.sleep(for: .milliseconds(200))
        let stopping = ContinuousClock.now
        server.cancel()
        _ = try? await server.value
        let stopped = ContinuousClock.now - stopping
        #expect(stopped < .seconds(10), "the stop took \(stopped)")
        let stillOpen = try await RawTCPConnection.offThePool {
            RawTCPConnection.waitUntilClosed([slow], timeout: .seconds(5))
        }
        #expect(stillOpen == 0)
        await gateway.shutdown()
    }
}
