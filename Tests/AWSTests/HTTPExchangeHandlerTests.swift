import NIOCore
import NIOEmbedded
import Testing

@testable import AWS

/// The exchange handler on an embedded channel, whose clock moves only when the test says and whose reads arrive as
/// the test cuts them: an answer is read whole however it is cut, one that breaks HTTP/1.1 or its bound fails its
/// exchange and closes the connection, and an exchange not answered by its deadline times out, while an answered
/// one's deadline never fires, so the kept-alive connection stays open for the next call.
struct HTTPExchangeHandlerTests {
    private static let deadline = NIODeadline.uptimeNanoseconds(1_000_000_000)

    private func connection() throws -> (EmbeddedChannel, EventLoopPromise<AWSHTTPResponse>) {
        let channel = EmbeddedChannel(
            handler: HTTPExchangeHandler(host: "dynamodb.test:443", maximumResponseByteCount: 1024))
        _ = try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 443)).wait()
        return (channel, try self.send(on: channel, deadline: Self.deadline))
    }

    /// Writes an exchange due at `deadline` on `channel`; returns the promise of its answer.
    private func send(on channel: EmbeddedChannel, deadline: NIODeadline) throws -> EventLoopPromise<AWSHTTPResponse> {
        let promise = channel.eventLoop.makePromise(of: AWSHTTPResponse.self)
        let exchange = HTTPExchange(
            request: ByteBuffer(string: "POST / HTTP/1.1\r\nHost: dynamodb.test\r\nContent-Length: 2\r\n\r\n{}"),
            deadline: deadline, timedOutError: AWSHTTPError(.timedOut, "no answer in time"), promise: promise)
        try channel.writeOutbound(exchange)
        return promise
    }

    /// What the handler wrote for the exchange, as text.
    private func written(on channel: EmbeddedChannel) throws -> String? {
        try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
    }

    @Test func theRequestIsWrittenAsItsBytes() throws {
        let (channel, _) = try self.connection()
        #expect(
            try self.written(on: channel) == "POST / HTTP/1.1\r\nHost: dynamodb.test\r\nContent-Length: 2\r\n\r\n{}")
        _ = try? channel.finish()
    }

    @Test(arguments: [1, 5, 1000])
    func anAnswerCutIntoReadsOfAnySizeIsReadWhole(pieceSize: Int) throws {
        let (channel, promise) = try self.connection()
        let answer = Array(
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 11\r\n\r\n{\"Item\":{}}"
                .utf8)
        for start in stride(from: 0, to: answer.count, by: pieceSize) {
            try channel.writeInbound(ByteBuffer(bytes: answer[start..<min(start + pieceSize, answer.count)]))
        }
        let response = try promise.futureResult.wait()
        #expect(response.status == 200)
        #expect(response.value(of: "content-type") == "application/x-amz-json-1.0")
        #expect(response.text == "{\"Item\":{}}")
        #expect(response.keepsConnection)
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test func anAnswerFollowedByBytesNobodyAskedForIsNotKeptAlive() throws {
        let (channel, promise) = try self.connection()
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200"))
        let response = try promise.futureResult.wait()
        #expect(response.text == "ok")
        #expect(!response.keepsConnection)
        #expect(!channel.isActive)
    }

    @Test func anAnswerWhoseBodyRunsToTheEndOfTheConnectionEndsWithIt() throws {
        let (channel, promise) = try self.connection()
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n{\"a\":"))
        try channel.writeInbound(ByteBuffer(string: "1}"))
        channel.pipeline.fireChannelInactive()
        let response = try promise.futureResult.wait()
        #expect(response.text == "{\"a\":1}")
        #expect(!response.keepsConnection)
    }

    @Test(arguments: [
        ("HTTP/1.1 200 OK\r\nContent-Length: 2000\r\n\r\n", AWSHTTPError.Code.responseTooLarge),
        ("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nTransfer-Encoding: gzip\r\n\r\n", .connectionClosed),
        ("SPDY/3 200 OK\r\n\r\n", .connectionClosed),
    ])
    func anAnswerThatBreaksHTTPOrItsBoundFailsAndClosesTheConnection(
        answer: String, code: AWSHTTPError.Code
    ) throws {
        let (channel, promise) = try self.connection()
        try channel.writeInbound(ByteBuffer(string: answer))
        let error = #expect(throws: AWSHTTPError.self) { try promise.futureResult.wait() }
        #expect(error?.code == code)
        #expect(error?.message.contains("dynamodb.test:443") == true)
        #expect(!channel.isActive)
    }

    @Test func aConnectionClosedInTheMiddleOfAnAnswerFailsItsExchange() throws {
        let (channel, promise) = try self.connection()
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nhalf"))
        channel.pipeline.fireChannelInactive()
        let error = #expect(throws: AWSHTTPError.self) { try promise.futureResult.wait() }
        #expect(error?.code == .connectionClosed)
    }

    @Test func anExchangeNotAnsweredByItsDeadlineTimesOutAndClosesItsConnection() throws {
        let (channel, promise) = try self.connection()
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(999_000_000))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(to: Self.deadline)
        #expect(throws: AWSHTTPError.self) { try promise.futureResult.wait() }
        #expect(!channel.isActive)
    }

    /// A connection whose first exchange, due at ``deadline``, was answered.
    private func answeredConnection() throws -> EmbeddedChannel {
        let (channel, promise) = try self.connection()
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        #expect(try promise.futureResult.wait().status == 200)
        return channel
    }

    @Test func anAnsweredExchangesDeadlineLeavesItsConnectionOpen() throws {
        let channel = try self.answeredConnection()
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(5_000_000_000))
        #expect(channel.isActive)
        _ = try channel.finish()
    }

    @Test func aLaterExchangeIsTimedByTheTimerOfAnEarlierOne() throws {
        let channel = try self.answeredConnection()
        let second = try self.send(on: channel, deadline: .uptimeNanoseconds(3_000_000_000))
        // The first exchange's timer fires, finds the second not yet due, and is set again for it.
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(2_000_000_000))
        #expect(channel.isActive)
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(3_000_000_000))
        let error = #expect(throws: AWSHTTPError.self) { try second.futureResult.wait() }
        #expect(error?.code == .timedOut)
        #expect(!channel.isActive)
    }

    @Test func anExchangeDueBeforeTheTimerSetsItEarlier() throws {
        let channel = try self.answeredConnection()
        let second = try self.send(on: channel, deadline: .uptimeNanoseconds(500_000_000))
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(500_000_000))
        let error = #expect(throws: AWSHTTPError.self) { try second.futureResult.wait() }
        #expect(error?.code == .timedOut)
    }
}
