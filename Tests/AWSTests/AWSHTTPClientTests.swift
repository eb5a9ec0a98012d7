import Foundation
import LambdaRuntime
import NIOCore
import NIOPosix
import StratusTesting
import Testing

@testable import AWS

/// The HTTP client on real sockets: connection reuse, bounds, and TLS against a local HTTPS server whose certificate
/// a CA made in the test issued.
struct AWSHTTPClientTests {
    private func get(_ client: AWSHTTPClient, _ url: String) async throws -> AWSHTTPResponse {
        let url = try #require(HTTPURL(url))
        return try await client.send(AWSHTTPRequest(method: "GET", url: url), timeout: .seconds(30))
    }

    @Test func twoCallsShareOneKeptAliveConnection() async throws {
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, "{}")) {
            (server) async throws in
            let client = AWSHTTPClient()
            #expect(try await self.get(client, server.baseURL + "/one").status == 200)
            #expect(try await self.get(client, server.baseURL + "/two").status == 200)
            #expect(server.connectionCount == 1)
            #expect(server.requests.map(\.uri) == ["/one", "/two"])
            client.closeIdleConnections()
        }
    }

    /// A caller on an event loop (a gateway request) gets its connection on that loop, so that its exchange needs
    /// no other thread; a caller on none gets the client's loop through `withConnectionLoop`, and keeps it.
    @Test func connectionsAreOpenedOnTheCallersEventLoop() async throws {
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, "{}")) {
            (server) async throws in
            let callersGroup = MultiThreadedEventLoopGroup(numberOfThreads: 1)
            let callersLoop = callersGroup.next()
            let client = AWSHTTPClient()
            try await withTaskExecutorPreference(EventLoopTaskExecutor(callersLoop)) { () async throws in
                #expect(try await self.get(client, server.baseURL + "/").status == 200)
                #expect(callersLoop.inEventLoop)
            }
            #expect(client.idleConnectionLoops.map { $0 === callersLoop } == [true])
            client.closeIdleConnections()

            for _ in 0..<2 {
                try await client.withConnectionLoop { () async throws in
                    #expect(try await self.get(client, server.baseURL + "/").status == 200)
                    #expect(MultiThreadedEventLoopGroup.currentEventLoop != nil)
                }
            }
            let loops = client.idleConnectionLoops
            #expect(loops.count == 1)
            #expect(loops.first.map { $0 === callersLoop } == false)
            #expect(server.connectionCount == 2)
            client.closeIdleConnections()
            try await callersGroup.shutdownGracefully()
        }
    }

    @Test func aConnectionTheServerClosesIsNotReused() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, "{}")) { (server) async throws in
            let client = AWSHTTPClient()
            _ = try await self.get(client, server.baseURL + "/")
            _ = try await self.get(client, server.baseURL + "/")
            #expect(server.connectionCount == 2)
        }
    }

    /// A connection that accepts the request and never answers fails the call with `timedOut` at its deadline.
    @Test(.timeLimit(.minutes(1))) func aServerThatNeverAnswersTimesOut() async throws {
        // Accepted connections have no handler: the request is read and dropped, and nothing is ever written back.
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let url = try #require(HTTPURL("http://127.0.0.1:\(port)/"))
        let started = ContinuousClock.now
        do {
            _ = try await AWSHTTPClient().send(AWSHTTPRequest(method: "GET", url: url), timeout: .milliseconds(300))
            Issue.record("a server that never answers answered")
        } catch {
            #expect(error.code == .timedOut)
        }
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        try await server.close()
    }

    @Test func anAnswerOverTheBoundFails() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, String(repeating: "x", count: 100))) {
            (server) async throws in
            let client = AWSHTTPClient(configuration: .init(maximumResponseByteCount: 10))
            do {
                _ = try await self.get(client, server.baseURL + "/")
                Issue.record("an oversized answer was accepted")
            } catch let error as AWSHTTPError {
                #expect(error.code == .responseTooLarge)
            }
        }
    }

    /// A header whose value holds CR LF would write a header of its own into the request: it is refused before a
    /// connection is taken or opened, on an event loop's connection as on a calling thread's.
    @Test func aHeaderWithALineBreakIsRefusedBeforeAnyConnection() async throws {
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, "{}")) {
            (server) async throws in
            let client = AWSHTTPClient()
            let url = try #require(HTTPURL(server.baseURL + "/"))
            for (name, value) in [("X-Amz-Security-Token", "token\r\nX-Evil: 1"), ("X-Evil\nName", "1"), ("X", "a\0b")]
            {
                do throws(AWSHTTPError) {
                    _ = try await client.send(
                        AWSHTTPRequest(method: "GET", url: url, headers: [(name, value)]), timeout: .seconds(5))
                    Issue.record("the header \(name.debugDescription) was sent")
                } catch {
                    #expect(error.code == .invalidConfiguration)
                }
            }
            #expect(server.connectionCount == 0)
            #expect(try await self.get(client, server.baseURL + "/").status == 200)
            #expect(server.requests.map { $0.headers.keys.contains { $0.lowercased() == "x-evil" } } == [false])
            client.closeIdleConnections()
        }
    }

    @Test func httpsWorksWithTheCAInAWSCABundleAndFailsClearlyWithout() async throws {
        try await FakeHTTPServer.withHTTPSServer { (server, bundle, directory) async throws in
            let url = "https://127.0.0.1:\(server.port)/"
            let trusting = AWSHTTPClient(configuration: .init(environment: AWSEnvironment(["AWS_CA_BUNDLE": bundle])))
            let response = try await self.get(trusting, url)
            #expect(response.status == 200)
            #expect(response.text == #"{"ok":true}"#)
            trusting.closeIdleConnections()

            do {
                _ = try await self.get(AWSHTTPClient(), url)
                Issue.record("the system's roots trusted a test CA")
            } catch let error as AWSHTTPError {
                #expect(error.code == .tlsFailed)
                #expect(error.message.contains("TLS handshake failed"))
            }

            let missing = AWSHTTPClient(configuration: .init(caBundlePath: directory.path("absent.pem")))
            do {
                _ = try await self.get(missing, url)
                Issue.record("a missing CA bundle was accepted")
            } catch let error as AWSHTTPError {
                #expect(error.code == .invalidConfiguration)
            }
        }
    }
}
