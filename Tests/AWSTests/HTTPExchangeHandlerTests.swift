import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import AWS

/// The exchange handler's deadline on an embedded event loop, whose clock moves only when the test says: an exchange
/// not answered by its deadline fails as timed out and closes its connection, and an answered one's deadline never
/// fires, so the kept-alive connection stays open for the next call.
struct HTTPExchangeHandlerTests {
    private static let deadline = NIODeadline.uptimeNanoseconds(1_000_000_000)

    private func connection() throws -> (EmbeddedChannel, EventLoopPromise<AWSHTTPResponse>) {
        let channel = EmbeddedChannel(handler: HTTPExchangeHandler())
        _ = try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).wait()
        let promise = channel.eventLoop.makePromise(of: AWSHTTPResponse.self)
        let exchange = HTTPExchange(
            head: HTTPRequestHead(version: .http1_1, method: .POST, uri: "/"), body: ByteBuffer(string: "{}"),
            maximumResponseByteCount: 1024, deadline: Self.deadline,
            timedOutError: AWSHTTPError(.timedOut, "no answer in time"), promise: promise)
        try channel.writeOutbound(exchange)
        return (channel, promise)
    }

    @Test func anExchangeNotAnsweredByItsDeadlineTimesOutAndClosesItsConnection() throws {
        let (channel, promise) = try self.connection()
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(999_000_000))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(to: Self.deadline)
        #expect(throws: AWSHTTPError.self) { try promise.futureResult.wait() }
        #expect(!channel.isActive)
    }

    @Test func anAnsweredExchangesDeadlineLeavesItsConnectionOpen() throws {
        let (channel, promise) = try self.connection()
        try channel.writeInbound(
            HTTPClientResponsePart.head(
                HTTPResponseHead(version: .http1_1, status: .ok, headers: ["Content-Length": "0"])))
        try channel.writeInbound(HTTPClientResponsePart.end(nil))
        #expect(try promise.futureResult.wait().status == 200)
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(5_000_000_000))
        #expect(channel.isActive)
        _ = try channel.finish()
    }
}
