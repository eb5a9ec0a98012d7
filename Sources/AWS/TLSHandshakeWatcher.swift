import NIOCore
import NIOTLS
import Synchronization

/// Completes `handshake` when the TLS handshake of its connection ends: with success, or with the reason it failed,
/// so that a connection is handed out only once TLS is up and a refused certificate is reported as such (not as a
/// connection that closed before the request, which is all a request written afterwards could tell).
final class TLSHandshakeWatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let handshake: EventLoopPromise<Void>

    /// A watcher that completes `handshake`.
    init(handshake: EventLoopPromise<Void>) {
        self.handshake = handshake
    }

    /// Where a connection's initializer leaves the future of its handshake for the code that connects.
    final class Slot: Sendable {
        let handshake = Mutex<EventLoopFuture<Void>?>(nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if case TLSUserEvent.handshakeCompleted = event {
            self.handshake.succeed()
            context.pipeline.syncOperations.removeHandler(self, promise: nil)
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.handshake.fail(
            AWSHTTPError(.tlsFailed, "The TLS handshake failed (is the server's CA trusted?): \(error)"))
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.handshake.fail(AWSHTTPError(.tlsFailed, "The server closed the connection during the TLS handshake"))
        context.fireChannelInactive()
    }
}
