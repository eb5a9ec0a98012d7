import LambdaRuntime
import NIOCore
import NIOSSL

/// One request on its way down a connection's pipeline, with the promise its answer fulfils.
struct HTTPExchange: Sendable {
    /// The request's bytes: its line, its headers (``AWSHTTPRequest/head()``) and its body.
    let request: ByteBuffer
    /// When the exchange fails with ``timedOutError`` and the connection is closed, unless answered before.
    let deadline: NIODeadline
    /// The error of an exchange whose deadline passed.
    let timedOutError: AWSHTTPError
    /// Fulfilled with the answer, or failed with an ``AWSHTTPError``.
    let promise: EventLoopPromise<AWSHTTPResponse>
}

/// The last handler of a client connection: writes one ``HTTPExchange`` at a time and reads its answer with the
/// blocking connections' ``HTTPResponseReader``, fed the bytes as they arrive. It fails the exchange when the
/// connection errs or closes first, when the answer breaks HTTP/1.1 or outgrows its bounds, or when its deadline
/// passes.
///
/// Deadlines are kept by one timer on the connection's event loop, so that a call costs no task or thread of its own
/// to time. The timer is not cancelled when an answer comes: calls with the same timeout have ever later deadlines,
/// so the timer set for one exchange fires before the next one's is due and is set again for it then, and a
/// connection making a call after another schedules a timer about once per timeout, not once per call.
///
/// The connection reads and writes bytes, with no HTTP codec in the pipeline: the request was written in full by
/// the caller, and the reader frames the answer as it does on an invocation's thread, one parser for both.
final class HTTPExchangeHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = HTTPExchange
    typealias OutboundOut = ByteBuffer

    private let host: String
    private let reader: HTTPResponseReader
    private var pending: HTTPExchange?
    /// The timer, and when it fires: at or before the pending exchange's deadline.
    private var timer: (deadline: NIODeadline, scheduled: Scheduled<Void>)?

    /// A handler of a connection to `host` (named in its errors) that accepts answers with bodies of at most
    /// `maximumResponseByteCount`.
    init(host: String, maximumResponseByteCount: Int) {
        self.host = host
        self.reader = HTTPResponseReader(maxBodyBytes: maximumResponseByteCount)
    }

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
        if let timer = self.timer, timer.deadline <= exchange.deadline {
            // It fires first, and is then set again for this exchange.
        } else {
            self.setTimer(for: exchange.deadline, context: context)
        }
        context.write(self.wrapOutboundOut(exchange.request), promise: promise)
    }

    /// Sets the timer to fire at `deadline`, when it ends the pending exchange if that is due, or is set again for
    /// the pending exchange's later deadline.
    private func setTimer(for deadline: NIODeadline, context: ChannelHandlerContext) {
        self.timer?.scheduled.cancel()
        let scheduled = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            self.timer = nil
            guard let exchange = self.pending else { return }
            // Compared with the time it was set for, the loop's own clock, rather than read from the system's.
            guard exchange.deadline <= deadline else {
                self.setTimer(for: exchange.deadline, context: context)
                return
            }
            self.fail(exchange.timedOutError)
            context.close(promise: nil)
        }
        self.timer = (deadline, scheduled)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard self.pending != nil else {
            // Bytes nobody asked for: the stream can no longer be trusted to frame the next answer.
            context.close(promise: nil)
            return
        }
        var bytes = self.unwrapInboundIn(data)
        do throws(HTTPWireError) {
            while bytes.readableBytes > 0 {
                let taken = bytes.withUnsafeReadableBytes { self.reader.append($0) }
                bytes.moveReaderIndex(forwardBy: taken)
                if let response = try self.reader.nextResponse() {
                    // More than the answer asked for: the connection is not kept for another exchange.
                    let isClean = bytes.readableBytes == 0 && self.reader.unreadByteCount == 0
                    self.succeed(with: response, keepingConnection: isClean)
                    if !isClean { context.close(promise: nil) }
                    return
                }
            }
        } catch {
            self.fail(AWSHTTPError(error, host: self.host))
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        if self.pending != nil {
            // An answer whose body runs to the end of the connection ends here.
            do throws(HTTPWireError) {
                if let response = try self.reader.nextResponse(atEndOfStream: true) {
                    self.succeed(with: response, keepingConnection: false)
                }
            } catch {
                self.fail(AWSHTTPError(error, host: self.host))
            }
        }
        self.fail(AWSHTTPError(.connectionClosed, "The server closed the connection before answering in full"))
        self.timer?.scheduled.cancel()
        self.timer = nil
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

    private func succeed(with response: ReceivedHTTPResponse, keepingConnection: Bool) {
        guard let exchange = self.pending else { return }
        self.finish()
        exchange.promise.succeed(
            AWSHTTPResponse(
                status: response.status, headers: response.headers.fields,
                body: Array(response.body.readableBytesView),
                keepsConnection: response.keepsConnection && keepingConnection))
    }

    private func fail(_ error: AWSHTTPError) {
        guard let exchange = self.pending else { return }
        self.finish()
        exchange.promise.fail(error)
    }

    /// Forgets the pending exchange; the timer is left to fire (see the type's comment).
    private func finish() {
        self.pending = nil
    }
}
