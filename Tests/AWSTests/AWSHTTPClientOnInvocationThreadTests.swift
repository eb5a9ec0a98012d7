import Foundation
import LambdaRuntime
import NIOCore
import NIOPosix
import StratusTesting
import Synchronization
import Testing

@testable import AWS

/// The HTTP client called from a Lambda invocation's thread: it writes and reads on that thread, blocking it, on
/// connections the thread keeps, unless other work of the invocation waits for the thread.
struct AWSHTTPClientOnInvocationThreadTests {
    /// Runs `body` on a thread of its own as the runtime's worker runs a handler, and returns what it returned.
    private func onInvocationThread<Value: Sendable>(
        _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                let outcome = InvocationThread.run { () async -> Swift.Result<Value, any Error> in
                    do {
                        return .success(try await body())
                    } catch {
                        return .failure(error)
                    }
                }
                continuation.resume(with: outcome)
            }
        }
    }

    private func get(_ client: AWSHTTPClient, _ url: String, timeout: Duration = .seconds(30)) async throws
        -> AWSHTTPResponse
    {
        let url = try #require(HTTPURL(url))
        return try await client.send(AWSHTTPRequest(method: "GET", url: url), timeout: timeout)
    }

    @Test func callsBlockTheInvocationThreadAndShareTheConnectionItKeeps() async throws {
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, #"{"n":1}"#)) {
            (server) async throws in
            let client = AWSHTTPClient()
            let answers = try await self.onInvocationThread { () async throws -> [String] in
                #expect(InvocationThread.mayBlock)
                var answers: [String] = []
                for path in ["/one", "/two", "/three"] {
                    answers.append(try await self.get(client, server.baseURL + path).text)
                }
                return answers
            }
            #expect(answers == Array(repeating: #"{"n":1}"#, count: 3))
            #expect(server.requests.map(\.uri) == ["/one", "/two", "/three"])
            #expect(server.connectionCount == 1)
            // No connection went through an event loop.
            #expect(client.idleConnectionLoops.isEmpty)
            #expect(!InvocationThread.mayBlock)
        }
    }

    /// Two calls started together with `async let`: the first finds the second waiting for the thread (the worker
    /// runs its jobs in order) and goes to an event loop, so that blocking does not make them run one after the other.
    /// The second blocks or not depending on whether the first's answer is back by then.
    @Test func aCallWithSiblingWorkWaitingLeavesTheThreadFree() async throws {
        try await FakeHTTPServer.withServer(keepsConnections: true, FakeHTTPServer.always(200, "{}")) {
            (server) async throws in
            let client = AWSHTTPClient()
            let statuses = try await self.onInvocationThread { () async throws -> [Int] in
                async let first = self.get(client, server.baseURL + "/first")
                async let second = self.get(client, server.baseURL + "/second")
                return try await [first.status, second.status]
            }
            #expect(statuses == [200, 200])
            #expect((1...2).contains(client.idleConnectionLoops.count))
            client.closeIdleConnections()
        }
    }

    @Test func aConnectionTheServerClosesIsOpenedAgain() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, "{}")) { (server) async throws in
            let client = AWSHTTPClient()
            let statuses = try await self.onInvocationThread { () async throws -> [Int] in
                [
                    try await self.get(client, server.baseURL + "/").status,
                    try await self.get(client, server.baseURL + "/").status,
                ]
            }
            #expect(statuses == [200, 200])
            #expect(server.connectionCount == 2)
        }
    }

    /// A kept connection that the server drops while it is idle (as a load balancer does) is replaced once, and the
    /// call succeeds.
    @Test func aKeptConnectionDroppedWhileIdleIsReplaced() async throws {
        let listener = try await AnswerThenDropServer.start()
        let client = AWSHTTPClient()
        let statuses = try await self.onInvocationThread { () async throws -> [Int] in
            [
                try await self.get(client, "http://127.0.0.1:\(listener.port)/a").status,
                try await self.get(client, "http://127.0.0.1:\(listener.port)/b").status,
            ]
        }
        #expect(statuses == [200, 200])
        #expect(listener.connectionCount == 2)
        try await listener.stop()
    }

    @Test(.timeLimit(.minutes(1))) func aServerThatNeverAnswersTimesOut() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(server.localAddress?.port)
        let outcome = try await self.onInvocationThread { () async throws -> (AWSHTTPError?, Duration) in
            let started = ContinuousClock.now
            do {
                _ = try await self.get(AWSHTTPClient(), "http://127.0.0.1:\(port)/", timeout: .milliseconds(300))
                return (nil, ContinuousClock.now - started)
            } catch let error as AWSHTTPError {
                return (error, ContinuousClock.now - started)
            }
        }
        #expect(outcome.0?.code == .timedOut)
        #expect(outcome.1 >= .milliseconds(300))
        #expect(outcome.1 < .seconds(5))
        try await server.close()
    }

    @Test func anAnswerOverTheBoundAndAHeaderWithALineBreakFail() async throws {
        try await FakeHTTPServer.withServer(FakeHTTPServer.always(200, String(repeating: "x", count: 100))) {
            (server) async throws in
            let codes = try await self.onInvocationThread { () async throws -> [AWSHTTPError.Code?] in
                var codes: [AWSHTTPError.Code?] = []
                do {
                    _ = try await self.get(
                        AWSHTTPClient(configuration: .init(maximumResponseByteCount: 10)), server.baseURL + "/")
                    codes.append(nil)
                } catch let error as AWSHTTPError {
                    codes.append(error.code)
                }
                let url = try #require(HTTPURL(server.baseURL + "/"))
                let injected = AWSHTTPRequest(
                    method: "GET", url: url, headers: [("X-Amz-Security-Token", "token\r\nX-Evil: 1")])
                do throws(AWSHTTPError) {
                    _ = try await AWSHTTPClient().send(injected, timeout: .seconds(5))
                    codes.append(nil)
                } catch {
                    codes.append(error.code)
                }
                return codes
            }
            #expect(codes == [.responseTooLarge, .invalidConfiguration])
            #expect(server.requests.count == 1)
            // The header was refused before any connection was opened for it.
            #expect(server.connectionCount == 1)
        }
    }

    @Test func httpsOnTheThreadTrustsTheCABundleKeepsTheSessionAndRefusesOtherCAs() async throws {
        try await FakeHTTPServer.withHTTPSServer { (server, bundle, _) async throws in
            let url = "https://127.0.0.1:\(server.port)/"
            let trusting = AWSHTTPClient(configuration: .init(environment: AWSEnvironment(["AWS_CA_BUNDLE": bundle])))
            let outcome = try await self.onInvocationThread { () async throws -> ([String], AWSHTTPError?) in
                let texts = [try await self.get(trusting, url).text, try await self.get(trusting, url + "again").text]
                defer { trusting.closeIdleConnections() }
                do {
                    _ = try await self.get(AWSHTTPClient(), url)
                    return (texts, nil)
                } catch let error as AWSHTTPError {
                    return (texts, error)
                }
            }
            #expect(outcome.0 == [#"{"ok":true}"#, #"{"ok":true}"#])
            #expect(outcome.1?.code == .tlsFailed)
            // One connection for the two trusted calls, one for the refused handshake.
            #expect(server.connectionCount == 2)
            #expect(trusting.idleConnectionLoops.isEmpty)
        }
    }
}

/// Answers the first request of each connection with `200` and a keep-alive body, then closes the connection without
/// saying so, as a server does that drops idle connections.
private final class AnswerThenDropServer: Sendable {
    private let channel: any Channel
    private let accepted: Counter

    /// A count that the connections' initializer raises.
    private final class Counter: Sendable {
        let value = Mutex(0)
    }

    var port: Int { self.channel.localAddress?.port ?? 0 }
    var connectionCount: Int { self.accepted.value.withLock { $0 } }

    private init(channel: any Channel, accepted: Counter) {
        self.channel = channel
        self.accepted = accepted
    }

    static func start() async throws -> AnswerThenDropServer {
        let accepted = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { child in
                accepted.value.withLock { $0 += 1 }
                return child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(AnswerThenDrop())
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return AnswerThenDropServer(channel: channel, accepted: accepted)
    }

    func stop() async throws {
        try await self.channel.close()
    }
}

/// The connection handler of ``AnswerThenDropServer``.
private final class AnswerThenDrop: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var received = ""

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.received += String(buffer: Self.unwrapInboundIn(data))
        guard self.received.contains("\r\n\r\n") else { return }
        let answer = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
        // The answer is written at once (it is small); the close that follows does not say it is coming.
        context.writeAndFlush(Self.wrapOutboundOut(ByteBuffer(string: answer)), promise: nil)
        context.close(promise: nil)
    }
}
