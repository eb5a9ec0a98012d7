import NIOCore
import NIOHTTP1
import NIOSSL

/// One request on its way down a connection's pipeline, with the promise its answer fulfils.
struct HTTPExchange: Sendable {
    /// The request line and headers.
    let head: HTTPRequestHead
    /// The body.
    let body: ByteBuffer
    /// The largest body accepted in answer.
    let maximumResponseByteCount: Int
    /// When the exchange fails with ``timedOutError`` and the connection is closed, unless answered before.
    let deadline: NIODeadline
    /// The error of an exchange whose deadline passed.
    let timedOutError: AWSHTTPError
    /// Fulfilled with the answer, or failed with an ``AWSHTTPError``.
    let promise: EventLoopPromise<AWSHTTPResponse>
}

/// The last handler of a client connection: writes one ``HTTPExchange`` at a time and collects its answer, failing it
/// when the connection errs or closes first, when the body outgrows its bound, or when its deadline passes (a timer
/// on the connection's event loop, so that a call costs no task or thread of its own to time).
final class HTTPExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = HTTPClientResponsePart
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = HTTPClientRequestPart

    private var pending: HTTPExchange?
    private var timeout: Scheduled<Void>?
    private var head: HTTPResponseHead?
    private var body = ByteBuffer()

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = self.unwrapOutboundIn(data)
        guard context.channel.isActive else {
            exchange.promise.fail(AWSHTTPError(.connectionClosed, "The connection closed before the request was sent"))
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        guard self.pending == nil else {
            exchange.promise.fail(AWSHTTPError(.connectionClosed, "The connection is already busy with a request"))
            promise?.fail(ChannelError.inappropriateOperationForState)
            return
        }
        self.pending = exchange
        self.head = nil
        self.body.clear()
        self.timeout = context.eventLoop.assumeIsolated().scheduleTask(deadline: exchange.deadline) {
            self.fail(exchange.timedOutError)
            context.close(promise: nil)
        }
        context.write(self.wrapOutboundOut(.head(exchange.head)), promise: nil)
        if exchange.body.readableBytes > 0 {
            context.write(self.wrapOutboundOut(.body(.byteBuffer(exchange.body))), promise: nil)
        }
        context.write(self.wrapOutboundOut(.end(nil)), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard let exchange = self.pending else { return }
        switch self.unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body(var part):
            guard self.body.readableBytes + part.readableBytes <= exchange.maximumResponseByteCount else {
                self.fail(
                    AWSHTTPError(
                        .responseTooLarge, "The answer is larger than \(exchange.maximumResponseByteCount) bytes"))
                context.close(promise: nil)
                return
            }
            self.body.writeBuffer(&part)
        case .end:
            guard let head = self.head else { return }
            self.finish()
            exchange.promise.succeed(
                AWSHTTPResponse(
                    status: Int(head.status.code), headers: head.headers.map { ($0.name, $0.value) },
                    body: Array(self.body.readableBytesView), keepsConnection: head.isKeepAlive))
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.fail(AWSHTTPError(.connectionClosed, "The server closed the connection before answering in full"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is NIOSSLError || error is BoringSSLError {
            self.fail(AWSHTTPError(.tlsFailed, "The TLS handshake failed (is the server's CA trusted?): \(error)"))
        } else {
            self.fail(AWSHTTPError(.connectionClosed, "The connection failed: \(error)"))
        }
        context.close(promise: nil)
    }

    private func fail(_ error: AWSHTTPError) {
        guard let exchange = self.pending else { return }
        self.finish()
        exchange.promise.fail(error)
    }

    /// Forgets the pending exchange and its timer.
    private func finish() {
        self.pending = nil
        self.timeout?.cancel()
        self.timeout = nil
    }
}
